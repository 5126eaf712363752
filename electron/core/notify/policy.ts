import type { Config } from '../config/schema.js';
import type { RunHistory, RunRecord } from '../jobs/history.js';
import type { Notice, NotifierPort } from './notice.js';
import { assessJob, DAY_MS, HOUR_MS, isSuccess } from './staleness.js';
import { NoticeState, type ActiveNotice } from './state.js';
import { diskNeededNotice, failureNotice, staleNotice, successNotice, warningNotice } from './texts.js';

export interface NotificationPolicyOptions {
  notifier: NotifierPort;
  /** settings.notifyOnSuccess, settings.staleAfterDays, job and repository names. */
  loadConfig: () => Promise<Config>;
  history: RunHistory;
  /** Where the "already told the user" state is kept across restarts (a JSON file in the data dir). */
  stateFile: string;
  now?: () => Date;
  /** Told when a background staleness check fails (config unreadable…); it is retried an hour later. */
  onError?: (error: unknown) => void;
}

/** setTimeout's largest delay (about 24.8 days); longer waits are re-armed when it fires. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
const RETRY_MS = HOUR_MS;

/**
 * Decides what to tell the user about their backups, and when: one notification per distinct
 * problem until it is resolved (a success), so a repository failing every hour is told once.
 */
export class NotificationPolicy {
  private readonly now: () => Date;
  private state: NoticeState | undefined;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: NotificationPolicyOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Call for every finished run (subscribe it to the engine's run.finished). */
  onRunFinished(record: RunRecord): Promise<void> {
    return this.exclusive(async () => {
      const config = await this.options.loadConfig();
      await this.judgeRun(record, config);
      await this.check(config);
    });
  }

  /** Checks every job for staleness now, and arms ONE timer for the moment the next job would become stale. */
  start(): Promise<void> {
    this.started = true;
    return this.exclusive(async () => this.check(await this.options.loadConfig()));
  }

  stop(): void {
    this.started = false;
    this.disarm();
  }

  /** Resolves once every run and check handed over so far is done (state saved): for tests and quitting. */
  async settled(): Promise<void> {
    await this.chain;
  }

  /** One thing at a time: runs and timer checks read and write the same state. */
  private exclusive(task: () => Promise<void>): Promise<void> {
    const result = this.chain.then(task);
    this.chain = result.catch(() => undefined);
    return result;
  }

  private async loadState(): Promise<NoticeState> {
    this.state ??= await NoticeState.load(this.options.stateFile);
    return this.state;
  }

  private showOnce(state: NoticeState, notice: Notice, jobId: string): void {
    if (state.isActive(notice.key)) return;
    this.options.notifier.show(notice);
    state.activate(notice.key, jobId, notice.kind, this.now());
  }

  private async judgeRun(record: RunRecord, config: Config): Promise<void> {
    const state = await this.loadState();
    const jobName = config.jobs.find((j) => j.id === record.jobId)?.name ?? record.jobId;
    switch (record.outcome) {
      case 'ok':
        state.resolve(record.jobId, () => true);
        // Never deduplicated and never remembered: a success is news, not a problem.
        if (config.settings.notifyOnSuccess) this.options.notifier.show(successNotice(record, jobName));
        break;
      case 'warning':
        state.resolve(record.jobId, (n) => n.kind !== 'warning');
        this.showOnce(state, warningNotice(record, jobName), record.jobId);
        break;
      case 'error':
        this.showOnce(state, failureNotice(record, jobName), record.jobId);
        break;
      case 'skipped':
        if (record.errorCode === 'disk-absent') {
          const disk = config.repositories.find((r) => r.id === record.repositoryId)?.name ?? 'the backup disk';
          this.showOnce(state, diskNeededNotice(record, jobName, disk), record.jobId);
        }
        break;
      case 'cancelled':
        break; // the user did it
    }
    await state.save();
  }

  /** Staleness of every job, plus what happened while Cairn was not watching (CLI runs). */
  private async check(config: Config): Promise<void> {
    const state = await this.loadState();
    const records = await this.options.history.all();
    const now = this.now();
    state.keepOnly(new Set(config.jobs.map((j) => j.id)));
    resolveBySuccessSince(state, records);

    let next: number | undefined;
    for (const job of config.jobs) {
      let firstSeen = state.firstSeen(job.id);
      if (!firstSeen) {
        const firstRun = records.find((r) => r.jobId === job.id);
        firstSeen = firstRun && Date.parse(firstRun.start) < now.getTime() ? new Date(firstRun.start) : now;
        state.setFirstSeen(job.id, firstSeen);
      }
      const standing = assessJob(job, records, firstSeen, config.settings.staleAfterDays, now);
      if (!standing) continue;
      if (now.getTime() >= standing.dueAt.getTime()) {
        const days = Math.floor((now.getTime() - standing.since.getTime()) / DAY_MS);
        this.showOnce(state, staleNotice({ jobId: job.id, jobName: job.name, days, ...standing }), job.id);
      } else if (next === undefined || standing.dueAt.getTime() < next) {
        next = standing.dueAt.getTime();
      }
    }
    await state.save();
    this.arm(next, now);
  }

  private arm(at: number | undefined, now: Date): void {
    this.disarm();
    if (!this.started || at === undefined) return;
    const delay = Math.min(Math.max(0, at - now.getTime()), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.fire(), delay);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    this.timer = undefined;
    this.exclusive(async () => this.check(await this.options.loadConfig())).catch((error: unknown) => {
      this.options.onError?.(error);
      const now = this.now();
      this.arm(now.getTime() + RETRY_MS, now);
    });
  }
}

/** A success after a notice was shown resolves it (a warning needs a clean run), e.g. after a CLI run. */
function resolveBySuccessSince(state: NoticeState, records: readonly RunRecord[]): void {
  const resolvedBy = (notice: ActiveNotice) => (r: RunRecord) =>
    r.jobId === notice.jobId &&
    (notice.kind === 'warning' ? r.outcome === 'ok' : isSuccess(r)) &&
    Date.parse(r.end) > Date.parse(notice.shownAt);
  for (const [key, notice] of state.entries()) {
    if (records.some(resolvedBy(notice))) state.resolve(notice.jobId, (_n, k) => k === key);
  }
}
