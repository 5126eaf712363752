import type schedule from 'node-schedule';
import { parseRepositoryUrl } from '../borg/repository-url.js';
import type { Config, Job } from '../config/schema.js';
import { watchForPath, type PathWatch } from './path-watch.js';
import { cronOf } from './presets.js';
import type { ScheduleTrigger, WaitingReason } from './types.js';

/** A slot that is owed a run. `deferred`: it did not start on time, so the history decides if it still must. */
export interface Due {
  slot: number;
  trigger: ScheduleTrigger;
  notBefore: number;
  deferred: boolean;
}

/** What the scheduler keeps for one scheduled job. */
export interface JobEntry {
  job: Job;
  cron: string;
  /** The repository's local path when it is on a removable disk. */
  diskPath: string | null;
  timer: schedule.Job | null;
  next: Date | null;
  /** The latest slot already handled (run, or owed as `due`): the timer and catch-up paths share it. */
  handled: number | null;
  due: Due | null;
  waiting: WaitingReason | null;
  watch: PathWatch | null;
}

/** The entry for a job with a schedule (null for a manual job); what was handled or owed carries over from `previous`. */
export function createEntry(config: Config, job: Job, previous: JobEntry | undefined): JobEntry | null {
  const cron = cronOf(job.schedule);
  if (cron === null) return null;
  return {
    job,
    cron,
    diskPath: removableDiskPath(config, job),
    timer: null,
    next: null,
    handled: previous?.handled ?? null,
    due: previous?.due ?? null,
    waiting: null,
    watch: null,
  };
}

/** Cancels the entry's timer and closes its disk watch. */
export function disposeEntry(entry: JobEntry): void {
  entry.timer?.cancel();
  entry.timer = null;
  closeDiskWatch(entry);
}

/** Watches for the entry's removable disk (once); `onAppear` is called when the repository path exists. */
export function watchDisk(entry: JobEntry, onAppear: () => void, log: (message: string) => void): void {
  if (entry.watch !== null || entry.diskPath === null) return;
  let appeared = false;
  const watch = watchForPath(
    entry.diskPath,
    () => {
      appeared = true;
      entry.watch = null;
      onAppear();
    },
    (message) => log(`${entry.job.name}: ${message}; it is checked again at its next slot`),
  );
  // The disk may have appeared while the watch was being set up (onAppear already ran).
  if (!appeared) entry.watch = watch;
}

/** Stops watching for the entry's disk. */
export function closeDiskWatch(entry: JobEntry): void {
  entry.watch?.close();
  entry.watch = null;
}

function removableDiskPath(config: Config, job: Job): string | null {
  const repository = config.repositories.find((r) => r.id === job.repositoryId);
  if (!repository?.removable) return null;
  const location = parseRepositoryUrl(repository.url);
  return location.kind === 'local' ? location.path : null;
}
