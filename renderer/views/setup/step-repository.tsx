import { useId, useRef, useState } from 'react';
import type { EventPayload, FieldError } from '../../../electron/core/api/contract';
import type { EncryptionMode, RepositoryInput } from '../../../electron/core/config/schema';
import { cairn } from '../../bridge';
import { errorsByPath, Field } from '../../components/field';
import { PassphraseFields, passphraseProblem } from '../../components/passphrase-fields';
import { ServerPairing } from '../../components/server-pairing';
import { useAction, useEvent, useInvoke } from '../../hooks/use-invoke';
import { defaultRepositoryName, repositoryUrl, type RepositoryDraft, type Saved } from './draft';
import { EncryptionChoice } from './encryption-choice';
import { RepositoryLocation } from './repository-location';
import { StepFrame } from './step-frame';

type SavedRepository = NonNullable<Saved['repository']>;
const placedPaths = ['url', 'name', 'passphrase', 'encryption', 'removable'];

/**
 * Step 3: where backups go, and whether Cairn creates a new repository there or connects an
 * existing one. `repositories.add` does the borg work; its field errors show next to the fields
 * and everything typed is kept. Once saved, the step only shows what was set up.
 */
export function StepRepository({
  draft,
  onChange,
  saved,
  keychainAvailable,
  onSaved,
  onBack,
  onNext,
}: {
  draft: RepositoryDraft;
  onChange: (draft: RepositoryDraft) => void;
  saved: SavedRepository | null;
  keychainAvailable: boolean;
  onSaved: (repository: SavedRepository) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const id = useId();
  const config = useInvoke('config.get', {});
  const configured = config.status === 'ready' ? config.data.repositories : [];
  const action = useAction();
  const [tried, setTried] = useState(false);
  const [result, setResult] = useState<{ message: string; errors: FieldError[]; atLocation: boolean } | null>(null);
  const [progress, setProgress] = useState<EventPayload<'maintenance.progress'> | null>(null);
  // The core reports the start of borg's work once the input is valid and the passphrase stored:
  // a refusal after that with no field named is borg failing at that location (missing, not a repository…).
  const borgStarted = useRef(false);
  useEvent('maintenance.progress', (event) => {
    if (event.operation !== 'init') return;
    borgStarted.current = true;
    setProgress(event);
  });

  if (saved) {
    return (
      <StepFrame title="Where backups go" onBack={onBack} next={{ label: 'Next', onClick: onNext }}>
        <div className="notice ok" role="status">
          <p>
            The repository <strong>{saved.name}</strong> is ready.
          </p>
        </div>
      </StepFrame>
    );
  }

  const error = errorsByPath(result?.atLocation ? [{ path: 'url', message: result.message }] : (result?.errors ?? []));
  const update = (patch: Partial<RepositoryDraft>) => {
    const next = { ...draft, ...patch };
    onChange(next.nameEdited ? next : { ...next, name: defaultRepositoryName(next) });
  };
  const encrypted = draft.mode === 'create' ? draft.encryption !== 'none' : true;
  const unplaced = result?.errors.filter((e) => !placedPaths.some((p) => e.path === p || e.path.startsWith(`${p}.`))) ?? [];

  const submit = async () => {
    setTried(true);
    if (draft.destination === 'existing') {
      const chosen = configured.find((r) => r.id === (draft.existingId || configured[0]?.id));
      if (chosen) onSaved({ id: chosen.id, name: chosen.name, created: false, encryption: chosen.encryption });
      return;
    }
    const url = repositoryUrl(draft);
    if (url === '' || draft.name.trim() === '') return;
    if (draft.mode === 'create' && encrypted && passphraseProblem(draft.passphrase, true)) return;
    // Connecting with no passphrase means the existing repository is not encrypted.
    const passphrase = draft.passphrase.passphrase === '' ? null : draft.passphrase.passphrase;
    const encryption: EncryptionMode | undefined = draft.mode === 'create' ? draft.encryption : passphrase === null ? 'none' : undefined;
    const repository: Omit<RepositoryInput, 'id'> = {
      name: draft.name.trim(),
      url,
      removable: draft.destination === 'local' && draft.removable,
      ...(encryption ? { encryption } : {}),
      passphrase: encryption === 'none' ? { source: 'none' } : { source: 'keychain' },
    };
    setResult(null);
    setProgress(null);
    borgStarted.current = false;
    const answer = await action.run(() =>
      cairn().invoke('repositories.add', { repository, mode: draft.mode, passphrase: encryption === 'none' ? null : passphrase }),
    );
    if (!answer) return;
    if (answer.ok) onSaved({ id: answer.id, name: repository.name, created: draft.mode === 'create', encryption: encryption ?? null });
    else setResult({ message: answer.message, errors: answer.errors, atLocation: answer.errors.length === 0 && borgStarted.current });
  };

  // The guided pairing adds the repository itself; the wizard then reads its name and encryption.
  const paired = ({ repositoryId }: { repositoryId: string }) =>
    void action.run(async () => {
      const { repositories } = await cairn().invoke('config.get', {});
      const added = repositories.find((r) => r.id === repositoryId);
      if (!added) throw new Error('The paired repository is not in the configuration: try again.');
      // Offer the key copy for any encrypted repository on a server (new, or connected with its key).
      onSaved({ id: added.id, name: added.name, created: added.encryption !== 'none', encryption: added.encryption });
    });

  const nameMissing = tried && draft.destination !== 'existing' && draft.name.trim() === '' ? 'Give the repository a name.' : undefined;
  const creating = draft.mode === 'create';
  return (
    <StepFrame
      title="Where backups go"
      intro={<p>Backups are kept in a borg repository: a folder that holds every version of your files, deduplicated and encrypted.</p>}
      onBack={onBack}
      next={
        draft.destination === 'server'
          ? undefined
          : {
              label: draft.destination === 'existing' ? 'Use this repository' : creating ? 'Create repository' : 'Connect repository',
              busyLabel: creating ? 'Creating…' : 'Connecting…',
              busy: action.busy,
              onClick: () => void submit(),
            }
      }
      footer={
        <div className="progress-block" aria-live="polite">
          {action.busy && (
            <>
              <progress aria-label={creating ? 'Creating the repository' : 'Connecting'} {...(progress?.percent != null ? { value: progress.percent, max: 100 } : {})} />
              <p className="progress-text">{progress?.message ?? (creating ? 'Creating the repository…' : 'Opening the repository…')}</p>
            </>
          )}
        </div>
      }
    >
      <RepositoryLocation draft={draft} update={update} urlError={error('url')} tried={tried} configured={configured} />
      {draft.destination === 'server' && <ServerPairing onDone={paired} onCancel={() => update({ destination: 'local' })} />}
      {(draft.destination === 'local' || draft.destination === 'ssh') && (
        <>
          <fieldset>
            <legend>New or existing?</legend>
            <div className="check">
              <input type="radio" id={`${id}-create`} name={`${id}-mode`} checked={creating} onChange={() => update({ mode: 'create' })} />
              <label htmlFor={`${id}-create`}>Create a new encrypted repository</label>
            </div>
            <div className="check">
              <input type="radio" id={`${id}-connect`} name={`${id}-mode`} checked={!creating} onChange={() => update({ mode: 'connect' })} />
              <label htmlFor={`${id}-connect`}>
                Connect an existing repository <span className="muted">— one made earlier, by Cairn or borg</span>
              </label>
            </div>
          </fieldset>
          <Field label="Name of this repository" help="How Cairn calls it, e.g. the disk's or the server's name." error={nameMissing ?? error('name')}>
            <input type="text" maxLength={64} value={draft.name} onChange={(event) => onChange({ ...draft, name: event.target.value, nameEdited: true })} />
          </Field>
          {creating && <EncryptionChoice value={draft.encryption} onChange={(encryption) => update({ encryption })} error={error('encryption')} />}
          {!keychainAvailable && encrypted && (
            <div className="notice warning">
              <p>The system keychain is not available, so Cairn cannot keep a passphrase: encrypted repositories can't be {creating ? 'created' : 'used'} until it is.</p>
            </div>
          )}
          {encrypted && (
            <PassphraseFields
              value={draft.passphrase}
              onChange={(passphrase) => update({ passphrase })}
              confirm={creating}
              error={error('passphrase')}
              showProblems={tried && creating}
              label={creating ? 'Passphrase' : 'Passphrase (leave empty if the repository is not encrypted)'}
            />
          )}
        </>
      )}
      {action.error && (
        <div className="notice error" role="alert">
          <p>{action.error}</p>
        </div>
      )}
      {result && !result.atLocation && (result.errors.length === 0 || unplaced.length > 0) && (
        <div className="notice error" role="alert">
          <p>{result.message}</p>
          {unplaced.map((e) => (
            <p key={e.path}>
              <code>{e.path}</code>: {e.message}
            </p>
          ))}
        </div>
      )}
    </StepFrame>
  );
}
