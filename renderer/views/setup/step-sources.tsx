import { useState } from 'react';
import type { FieldError } from '../../../electron/core/api/contract';
import { cairn } from '../../bridge';
import { ExcludeList } from '../../components/exclude-list';
import { errorsByPath, Field } from '../../components/field';
import { useAction } from '../../hooks/use-invoke';
import { defaultSetName, type SourcesDraft } from './draft';
import { StepFrame } from './step-frame';

/**
 * Step 2: the folders to back up (picked with the native dialog: the core accepts no other new
 * paths), a name for the set, and what to leave out. `stateErrors` / `jobErrors` are the core's
 * answers from the save in step 5, shown here next to the fields they are about.
 */
export function StepSources({
  draft,
  onChange,
  stateErrors,
  jobErrors,
  onBack,
  onNext,
}: {
  draft: SourcesDraft;
  onChange: (draft: SourcesDraft) => void;
  stateErrors: readonly FieldError[];
  jobErrors: readonly FieldError[];
  onBack: () => void;
  onNext: () => void;
}) {
  const picking = useAction();
  const [tried, setTried] = useState(false);
  const stateError = errorsByPath(stateErrors);
  const jobError = errorsByPath(jobErrors);
  const noFolders = draft.folders.length === 0 ? 'Add at least one folder to back up.' : undefined;
  const noName = draft.name.trim() === '' ? 'Give these folders a name.' : undefined;

  const setFolders = (folders: string[]) =>
    onChange({ ...draft, folders, name: draft.nameEdited ? draft.name : defaultSetName(folders) });
  const addFolders = () =>
    picking.run(async () => {
      const { paths } = await cairn().invoke('dialog.pickFolders', { purpose: 'backup-folders', multiple: true });
      const added = paths.filter((path) => !draft.folders.includes(path));
      if (added.length > 0) setFolders([...draft.folders, ...added]);
    });

  const folderMessage = (tried ? noFolders : undefined) ?? stateErrors.find((e) => e.path === 'folders')?.message;
  return (
    <StepFrame
      title="What to back up"
      intro={<p>Choose the folders that matter to you. Your home folder is a good start; you can add more sets of folders later.</p>}
      onBack={onBack}
      next={{
        label: 'Next',
        onClick: () => {
          setTried(true);
          if (!noFolders && !noName) onNext();
        },
      }}
    >
      <div className={folderMessage ? 'field invalid' : 'field'}>
        <h3 id="setup-folders-title" className="field-title">
          Folders
        </h3>
        {draft.folders.length === 0 ? (
          <p className="muted">No folder yet.</p>
        ) : (
          <ul className="folder-list" aria-labelledby="setup-folders-title">
            {draft.folders.map((folder, index) => (
              <li key={folder}>
                <code>{folder}</code>
                <button type="button" className="link" aria-label={`Remove ${folder}`} onClick={() => setFolders(draft.folders.filter((f) => f !== folder))}>
                  Remove
                </button>
                {stateError(`folders.${index}`) && <p className="field-error">{stateError(`folders.${index}`)}</p>}
              </li>
            ))}
          </ul>
        )}
        <div className="actions">
          <button type="button" onClick={() => void addFolders()} disabled={picking.busy}>
            {picking.busy ? 'Choosing…' : 'Add folder…'}
          </button>
        </div>
        {picking.error && <p className="field-error" role="alert">{picking.error}</p>}
        {folderMessage && (
          <p className="field-error" role="alert">
            {folderMessage}
          </p>
        )}
      </div>
      <Field label="Name of this set of folders" help="Shown in the list of backups, e.g. “Home” or “Documents”." error={(tried ? noName : undefined) ?? stateError('name')}>
        <input type="text" value={draft.name} maxLength={64} onChange={(event) => onChange({ ...draft, name: event.target.value, nameEdited: true })} />
      </Field>
      <ExcludeList
        value={draft.exclude}
        onChange={(exclude) => onChange({ ...draft, exclude })}
        error={(index) => jobError(`exclude.${index}`)}
        legend="Leave out (recommended)"
      />
    </StepFrame>
  );
}
