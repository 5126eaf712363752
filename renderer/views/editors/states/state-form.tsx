import type { State } from '../../../../electron/core/config/schema';
import { cairn } from '../../../bridge';
import { errorsByPath, Field } from '../../../components/field';
import type { Navigate } from '../../../navigation';
import { useDeleteItem } from '../delete-item';
import { Advanced } from '../form-bits';
import { EditorActions } from '../master-detail';
import { useDraft, useReportDirty } from '../use-draft';
import { FolderList } from './folder-list';

interface StateFormValue {
  name: string;
  folders: string[];
  preBackupScript: string;
  postBackupScript: string;
}

const formOf = (state: State | undefined): StateFormValue => ({
  name: state?.name ?? '',
  folders: state?.folders ?? [],
  preBackupScript: state?.preBackupScript ?? '',
  postBackupScript: state?.postBackupScript ?? '',
});

const labels: Record<string, string> = { name: 'Name', folders: 'Folders', preBackupScript: 'Before the backup', postBackupScript: 'After the backup' };

/** The form of one state (a named set of folders and its scripts), new or existing. */
export function StateForm({
  state,
  onSaved,
  onRemoved,
  onDirtyChange,
  navigate,
}: {
  state: State | undefined;
  onSaved: (id: string) => void;
  onRemoved: () => void;
  onDirtyChange: (dirty: boolean) => void;
  navigate: Navigate;
}) {
  const draft = useDraft(formOf(state));
  const form = draft.value;
  const error = errorsByPath(draft.errors);
  const isNew = state === undefined;
  useReportDirty(draft.dirty, onDirtyChange);
  const deletion = useDeleteItem({ kind: 'state', id: state?.id, name: state?.name ?? '', navigate, onRemoved });

  const save = async () => {
    const id = await draft.save((value) =>
      cairn().invoke('states.save', {
        state: {
          ...(state ? { id: state.id } : {}),
          name: value.name,
          folders: value.folders,
          preBackupScript: value.preBackupScript.trim() || undefined,
          postBackupScript: value.postBackupScript.trim() || undefined,
        },
      }),
    );
    if (id) onSaved(id);
  };

  return (
    <form
      className="editor-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2>{isNew ? 'New folder set' : state.name}</h2>
      <Field label="Name" help="How jobs and the dashboard call these folders, e.g. “Documents”." error={error('name')}>
        <input type="text" value={form.name} onChange={(e) => draft.update({ name: e.target.value })} maxLength={64} />
      </Field>
      <FolderList folders={form.folders} onChange={(folders) => draft.update({ folders })} errors={draft.errors} />
      <Advanced
        summary="Scripts before and after the backup"
        initiallyOpen={Boolean(form.preBackupScript || form.postBackupScript)}
        hasError={draft.errors.some((e) => e.path.endsWith('BackupScript'))}
      >
        <p className="help">
          Shell commands (run with <code>sh -c</code>), for example to dump a database into one of the folders or to pause a sync client.
        </p>
        <Field
          label="Before the backup"
          help="Runs before anything is read. If it exits with a code other than 0, the backup is not made and the run counts as failed."
          error={error('preBackupScript')}
        >
          <textarea value={form.preBackupScript} onChange={(e) => draft.update({ preBackupScript: e.target.value })} spellCheck={false} />
        </Field>
        <Field
          label="After the backup"
          help={
            <>
              Runs after the backup, whether it worked or not; <code>$exitStatus</code> is 0 when it worked, 1 with warnings, 2 when it failed.
            </>
          }
          error={error('postBackupScript')}
        >
          <textarea value={form.postBackupScript} onChange={(e) => draft.update({ postBackupScript: e.target.value })} spellCheck={false} />
        </Field>
      </Advanced>
      <EditorActions draft={draft} isNew={isNew} onDelete={deletion.start} deleting={deletion.checking} deleteLabel="Delete…" fieldLabel={(p) => labels[p.split('.')[0] ?? p] ?? p} />
      {deletion.error && <p className="notice error" role="alert">{deletion.error}</p>}
      {deletion.dialog}
    </form>
  );
}
