import type { FieldError } from '../../../electron/core/api/contract';
import type { PruneKeep } from '../../../electron/core/config/schema';
import { errorsByPath, Field } from '../../components/field';
import { RetentionPicker } from '../../components/retention-picker';
import { SchedulePicker } from '../../components/schedule-picker';
import type { ScheduleDraft } from './draft';
import { StepFrame } from './step-frame';

const placed = ['name', 'schedule', 'prune'];

/** Step 5: the job's name, when it runs and which old backups it keeps; saving starts the first backup. */
export function StepSchedule({
  draft,
  onChange,
  errors,
  failure,
  busy,
  onBack,
  onSave,
}: {
  draft: ScheduleDraft;
  onChange: (draft: ScheduleDraft) => void;
  errors: readonly FieldError[];
  /** Why the last save failed, when not all of it is about a field on this step. */
  failure: string | null;
  busy: boolean;
  onBack: () => void;
  onSave: () => void;
}) {
  const error = errorsByPath(errors);
  const elsewhere = errors.filter((e) => !placed.some((p) => e.path === p || e.path.startsWith(`${p}.`)));
  return (
    <StepFrame
      title="When to back up"
      intro={<p>Cairn backs up in the background on this schedule, and catches up after the computer was asleep or off.</p>}
      onBack={onBack}
      next={{ label: 'Save and start the first backup', busyLabel: 'Saving…', busy, onClick: onSave }}
    >
      <Field label="Name of this backup" error={error('name')}>
        <input type="text" maxLength={64} value={draft.jobName} onChange={(event) => onChange({ ...draft, jobName: event.target.value, jobNameEdited: true })} />
      </Field>
      <SchedulePicker value={draft.schedule} onChange={(schedule) => onChange({ ...draft, schedule })} error={error('schedule')} />
      <RetentionPicker value={draft.keep} onChange={(keep) => onChange({ ...draft, keep })} errors={(rule: keyof PruneKeep) => error(`prune.keep.${rule}`)} />
      {(failure || elsewhere.length > 0) && (
        <div className="notice error" role="alert">
          {failure && <p>{failure}</p>}
          {elsewhere.map((e) => (
            <p key={e.path}>
              <code>{e.path}</code>: {e.message}
            </p>
          ))}
        </div>
      )}
    </StepFrame>
  );
}
