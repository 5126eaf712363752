import type { ArchiveRow } from '../../../electron/core/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { cairn } from '../../bridge';
import { useAction } from '../../hooks/use-invoke';

/** Asks before deleting one archive, says when its space comes back, then deletes it. */
export function DeleteArchiveDialog({
  repositoryId,
  repositoryName,
  archive,
  onDone,
  onCancel,
}: {
  repositoryId: string;
  repositoryName: string;
  archive: ArchiveRow;
  onDone: () => void;
  onCancel: () => void;
}) {
  const action = useAction();
  const confirm = async () => {
    const result = await action.run(() => cairn().invoke('archives.delete', { repositoryId, archiveName: archive.name }));
    if (result) onDone();
  };
  return (
    <ConfirmDialog
      title="Delete this archive?"
      confirmLabel="Delete archive"
      danger
      busy={action.busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <p>
        <strong className="archive-name">{archive.name}</strong> will be deleted from {repositoryName}. Its files can no
        longer be restored from it; other archives are not affected.
      </p>
      <p className="muted">The space it uses comes back only after the repository is compacted.</p>
      {action.error && (
        <p className="error" role="alert">{action.error}</p>
      )}
    </ConfirmDialog>
  );
}
