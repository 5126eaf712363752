import { useState, type FormEvent } from 'react';
import type { FieldError } from '../../../electron/core/api/contract';
import { cairn } from '../../bridge';
import { useAction } from '../../hooks/use-invoke';
import { errorsByPath, Field } from '../field';
import { PassphraseFields, passphraseProblem, type PassphraseValue } from '../passphrase-fields';
import { suggestedName, type PairAnswer } from './model';
import { Refusal, StepHeading } from './step-heading';

type Paired = Extract<PairAnswer, { ok: true }>;
type Encryption = 'repokey-blake2' | 'none';

/**
 * Last screen: what pairing did on the server, then the borg repository there (created or
 * connected, its passphrase kept in the keychain) through `repositories.add`.
 */
export function RepositoryForm({
  host,
  path,
  paired,
  onDone,
  onCancel,
}: {
  host: string;
  path: string;
  paired: Paired;
  onDone: (result: { repositoryId: string }) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(() => suggestedName(host));
  const [mode, setMode] = useState<'create' | 'connect'>('create');
  const [encryption, setEncryption] = useState<Encryption>('repokey-blake2');
  const [passphrase, setPassphrase] = useState<PassphraseValue>({ passphrase: '', repeat: '' });
  const [showProblems, setShowProblems] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; errors: FieldError[] } | null>(null);
  const action = useAction();
  const errorAt = errorsByPath(refusal?.errors ?? []);
  const encrypted = encryption !== 'none';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (encrypted && passphraseProblem(passphrase, mode === 'create')) return;
    const result = await action.run(() =>
      cairn().invoke('repositories.add', {
        repository: {
          name: name.trim(),
          url: paired.repository.url,
          encryption,
          passphrase: { source: encrypted ? 'keychain' : 'none' },
          ssh: paired.repository.ssh,
        },
        mode,
        passphrase: encrypted ? passphrase.passphrase : null,
      }),
    );
    if (!result) return;
    if (result.ok) onDone({ repositoryId: result.id });
    else setRefusal({ message: result.message, errors: result.errors });
  };

  return (
    <form onSubmit={submit} noValidate aria-busy={action.busy}>
      <StepHeading>Paired with {host}</StepHeading>
      <div className="notice ok">
        <h4>What was done on the server</h4>
        <ul className="pair-done">
          {paired.done.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <h4>The backup repository in {path}</h4>
      {refusal && <Refusal message={refusal.message} />}
      {action.error && <Refusal message={action.error} />}
      <fieldset>
        <legend>Repository</legend>
        <label className="check">
          <input type="radio" name="repository-mode" checked={mode === 'create'} onChange={() => setMode('create')} />
          <span>Create a new repository there</span>
        </label>
        <label className="check">
          <input type="radio" name="repository-mode" checked={mode === 'connect'} onChange={() => setMode('connect')} />
          <span>Connect the repository already there</span>
        </label>
      </fieldset>
      <Field label="Name in Cairn" help="How Cairn shows this repository." error={errorAt('name')}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </Field>
      <Field
        label={mode === 'create' ? 'Encryption' : 'Its encryption'}
        help={encrypted ? 'The server only ever sees encrypted data.' : 'Anyone who can read the server can read your files.'}
        error={errorAt('encryption')}
      >
        <select value={encryption} onChange={(e) => setEncryption(e.target.value as Encryption)}>
          <option value="repokey-blake2">Encrypted with a passphrase (recommended)</option>
          <option value="none">Not encrypted</option>
        </select>
      </Field>
      {encrypted && (
        <PassphraseFields
          value={passphrase}
          onChange={setPassphrase}
          confirm={mode === 'create'}
          error={errorAt('passphrase')}
          showProblems={showProblems}
          label={mode === 'create' ? 'New passphrase' : "The repository's passphrase"}
        />
      )}
      {errorAt('url') && <p className="field-error">{errorAt('url')}</p>}
      <div className="actions">
        <button type="button" onClick={onCancel} disabled={action.busy}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? (mode === 'create' ? 'Creating…' : 'Connecting…') : mode === 'create' ? 'Create repository' : 'Connect repository'}
        </button>
      </div>
      <p className="muted">Cancelling keeps the server paired: Cairn's key stays in its authorized_keys.</p>
    </form>
  );
}
