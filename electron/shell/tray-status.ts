import type { Config } from '../core/config/schema.js';
import type { RunProgress } from '../core/jobs/progress.js';
import type { RunRecord } from '../core/jobs/run-record.js';
import type { TrayJob } from './tray-menu.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the tray reads from the engine and the scheduler for each job. */
export interface LiveJobState {
  stateOf(jobId: string): TrayJob['state'];
  progressOf(jobId: string): RunProgress | undefined;
  nextRun(jobId: string): Date | null;
  waitingFor(jobId: string): TrayJob['waiting'];
}

/** Each job's tray status from the config, the history (oldest first) and the live state. */
export function trayJobs(config: Config, history: readonly RunRecord[], live: LiveJobState, now: Date): TrayJob[] {
  const lastSuccess = new Map<string, RunRecord>();
  const lastCounted = new Map<string, RunRecord>();
  for (const record of history) {
    if (record.outcome === 'ok' || record.outcome === 'warning') lastSuccess.set(record.jobId, record);
    if (record.outcome !== 'skipped') lastCounted.set(record.jobId, record);
  }
  const staleMs = config.settings.staleAfterDays * DAY_MS;
  return config.jobs.map((job) => {
    const success = lastSuccess.get(job.id);
    const successAt = success ? new Date(success.end) : null;
    const first = history.find((r) => r.jobId === job.id);
    // Stale: the last success (or, with none, the first attempt) is older than the threshold.
    const since = successAt ?? (first ? new Date(first.start) : null);
    const progress = live.progressOf(job.id);
    return {
      id: job.id,
      name: job.name,
      state: live.stateOf(job.id),
      progress: progress ? { phase: progress.phase, percent: progress.percent, files: progress.files } : null,
      lastSuccessAt: successAt,
      lastOutcome: lastCounted.get(job.id)?.outcome ?? null,
      stale: since !== null && now.getTime() - since.getTime() > staleMs,
      nextRunAt: job.schedule.kind === 'manual' ? null : live.nextRun(job.id),
      waiting: live.waitingFor(job.id),
    };
  });
}
