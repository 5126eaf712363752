import { useId, type FormEvent } from 'react';
import { Field } from '../field';
import type { OptionsForm } from './model';
import { Refusal, StepHeading } from './step-heading';

/** Third screen: where the backups go on the server and what this computer may do there. */
export function OptionsFormStep({
  host,
  user,
  value,
  onChange,
  errorAt,
  refusal,
  onPair,
  onBack,
  onCancel,
}: {
  host: string;
  user: string;
  value: OptionsForm;
  onChange: (value: OptionsForm) => void;
  errorAt: (path: string) => string | undefined;
  refusal: { message: string; hint: string | null } | null;
  onPair: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const appendHelp = useId();
  const set = (patch: Partial<OptionsForm>) => onChange({ ...value, ...patch });
  const advancedError = errorAt('advanced');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onPair();
  };

  return (
    <form onSubmit={submit} noValidate>
      <StepHeading>Where on {host}?</StepHeading>
      {refusal && <Refusal message={refusal.message} hint={refusal.hint} />}
      <Field
        label="Folder on the server"
        help={`An absolute path ${user} can write to. Cairn creates it if needed; this computer's key can reach nothing else.`}
        error={errorAt('path')}
      >
        <input value={value.path} onChange={(e) => set({ path: e.target.value })} placeholder="/srv/borg/laptop" spellCheck={false} autoComplete="off" />
      </Field>
      <div className="field">
        <label className="check">
          <input type="checkbox" checked={value.appendOnly} onChange={(e) => set({ appendOnly: e.target.checked })} aria-describedby={appendHelp} />
          <span>Append-only (recommended)</span>
        </label>
        <p id={appendHelp} className="help indent">
          This computer can add backups but never delete them: if it is stolen or hit by ransomware, the backups on the
          server stay. Cleaning up old backups then frees no space until it is done on the server itself.
        </p>
      </div>
      <Field label="Storage limit (optional)" help="The most this computer may store there, like 500G. Leave empty for no limit." error={errorAt('quota')}>
        <input value={value.quota} onChange={(e) => set({ quota: e.target.value })} placeholder="500G" spellCheck={false} autoComplete="off" className="short" />
      </Field>
      <details className="pairing-advanced" open={advancedError !== undefined || undefined}>
        <summary>Advanced</summary>
        <Field label="authorized_keys file on the server" help="Where sshd on the server looks for keys (relative to the home folder)." error={errorAt('advanced.authorizedKeysFile')}>
          <input value={value.authorizedKeysFile} onChange={(e) => set({ authorizedKeysFile: e.target.value })} placeholder=".ssh/authorized_keys" spellCheck={false} />
        </Field>
        <Field label="borg on the server" help="Leave empty to use the borg found in the login's PATH." error={errorAt('advanced.remoteBorg')}>
          <input value={value.remoteBorg} onChange={(e) => set({ remoteBorg: e.target.value })} placeholder="borg" spellCheck={false} />
        </Field>
        <Field label="Environment for borg on the server" help="One BORG_NAME=value per line, e.g. BORG_BASE_DIR for an account without a home folder." error={errorAt('advanced.serveEnvironment')}>
          <textarea value={value.serveEnvironment} onChange={(e) => set({ serveEnvironment: e.target.value })} rows={2} spellCheck={false} />
        </Field>
      </details>
      <div className="actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Pair with {host}
        </button>
      </div>
    </form>
  );
}
