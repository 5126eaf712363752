import { formatBytes, formatCount } from '../format.js';
import type { RunRecord } from '../jobs/run-record.js';
import type { Notice, NoticeAction } from './notice.js';

const openLog: NoticeAction = { id: 'open-log', label: 'Open log' };
const tryAgain: NoticeAction = { id: 'retry', label: 'Try again' };
const backUpNow: NoticeAction = { id: 'retry', label: 'Back up now' };
const openApp: NoticeAction = { id: 'open-app', label: 'Open Cairn' };

const MAX_PART = 180;

/** "the disk is gone" → "The disk is gone.": record reasons are fragments, notices want sentences. */
export function sentence(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  const short = trimmed.length > MAX_PART ? `${trimmed.slice(0, MAX_PART - 1).trimEnd()}…` : trimmed;
  // "preHook failed" names a setting: only a plain lowercase word is capitalized.
  const capital = /^[a-z]+\b/.test(short) ? short.charAt(0).toUpperCase() + short.slice(1) : short;
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * What makes two reasons "the same problem": counts and numbers (3 warnings, exit 2, pid 1234)
 * vary from run to run and must not make a known problem look new.
 */
export function problemId(text: string | undefined): string {
  return (text ?? 'unknown').trim().replace(/\d+/g, '#').slice(0, 200);
}

function join(...parts: Array<string | undefined>): string {
  return parts.filter((p) => p !== undefined).join(' ');
}

/** A run that failed: which job, why, what to do. */
export function failureNotice(record: RunRecord, jobName: string): Notice {
  return {
    key: `failure:${record.jobId}:${record.errorCode ?? problemId(record.reason)}`,
    kind: 'failure',
    title: `Backup of ${jobName} failed`,
    body: join(sentence(record.reason) ?? 'Cairn could not finish the backup.', sentence(record.hint) ?? 'Open the log to see what happened.'),
    jobId: record.jobId,
    runId: record.id,
    actions: [openLog, tryAgain],
  };
}

/** A run that made its archive but left something out (unreadable files…). */
export function warningNotice(record: RunRecord, jobName: string): Notice {
  return {
    key: `warning:${record.jobId}:${problemId(record.reason)}`,
    kind: 'warning',
    title: `Backup of ${jobName} finished with warnings`,
    body: join(sentence(record.reason) ?? 'Something was not backed up.', sentence(record.hint) ?? 'Open the log to see the details.'),
    jobId: record.jobId,
    runId: record.id,
    actions: [openLog],
  };
}

/** A run skipped because its removable disk is not plugged in. */
export function diskNeededNotice(record: RunRecord, jobName: string, diskName: string): Notice {
  return {
    key: `disk-needed:${record.jobId}`,
    kind: 'disk-needed',
    title: `Connect ${diskName} to back up ${jobName}`,
    body: `The backup of ${jobName} was skipped because the disk is not connected. Connect it and the backup runs when it is next due.`,
    jobId: record.jobId,
    runId: record.id,
    actions: [backUpNow],
  };
}

/** The optional "it worked" notice. */
export function successNotice(record: RunRecord, jobName: string): Notice {
  const stats = record.stats;
  return {
    key: `success:${record.id}`,
    kind: 'success',
    title: `${jobName} backed up`,
    body: stats
      ? `${formatCount(stats.nfiles)} ${stats.nfiles === 1 ? 'file' : 'files'}, ${formatBytes(stats.deduplicatedSize)} new.`
      : 'The backup finished.',
    jobId: record.jobId,
    runId: record.id,
    actions: [openApp],
  };
}

export interface StaleFacts {
  jobId: string;
  jobName: string;
  /** Start of the stale period: the last success, or when Cairn first saw the job. */
  since: Date;
  days: number;
  lastSuccess: RunRecord | undefined;
  /** The newest run after `since`, if any (it says what is probably wrong). */
  lastAttempt: RunRecord | undefined;
}

/** "No successful backup of JOB for N days" (Time Machine style). */
export function staleNotice(facts: StaleFacts): Notice {
  const attempt = facts.lastAttempt;
  const what =
    attempt && (attempt.outcome === 'error' || attempt.outcome === 'skipped')
      ? `The last attempt ${attempt.outcome === 'error' ? 'failed' : 'was skipped'}: ${sentence(attempt.reason) ?? 'see the log.'}`
      : facts.lastSuccess
        ? `The last one was on ${new Date(facts.lastSuccess.end).toLocaleDateString(undefined, { dateStyle: 'medium' })}.`
        : `${facts.jobName} has not completed a backup yet.`;
  return {
    key: `stale:${facts.jobId}:${facts.since.toISOString()}`,
    kind: 'stale',
    title: `No successful backup of ${facts.jobName} for ${facts.days} ${facts.days === 1 ? 'day' : 'days'}`,
    body: join(what, 'Check that its repository is reachable, then back up now.'),
    jobId: facts.jobId,
    runId: attempt?.id,
    actions: [backUpNow, openApp],
  };
}
