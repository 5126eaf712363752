/** How much a job needs the user: fine, worth a look, or broken. */
export type HealthLevel = 'ok' | 'warning' | 'error';

/** One job's health and the sentence explaining it (null when all is well). */
export interface JobHealth {
  level: HealthLevel;
  reason: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The part of a JobStatus health is judged on (kept structural: pure, and testable under Node). */
export interface HealthFacts {
  lastRun: { outcome: 'ok' | 'warning' | 'error' | 'cancelled' | 'skipped'; reason?: string | undefined } | null;
  lastSuccessAt: string | null;
}

/**
 * Whether a job needs attention: its last run failed or warned, it never made a backup, or (for a
 * scheduled job) its last success is older than the staleness setting.
 */
export function jobHealth(job: HealthFacts, options: { staleAfterDays: number | null; manual: boolean; now: Date }): JobHealth {
  const last = job.lastRun;
  if (last?.outcome === 'error') return { level: 'error', reason: last.reason ?? 'The last backup failed.' };
  if (job.lastSuccessAt === null) {
    return { level: 'warning', reason: last?.reason ?? 'It has not been backed up yet.' };
  }
  if (options.staleAfterDays !== null && !options.manual) {
    const age = options.now.getTime() - Date.parse(job.lastSuccessAt);
    if (age > options.staleAfterDays * DAY_MS) {
      const days = Math.floor(age / DAY_MS);
      return { level: 'warning', reason: `No successful backup for ${days} ${days === 1 ? 'day' : 'days'}.` };
    }
  }
  if (last?.outcome === 'warning') return { level: 'warning', reason: last.reason ?? 'The last backup finished with warnings.' };
  return { level: 'ok', reason: null };
}

/** The whole picture for the top of the dashboard: how many jobs need attention and the worst one. */
export function overallHealth(jobs: readonly { name: string; health: JobHealth }[]): {
  level: HealthLevel;
  count: number;
  worst: { name: string; reason: string } | null;
} {
  const needing = jobs.filter((j) => j.health.level !== 'ok');
  const worst = needing.find((j) => j.health.level === 'error') ?? needing[0];
  return {
    level: worst?.health.level ?? 'ok',
    count: needing.length,
    worst: worst ? { name: worst.name, reason: worst.health.reason ?? '' } : null,
  };
}
