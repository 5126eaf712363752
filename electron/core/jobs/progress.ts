import type { BorgEvent } from '../borg/types.js';

/** The steps of a run, in order, as shown to a person. */
export type RunPhase = 'starting' | 'pre-hooks' | 'create' | 'prune' | 'compact' | 'check' | 'post-hooks';

/** What subscribers see while a job runs. */
export interface RunProgress {
  runId: string;
  jobId: string;
  phase: RunPhase;
  /** Files finished so far (create). */
  files?: number | undefined;
  /** Bytes read so far (create). */
  originalSize?: number | undefined;
  deduplicatedSize?: number | undefined;
  /** The file borg is on. */
  path?: string | undefined;
  /** 0–100 for steps that know their total (check, compact). */
  percent?: number | undefined;
  message?: string | undefined;
}

/** Turns one borg event into a progress update for the given phase, or nothing. */
export function progressFromEvent(base: Pick<RunProgress, 'runId' | 'jobId' | 'phase'>, event: BorgEvent): RunProgress | null {
  switch (event.type) {
    case 'archive_progress':
      if (event.finished) return null;
      return {
        ...base,
        files: event.nfiles,
        originalSize: event.originalSize,
        deduplicatedSize: event.deduplicatedSize,
        path: event.path,
      };
    case 'progress_percent':
      if (event.finished || !event.total) return null;
      return { ...base, percent: Math.min(100, (100 * (event.current ?? 0)) / event.total), message: event.message?.trim() };
    case 'progress_message':
      return event.finished ? null : { ...base, message: event.message };
    default:
      return null;
  }
}
