// The tray's menu and icon state as pure functions of a status snapshot: no Electron here, only its
// types, so every label can be tested without a desktop.
import type { MenuItemConstructorOptions } from 'electron';
import type { RunOutcome } from '../core/jobs/run-record.js';
import type { RunPhase } from '../core/jobs/progress.js';

/** One job as the tray shows it. */
export interface TrayJob {
  id: string;
  name: string;
  state: 'running' | 'queued' | 'idle';
  /** The latest progress of the running job. */
  progress: { phase: RunPhase; percent?: number | undefined; files?: number | undefined } | null;
  lastSuccessAt: Date | null;
  /** The outcome of the latest run that was not skipped, if any. */
  lastOutcome: RunOutcome | null;
  /** No successful backup for longer than settings.staleAfterDays. */
  stale: boolean;
  nextRunAt: Date | null;
  /** Why a run that is due has not started (the scheduler's WaitingReason). */
  waiting: 'catch-up-delay' | 'paused' | 'battery' | 'disk' | null;
}

/** Everything the tray needs to draw itself. */
export interface TraySnapshot {
  jobs: TrayJob[];
  /** null: schedules run; `{ until: null }`: paused until resumed. */
  paused: { until: Date | null } | null;
  now: Date;
  /** BCP 47 locale for times (the system's when left out). */
  locale?: string | undefined;
}

/** What the menu's items do; main.ts wires them to the engine, the scheduler and the window. */
export interface TrayActions {
  backUpAll(): void;
  backUp(jobId: string): void;
  cancel(jobId: string): void;
  /** Pause for an hour or until tomorrow morning, from the moment of the click (see pauseEnd). */
  pause(length: PauseLength): void;
  resume(): void;
  browse(): void;
  open(): void;
  quit(): void;
}

/** The choices of the "Pause schedules" submenu. */
export type PauseLength = 'hour' | 'tomorrow';

/** The tray icon's four states, worst first. */
export type TrayState = 'running' | 'error' | 'warning' | 'idle';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const phaseWords: Record<RunPhase, string> = {
  starting: 'starting',
  'pre-hooks': 'running scripts',
  create: 'backing up',
  prune: 'pruning',
  compact: 'compacting',
  check: 'checking',
  'post-hooks': 'running scripts',
};

const waitingWords = {
  'catch-up-delay': 'Catching up on a missed backup shortly',
  battery: 'Due, waiting for the power cable',
  disk: 'Due, waiting for its disk',
} as const;

/** The icon to show: running wins, then the worst problem of any job. */
export function trayState(snapshot: TraySnapshot): TrayState {
  const jobs = snapshot.jobs;
  if (jobs.some((j) => j.state === 'running')) return 'running';
  if (jobs.some((j) => j.lastOutcome === 'error')) return 'error';
  if (jobs.some((j) => j.lastOutcome === 'warning' || j.stale)) return 'warning';
  return 'idle';
}

/** "just now", "5 min ago", "2 h ago", "3 days ago". */
export function formatAgo(then: Date, now: Date): string {
  const elapsed = Math.max(0, now.getTime() - then.getTime());
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  const days = Math.floor(elapsed / DAY);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

/** "14:00" today, "tomorrow 14:00", "Mon 14:00" within a week, else "3 Mar 14:00" (locale-dependent). */
export function formatWhen(when: Date, now: Date, locale?: string): string {
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(when);
  const days = Math.round((startOfDay(when) - startOfDay(now)) / DAY);
  if (days === 0) return time;
  if (days === 1) return `tomorrow ${time}`;
  if (days > 1 && days < 7) return `${new Intl.DateTimeFormat(locale, { weekday: 'short' }).format(when)} ${time}`;
  return `${new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(when)} ${time}`;
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** The job's one-line status: "running 42%", "running, 1,234 files", "waiting", "last backup 2 h ago"… */
export function jobHeadline(job: TrayJob, now: Date, locale?: string): string {
  if (job.state === 'running') {
    const progress = job.progress;
    if (progress?.percent !== undefined) return `running ${Math.floor(progress.percent)}%`;
    if (progress?.files !== undefined) return `running, ${new Intl.NumberFormat(locale).format(progress.files)} files`;
    return `running (${phaseWords[progress?.phase ?? 'starting']})`;
  }
  if (job.state === 'queued') return 'waiting for its repository';
  if (job.lastOutcome === 'error') return 'last backup failed';
  return job.lastSuccessAt ? `last backup ${formatAgo(job.lastSuccessAt, now)}` : 'no backup yet';
}

/** The disabled lines at the top of a job's submenu. */
function jobDetails(job: TrayJob, snapshot: TraySnapshot): string[] {
  const { now, locale } = snapshot;
  const lines = [capitalize(jobHeadline(job, now, locale))];
  if (job.state !== 'idle' || job.lastOutcome === 'error') {
    lines.push(job.lastSuccessAt ? `Last backup ${formatAgo(job.lastSuccessAt, now)}` : 'No backup yet');
  }
  if (job.lastOutcome === 'warning' && job.state === 'idle') lines.push('Last run had warnings');
  if (job.stale && job.lastOutcome !== 'error') lines.push('No recent backup');
  if (job.state === 'idle' && job.waiting && job.waiting !== 'paused') lines.push(waitingWords[job.waiting]);
  if (snapshot.paused) lines.push('Schedule paused');
  else lines.push(job.nextRunAt ? `Next at ${formatWhen(job.nextRunAt, now, locale)}` : 'Not scheduled');
  return lines;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** When a pause chosen at `now` ends; "until tomorrow" means until 08:00 the next morning. */
export function pauseEnd(length: PauseLength, now: Date): Date {
  if (length === 'hour') return new Date(now.getTime() + HOUR);
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 8, 0, 0, 0);
}

/** The tooltip: the overall state in a few words. */
export function trayToolTip(snapshot: TraySnapshot): string {
  const running = snapshot.jobs.filter((j) => j.state === 'running');
  if (running.length > 0) return `Cairn: backing up ${running.map((j) => j.name).join(', ')}`;
  const failed = snapshot.jobs.filter((j) => j.lastOutcome === 'error');
  if (failed.length > 0) return `Cairn: ${failed.map((j) => j.name).join(', ')} failed`;
  if (snapshot.jobs.length === 0) return 'Cairn: no backup jobs yet';
  return snapshot.paused ? 'Cairn: schedules paused' : 'Cairn';
}

/** The whole tray menu for a snapshot, rebuilt on every status change. */
export function trayMenuTemplate(snapshot: TraySnapshot, actions: TrayActions): MenuItemConstructorOptions[] {
  const { jobs, now, paused, locale } = snapshot;
  const idle = jobs.filter((j) => j.state === 'idle');
  const jobItems: MenuItemConstructorOptions[] = jobs.map((job) => ({
    label: `${job.name}: ${jobHeadline(job, now, locale)}`,
    submenu: [
      ...jobDetails(job, snapshot).map((label): MenuItemConstructorOptions => ({ label, enabled: false })),
      { type: 'separator' },
      job.state === 'idle'
        ? { label: 'Back up now', click: () => actions.backUp(job.id) }
        : { label: 'Cancel', click: () => actions.cancel(job.id) },
    ],
  }));
  const pauseLine = paused ? (paused.until ? `Paused until ${formatWhen(paused.until, now, locale)}` : 'Paused until resumed') : null;
  return [
    { label: 'Back up now', enabled: idle.length > 0, click: () => actions.backUpAll() },
    { type: 'separator' },
    ...(jobItems.length > 0 ? jobItems : [{ label: 'No backup jobs yet', enabled: false }]),
    { type: 'separator' },
    {
      label: 'Pause schedules',
      submenu: [
        ...(pauseLine ? [{ label: pauseLine, enabled: false }, { type: 'separator' as const }] : []),
        { label: 'For 1 hour', click: () => actions.pause('hour') },
        { label: 'Until tomorrow', click: () => actions.pause('tomorrow') },
        { label: 'Resume schedules', enabled: paused !== null, click: () => actions.resume() },
      ],
    },
    { label: 'Browse backups…', click: () => actions.browse() },
    { label: 'Open Cairn', click: () => actions.open() },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ];
}
