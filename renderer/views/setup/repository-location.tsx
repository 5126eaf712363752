import { useId } from 'react';
import type { MethodOutput } from '../../../electron/core/api/contract';
import { cairn } from '../../bridge';
import { Field } from '../../components/field';
import { useAction } from '../../hooks/use-invoke';
import { looksRemovable, repositoryUrl, type Destination, type RepositoryDraft } from './draft';

type ConfiguredRepository = MethodOutput<'config.get'>['repositories'][number];

const destinations: readonly { key: Destination; label: string; detail: string }[] = [
  { key: 'local', label: 'A folder or removable disk', detail: 'an external drive, a USB stick, a second disk' },
  { key: 'server', label: 'Back up to a server (guided)', detail: 'Cairn sets up its own ssh access and the repository' },
  { key: 'ssh', label: 'An SSH address', detail: 'a server you already reach with ssh, with borg installed' },
];

/**
 * Where the repository is: a folder picked with the native dialog (the new repository goes in a
 * `cairn-backup` subfolder), an SSH address, or one already configured by an earlier attempt.
 */
export function RepositoryLocation({
  draft,
  update,
  urlError,
  tried,
  configured,
}: {
  draft: RepositoryDraft;
  update: (patch: Partial<RepositoryDraft>) => void;
  urlError: string | undefined;
  tried: boolean;
  configured: readonly ConfiguredRepository[];
}) {
  const id = useId();
  const picking = useAction();
  const choose = () =>
    picking.run(async () => {
      const { paths } = await cairn().invoke('dialog.pickFolders', { purpose: 'repository-folder', multiple: false });
      const [path] = paths;
      if (path) update({ localFolder: path, removable: draft.localFolder === null ? looksRemovable(path) : draft.removable });
    });
  const choices = configured.length > 0 ? [...destinations, { key: 'existing' as const, label: 'A repository set up earlier', detail: 'already known to Cairn' }] : destinations;
  const missingFolder = tried && draft.destination === 'local' && !draft.localFolder ? 'Choose a folder for the backups.' : undefined;
  const missingUrl = tried && draft.destination === 'ssh' && draft.sshUrl.trim() === '' ? 'Type the server address.' : undefined;
  const folderError = missingFolder ?? (draft.destination === 'local' ? urlError : undefined);

  return (
    <>
      <fieldset>
        <legend>Where should the backups go?</legend>
        {choices.map((choice) => (
          <div className="check" key={choice.key}>
            <input
              type="radio"
              id={`${id}-${choice.key}`}
              name={`${id}-destination`}
              checked={draft.destination === choice.key}
              onChange={() => update({ destination: choice.key })}
            />
            <label htmlFor={`${id}-${choice.key}`}>
              {choice.label} <span className="muted">— {choice.detail}</span>
            </label>
          </div>
        ))}
      </fieldset>

      {draft.destination === 'local' && (
        <div className={folderError ? 'field invalid' : 'field'} role="group" aria-labelledby={`${id}-folder-title`}>
          <h3 className="field-title" id={`${id}-folder-title`}>
            Folder
          </h3>
          <p>
            {draft.localFolder ? <code>{draft.localFolder}</code> : <span className="muted">No folder chosen yet.</span>}{' '}
            <button type="button" onClick={() => void choose()} disabled={picking.busy} aria-describedby={folderError ? `${id}-folder-error` : undefined}>
              {picking.busy ? 'Choosing…' : draft.localFolder ? 'Choose another folder…' : 'Choose folder…'}
            </button>
          </p>
          {draft.localFolder && (
            <p className="help">
              {draft.mode === 'create' ? 'The new repository will be created at ' : 'The repository at '}
              <code>{repositoryUrl(draft)}</code>
              {draft.mode === 'create' ? '.' : ' will be connected.'}
            </p>
          )}
          {(folderError ?? picking.error) && (
            <p id={`${id}-folder-error`} className="field-error" role="alert">
              {folderError ?? picking.error}
            </p>
          )}
          <div className="check">
            <input type="checkbox" id={`${id}-removable`} checked={draft.removable} onChange={(event) => update({ removable: event.target.checked })} />
            <label htmlFor={`${id}-removable`}>
              It's a removable disk <span className="muted">— while it is unplugged, backups are skipped instead of failing</span>
            </label>
          </div>
        </div>
      )}

      {draft.destination === 'ssh' && (
        <Field
          label="Server address"
          help={
            <>
              <code>user@host:path</code> or <code>ssh://user@host:port/path</code>. Borg 1.2 must be installed on the server.
            </>
          }
          error={missingUrl ?? urlError}
        >
          <input
            type="text"
            className="mono"
            spellCheck={false}
            autoComplete="off"
            placeholder="me@nas.local:backups/laptop"
            value={draft.sshUrl}
            onChange={(event) => update({ sshUrl: event.target.value })}
          />
        </Field>
      )}

      {draft.destination === 'existing' && (
        <Field label="Repository">
          <select value={draft.existingId || configured[0]?.id} onChange={(event) => update({ existingId: event.target.value })}>
            {configured.map((repository) => (
              <option key={repository.id} value={repository.id}>
                {repository.name} — {repository.url}
              </option>
            ))}
          </select>
        </Field>
      )}
    </>
  );
}
