import { schedulePresets, type Schedule } from '../config/schema.js';

/** A named schedule the UI offers next to free cron expressions. */
export type SchedulePreset = (typeof schedulePresets)[number];

/**
 * The presets as cron expressions (local time) with their wording: one table, so the timers, the
 * window and the tray say the same thing. Daily and weekly run at noon rather than midnight: a
 * laptop is far more likely to be awake then (catch-up covers the days it is not).
 */
export const presetTable = {
  hourly: { cron: '0 * * * *', description: 'every hour' },
  daily: { cron: '0 12 * * *', description: 'daily at 12:00' },
  weekly: { cron: '0 12 * * 1', description: 'weekly on Monday at 12:00' },
} as const satisfies Record<SchedulePreset, { cron: string; description: string }>;

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
