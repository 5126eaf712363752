import { presetTable, type SchedulePreset } from '../config/choices.js';
import type { Schedule } from '../config/schema.js';

export { presetTable, type SchedulePreset } from '../config/choices.js';

/** Each preset's cron expression, for the UI to show next to the preset's name. */
export const presetCron: Readonly<Record<SchedulePreset, string>> = {
  hourly: presetTable.hourly.cron,
  daily: presetTable.daily.cron,
  weekly: presetTable.weekly.cron,
};

/** The cron expression a job's timers follow, or null for a job that only runs when asked. */
export function cronOf(schedule: Schedule): string | null {
  if (schedule.kind === 'preset') return presetCron[schedule.preset];
  if (schedule.kind === 'cron') return schedule.expression;
  return null;
}

/** A schedule in words, for the job list and the tray ("daily at 12:00", "cron 0 9 * * 1-5"). */
export function describeSchedule(schedule: Schedule): string {
  if (schedule.kind === 'preset') return presetTable[schedule.preset].description;
  if (schedule.kind === 'cron') return `cron ${schedule.expression}`;
  return 'manual only';
}
