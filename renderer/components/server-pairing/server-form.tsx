import type { FormEvent } from 'react';
import { useInvoke } from '../../hooks/use-invoke';
import { Field } from '../field';
import type { ServerForm } from './model';
import { Refusal, StepHeading } from './step-heading';

/** First screen: which server, which account, and how to log in this once. */
export function ServerFormStep({
  value,
  onChange,
  errorAt,
  refusal,
  busy,
  onNext,
  onCancel,
}: {
  value: ServerForm;
  onChange: (value: ServerForm) => void;
  errorAt: (path: string) => string | undefined;
  refusal: { message: string; hint: string | null } | null;
  busy: boolean;
  onNext: () => void;
  onCancel: () => void;
}) {
  const login = useInvoke('ssh.loginOptions', {});
  const options = login.status === 'ready' ? login.data : { agentAvailable: false, keys: [] };
  const set = (patch: Partial<ServerForm>) => onChange({ ...value, ...patch });
  const chosenKey = options.keys.find((key) => key.file === value.keyFile);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onNext();
  };

  return (
    <form onSubmit={submit} noValidate aria-busy={busy}>
      <StepHeading>Which server?</StepHeading>
      <p className="muted">Cairn logs in once to set the server up, then uses its own key, which can only run borg there.</p>
      {refusal && <Refusal message={refusal.message} hint={refusal.hint} />}
      <div className="pairing-address">
        <Field label="Server" help="Its name or address on your network or the internet." error={errorAt('host')}>
          <input value={value.host} onChange={(e) => set({ host: e.target.value })} placeholder="backup.example.org" autoComplete="off" spellCheck={false} />
        </Field>
        <Field label="Port" error={errorAt('port')}>
          <input type="number" min={1} max={65535} value={value.port} onChange={(e) => set({ port: e.target.value })} className="port" />
        </Field>
      </div>
      <Field label="Your user name on the server" help="The account that will own the backups." error={errorAt('user')}>
        <input value={value.user} onChange={(e) => set({ user: e.target.value })} autoComplete="username" spellCheck={false} />
      </Field>

      <fieldset className={errorAt('auth') && !errorAt('auth.keyFile') && !errorAt('auth.passphrase') ? 'invalid' : undefined}>
        <legend>Log in this once with</legend>
        <label className="check">
          <input type="radio" name="auth" checked={value.authKind === 'password'} onChange={() => set({ authKind: 'password' })} />
          <span>My password</span>
        </label>
        {value.authKind === 'password' && (
          <div className="indent">
            <Field label="Password" help="Used only for this login; Cairn never stores it." error={errorAt('auth')}>
              <input type="password" value={value.password} onChange={(e) => set({ password: e.target.value })} autoComplete="current-password" />
            </Field>
          </div>
        )}
        <label className="check">
          <input
            type="radio"
            name="auth"
            checked={value.authKind === 'agent'}
            disabled={!options.agentAvailable}
            onChange={() => set({ authKind: 'agent' })}
          />
          <span>
            The keys in my ssh-agent{!options.agentAvailable && <span className="muted"> (no agent is running)</span>}
          </span>
        </label>
        {value.authKind === 'agent' && errorAt('auth') && <p className="field-error indent">{errorAt('auth')}</p>}
        <label className="check">
          <input
            type="radio"
            name="auth"
            checked={value.authKind === 'key'}
            disabled={options.keys.length === 0}
            onChange={() => set({ authKind: 'key', keyFile: value.keyFile || (options.keys[0]?.file ?? '') })}
          />
          <span>
            One of my keys{options.keys.length === 0 && <span className="muted"> (none found in ~/.ssh)</span>}
          </span>
        </label>
        {value.authKind === 'key' && (
          <div className="indent">
            <Field label="Key" error={errorAt('auth.keyFile') ?? (errorAt('auth.passphrase') ? undefined : errorAt('auth'))}>
              <select value={value.keyFile} onChange={(e) => set({ keyFile: e.target.value, keyPassphrase: '' })}>
                {options.keys.map((key) => (
                  <option key={key.file} value={key.file}>
                    {key.label}
                  </option>
                ))}
              </select>
            </Field>
            {chosenKey?.passphraseProtected && (
              <Field label="Passphrase of this key" help="Used only for this login." error={errorAt('auth.passphrase')}>
                <input type="password" value={value.keyPassphrase} onChange={(e) => set({ keyPassphrase: e.target.value })} autoComplete="off" />
              </Field>
            )}
          </div>
        )}
        {login.status === 'error' && <p className="muted">Cannot look for an ssh-agent or keys: {login.error}</p>}
      </fieldset>

      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Contacting the server…' : 'Next: check the server'}
        </button>
      </div>
    </form>
  );
}
