import type { Job, Repository, State } from '../../../../electron/core/config/schema';
import { cairn } from '../../../bridge';
import { ExcludeList } from '../../../components/exclude-list';
import { errorsByPath, Field } from '../../../components/field';
import { RetentionPicker } from '../../../components/retention-picker';
import { SchedulePicker } from '../../../components/schedule-picker';
import type { Navigate } from '../../../navigation';
import { useDeleteItem } from '../delete-item';
import { FieldGroup } from '../form-bits';
import { EditorActions } from '../master-detail';
import { useDraft, useReportDirty } from '../use-draft';
import { JobConditions, JobStorageOptions } from './job-advanced';
import { jobFieldLabel, jobFormOf, jobInputOf } from './job-form-value';
import { JobHooks } from './job-hooks';

/** The form of one job: what it backs up, where, when, what it keeps, and every option of the model. */
export function JobForm({
  job,
  states,
  repositories,
  onSaved,
  onRemoved,
  onDirtyChange,
  navigate,
}: {
  job: Job | undefined;
  states: readonly State[];
  repositories: readonly Repository[];
  onSaved: (id: string) => void;
  onRemoved: () => void;
  onDirtyChange: (dirty: boolean) => void;
  navigate: Navigate;
}) {
  const draft = useDraft(jobFormOf(job, repositories.map((r) => r.id), states.map((s) => s.id)));
  const form = draft.value;
  const update = draft.update;
  const error = errorsByPath(draft.errors);
  const exact = (path: string) => draft.errors.find((e) => e.path === path)?.message;
  const isNew = job === undefined;
  useReportDirty(draft.dirty, onDirtyChange);
  const deletion = useDeleteItem({ kind: 'job', id: job?.id, name: job?.name ?? '', navigate, onRemoved });

  const save = async () => {
    const id = await draft.save((value) => cairn().invoke('jobs.save', { job: jobInputOf(value, job?.id) }));
    if (id) onSaved(id);
  };
  const toggleState = (id: string, on: boolean) =>
    update({ stateIds: on ? [...form.stateIds, id] : form.stateIds.filter((s) => s !== id) });
  // A job may still name a state deleted behind its back: keep it visible so it can be unticked.
  const unknownStates = form.stateIds.filter((id) => !states.some((s) => s.id === id));

  return (
    <form
      className="editor-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2>{isNew ? 'New job' : job.name}</h2>
      <Field label="Name" help="Shown in the tray, notifications and archive names." error={error('name')}>
        <input type="text" value={form.name} maxLength={64} onChange={(e) => update({ name: e.target.value })} />
      </Field>

      <FieldGroup legend="What to back up" error={error('stateIds')}>
        {states.length === 0 && (
          <p className="empty-inline">
            No folder sets yet.{' '}
            <button type="button" className="link" onClick={() => navigate({ view: 'states' })}>
              Add the folders to back up
            </button>{' '}
            first.
          </p>
        )}
        {states.map((state) => (
          <div className="check" key={state.id}>
            <input type="checkbox" id={`job-state-${state.id}`} checked={form.stateIds.includes(state.id)} onChange={(e) => toggleState(state.id, e.target.checked)} />
            <label htmlFor={`job-state-${state.id}`}>
              {state.name} <span className="muted">— {state.folders.join(', ')}</span>
            </label>
          </div>
        ))}
        {unknownStates.map((id) => (
          <div className="check" key={id}>
            <input type="checkbox" id={`job-state-${id}`} checked onChange={() => toggleState(id, false)} />
            <label htmlFor={`job-state-${id}`} className="error">
              “{id}” (no longer exists)
            </label>
          </div>
        ))}
      </FieldGroup>

      <Field
        label="Repository"
        help={
          repositories.length === 0 ? (
            <>
              No repository yet.{' '}
              <button type="button" className="link" onClick={() => navigate({ view: 'repositories' })}>
                Add where backups go
              </button>{' '}
              first.
            </>
          ) : (
            'Where the archives go.'
          )
        }
        error={error('repositoryId')}
      >
        <select value={form.repositoryId} onChange={(e) => update({ repositoryId: e.target.value })}>
          {!repositories.some((r) => r.id === form.repositoryId) && <option value={form.repositoryId}>{form.repositoryId ? `“${form.repositoryId}” (no longer exists)` : 'Choose…'}</option>}
          {repositories.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.url})
            </option>
          ))}
        </select>
      </Field>

      <SchedulePicker value={form.schedule} onChange={(schedule) => update({ schedule })} error={error('schedule')} />
      <JobConditions value={form} update={update} />

      <RetentionPicker value={form.keep} onChange={(keep) => update({ keep })} errors={(rule) => exact(`prune.keep.${rule}`)} />
      {!isNew && (
        <p className="help preview-prune">
          <button type="button" className="link" onClick={() => navigate({ view: 'archives', jobId: job.id, repositoryId: job.repositoryId })}>
            Preview what these rules remove
          </button>{' '}
          — shows, in the archives, what the saved rules would keep and delete. Nothing is deleted.
        </p>
      )}

      <ExcludeList value={form.exclude} onChange={(exclude) => update({ exclude })} error={(index) => exact(`exclude.${index}`)} />
      <JobStorageOptions value={form} update={update} errors={draft.errors} />
      <JobHooks value={form} update={update} errors={draft.errors} />

      <EditorActions draft={draft} isNew={isNew} onDelete={deletion.start} deleting={deletion.checking} deleteLabel="Delete…" fieldLabel={jobFieldLabel} />
      {deletion.error && <p className="notice error" role="alert">{deletion.error}</p>}
      {deletion.dialog}
    </form>
  );
}
