import type { FieldError } from '../../../../electron/core/api/contract';
import { useAction } from '../../../hooks/use-invoke';
import { cairn } from '../../../bridge';
import { FieldGroup } from '../form-bits';

/**
 * A state's folders: added only through the system's folder dialog (the core accepts no other new
 * path), each removable, each with the core's error next to it.
 */
export function FolderList({ folders, onChange, errors }: { folders: string[]; onChange: (folders: string[]) => void; errors: readonly FieldError[] }) {
  const picking = useAction();
  const pick = () =>
    void picking.run(async () => {
      const { paths } = await cairn().invoke('dialog.pickFolders', { purpose: 'backup-folders', multiple: true });
      const added = paths.filter((p) => !folders.includes(p));
      if (added.length > 0) onChange([...folders, ...added]);
    });
  const groupError = errors.find((e) => e.path === 'folders')?.message;
  return (
    <FieldGroup
      legend="Folders"
      help="Everything inside these folders is backed up, except what a job excludes."
      error={groupError}
    >
      {folders.length === 0 ? (
        <p className="empty-inline">No folders yet — add the folders to back up.</p>
      ) : (
        <ul className="folder-list">
          {folders.map((folder, index) => {
            const error = errors.find((e) => e.path === `folders.${index}`)?.message;
            return (
              <li key={folder} className={error ? 'invalid' : undefined}>
                <code className="path" title={folder}>{folder}</code>
                <button type="button" onClick={() => onChange(folders.filter((f) => f !== folder))} aria-label={`Remove ${folder}`}>
                  Remove
                </button>
                {error && <p className="field-error">{error}</p>}
              </li>
            );
          })}
        </ul>
      )}
      <div className="actions">
        <button type="button" onClick={pick} disabled={picking.busy}>
          {picking.busy ? 'Choosing…' : 'Add folder…'}
        </button>
      </div>
      {picking.error && <p className="field-error" role="alert">{picking.error}</p>}
    </FieldGroup>
  );
}
