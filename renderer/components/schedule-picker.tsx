import { useId, useState } from 'react';
import { presetTable } from '../../electron/core/config/choices';
import type { Schedule } from '../../electron/core/config/schema';

// Preset wording comes from the one table the timers and the tray use.
const choices = [
  { key: 'hourly', label: 'Every hour', detail: presetTable.hourly.description },
  { key: 'daily', label: 'Every day', detail: `${presetTable.daily.description}, when a laptop is most likely awake` },
  { key: 'weekly', label: 'Every week', detail: presetTable.weekly.description },
  { key: 'cron', label: 'Custom', detail: 'a cron expression' },
  { key: 'manual', label: 'Only manually', detail: 'when you click "Back up now"' },
] as const;

type ChoiceKey = (typeof choices)[number]['key'];

const keyOf = (schedule: Schedule): ChoiceKey => (schedule.kind === 'preset' ? schedule.preset : schedule.kind);

/**
 * Chooses when a job runs: a preset, a cron expression or manual only. Shared by the first-run
 * wizard and the jobs editor; `error` is the core's message for `schedule` or `schedule.expression`.
 */
export function SchedulePicker({
  value,
  onChange,
  error,
  legend = 'When to back up',
}: {
  value: Schedule;
  onChange: (schedule: Schedule) => void;
  error?: string | undefined;
  legend?: string;
}) {
  const id = useId();
  // Remembers the typed expression while another choice is selected, so switching back restores it.
  const [expression, setExpression] = useState(value.kind === 'cron' ? value.expression : '0 9 * * 1-5');
  const selected = keyOf(value);
  const select = (key: ChoiceKey) => {
    if (key === 'cron') onChange({ kind: 'cron', expression });
    else if (key === 'manual') onChange({ kind: 'manual' });
    else onChange({ kind: 'preset', preset: key });
  };
  const cronId = `${id}-cron-expression`;
  const helpId = `${id}-cron-help`;
  const errorId = `${id}-error`;
  return (
    <fieldset className={error ? 'schedule-picker invalid' : 'schedule-picker'} aria-describedby={error && value.kind !== 'cron' ? errorId : undefined}>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <div className="check" key={choice.key}>
          <input
            type="radio"
            id={`${id}-${choice.key}`}
            name={`${id}-schedule`}
            checked={selected === choice.key}
            onChange={() => select(choice.key)}
          />
          <label htmlFor={`${id}-${choice.key}`}>
            {choice.label} <span className="muted">— {choice.detail}</span>
          </label>
        </div>
      ))}
      {value.kind === 'cron' && (
        <div className={error ? 'field invalid indent' : 'field indent'}>
          <label htmlFor={cronId}>Cron expression</label>
          <input
            id={cronId}
            type="text"
            className="mono"
            spellCheck={false}
            autoComplete="off"
            value={value.expression}
            aria-describedby={error ? `${helpId} ${errorId}` : helpId}
            aria-invalid={error ? true : undefined}
            onChange={(event) => {
              setExpression(event.target.value);
              onChange({ kind: 'cron', expression: event.target.value });
            }}
          />
          <p id={helpId} className="help">
            Five fields, local time: minute hour day-of-month month weekday. <code>30 9 * * 1-5</code> is 9:30 on weekdays.
          </p>
          {error && <p id={errorId} className="field-error">{error}</p>}
        </div>
      )}
      {error && value.kind !== 'cron' && <p id={errorId} className="field-error">{error}</p>}
    </fieldset>
  );
}
