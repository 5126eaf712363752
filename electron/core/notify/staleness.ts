import { CronExpressionParser } from 'cron-parser';
import type { Job, Schedule } from '../config/schema.js';
import type { RunRecord } from '../jobs/run-record.js';

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

const presetGapMs = { hourly: HOUR_MS, daily: DAY_MS, weekly: 7 * DAY_MS } as const;

/** Runs that made an archive: what "last successful backup" means. */
export function isSuccess(record: RunRecord): boolean {
  return record.outcome === 'ok' || record.outcome === 'warning';
}

/** The longest wait between two slots of a schedule (a weekday-only cron waits over the weekend). */
function longestGapMs(schedule: Schedule, now: Date): number {
  if (schedule.kind === 'preset') return presetGapMs[schedule.preset];
  if (schedule.kind === 'manual') return 0;
  try {
    const times = CronExpressionParser.parse(schedule.expression, { currentDate: now }).take(12).map((d) => d.getTime());
    return times.slice(1).reduce((longest, time, i) => Math.max(longest, time - (times[i] ?? time)), 0);
  } catch {
    return 0;
  }
}

/**
 * How long a job may go without a success before the user is warned, or null for a manual job
 * (it has no schedule to fall behind on). A schedule slower than the setting (weekly with the
 * default 3 days) gets one slot plus a day of grace, or it would warn before every run.
 */
export function staleAfterMs(job: Job, staleAfterDays: number, now: Date): number | null {
  if (job.schedule.kind === 'manual') return null;
  const setting = staleAfterDays * DAY_MS;
  const gap = longestGapMs(job.schedule, now);
  return gap >= setting ? gap + DAY_MS : setting;
}

/** Where a job stands: since when it has had no success and when that becomes "stale". */
export interface JobStaleness {
  since: Date;
  dueAt: Date;
  lastSuccess: RunRecord | undefined;
  /** The newest run since the last success: it usually says what is wrong. */
  lastAttempt: RunRecord | undefined;
}

/**
 * Measures from the last success; a job that never succeeded is measured from when Cairn first
 * saw it (`firstSeen`, kept in the policy's state file), so a new job that never runs still warns.
 */
export function assessJob(job: Job, records: readonly RunRecord[], firstSeen: Date, staleAfterDays: number, now: Date): JobStaleness | null {
  const threshold = staleAfterMs(job, staleAfterDays, now);
  if (threshold === null) return null;
  let lastSuccess: RunRecord | undefined;
  let lastRun: RunRecord | undefined;
  for (const record of records) {
    if (record.jobId !== job.id) continue;
    if (!lastRun || Date.parse(record.end) >= Date.parse(lastRun.end)) lastRun = record;
    if (isSuccess(record) && (!lastSuccess || Date.parse(record.end) >= Date.parse(lastSuccess.end))) lastSuccess = record;
  }
  const since = lastSuccess ? new Date(lastSuccess.end) : firstSeen;
  return {
    since,
    dueAt: new Date(since.getTime() + threshold),
    lastSuccess,
    lastAttempt: lastRun && lastRun !== lastSuccess ? lastRun : undefined,
  };
}
