import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type { BorgBinary } from '../borg/types.js';
import type { Config, Job, Repository } from '../config/schema.js';
import { maskSecrets } from '../secrets/masking.js';
import type { RunHistory, RunRecord } from './history.js';
import type { RunProgress } from './progress.js';
import { RepositoryQueue } from './queue.js';
import { runJob } from './run-job.js';

/** What the engine tells subscribers (the tray, the window, the CLI's progress line). */
export type EngineEvent =
  | { type: 'run.queued'; jobId: string; position: number }
  /** A run left the queue and begins (before any check that could fail it): sleep inhibition starts here. */
  | { type: 'run.started'; jobId: string; trigger: RunRecord['trigger'] }
  | { type: 'run.progress'; progress: RunProgress }
  | { type: 'run.finished'; record: RunRecord };

export type StartResult =
  | { status: 'started' | 'queued'; done: Promise<RunRecord> }
  | { status: 'already-running' | 'already-queued'; message: string };

export interface EngineDeps {
  /** The current config, read fresh for each run so edits apply to the next run. */
  loadConfig: () => Promise<Config>;
  history: RunHistory;
  locateBorg: () => Promise<BorgBinary>;
  resolvePassphrase: (repository: Repository) => Promise<string | null>;
  /** Where runs keep their private pattern files. */
  workRoot: string;
  /** Where each run's log is kept, named after the run. */
  logDir: string;
  identity?: { hostname: string; user: string };
  now?: () => Date;
  cancelGraceMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_LOG_LINES = 20_000;
const checkIntervalMs = { never: Infinity, weekly: 7 * DAY_MS, monthly: 30 * DAY_MS } as const;

/**
 * Runs jobs: one borg process per repository at a time, each run recorded in the history and
 * reported to subscribers. The scheduler, the tray, the window and the CLI all start runs here.
 */
export class BackupEngine {
  private readonly queue = new RepositoryQueue();
  private readonly controllers = new Map<string, AbortController>();
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private readonly beforeRunHooks = new Set<(repositoryId: string) => Promise<void>>();
  private readonly now: () => Date;
  /** Who the archive names are made for ({hostname}, {user}): archive globs of jobs need the same. */
  readonly identity: { hostname: string; user: string };

  constructor(private readonly deps: EngineDeps) {
    this.now = deps.now ?? (() => new Date());
    this.identity = deps.identity ?? { hostname: hostname(), user: userInfo().username };
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a job is running, waiting for its repository, or idle. */
  stateOf(jobId: string): 'running' | 'queued' | 'idle' {
    return this.queue.stateOf(jobId);
  }

  /** Whether a run or a maintenance task holds or waits for the repository. */
  busy(repositoryId: string): boolean {
    return this.queue.busy(repositoryId);
  }

  /**
   * Runs other borg work on a repository (check, compact, delete, listing) in the same queue as its
   * backups, so it never meets a running backup on the repository's lock.
   */
  exclusive<T>(repositoryId: string, task: () => Promise<T>): Promise<T> {
    const queued = this.queue.enqueue(repositoryId, `maintenance:${randomUUID()}`, task);
    if (!queued.accepted) throw new Error('internal: the repository queue refused a maintenance task');
    return queued.done;
  }

  /**
   * Registers work to finish before a backup takes its repository's lock: restore's archive
   * mounts and index builds hold a shared lock that would make `borg create` fail (LockTimeout).
   * A hook that fails never stops the backup.
   */
  beforeRun(hook: (repositoryId: string) => Promise<void>): () => void {
    this.beforeRunHooks.add(hook);
    return () => this.beforeRunHooks.delete(hook);
  }

  private async releaseRepository(repositoryId: string): Promise<void> {
    await Promise.all([...this.beforeRunHooks].map((hook) => hook(repositoryId).catch(() => undefined)));
  }

  /** Starts (or queues) a run; a job already running or queued is not started twice. */
  async start(jobRef: string, trigger: RunRecord['trigger'] = 'manual'): Promise<StartResult> {
    const config = await this.deps.loadConfig();
    const job = config.jobs.find((j) => j.id === jobRef || j.name === jobRef);
    if (!job) throw new Error(`There is no job named "${jobRef}".`);
    const controller = new AbortController();
    const queued = this.queue.enqueue(job.repositoryId, job.id, async () => {
      await this.releaseRepository(job.repositoryId);
      return this.run(job.id, trigger, controller.signal);
    });
    if (!queued.accepted) {
      return queued.state === 'running'
        ? { status: 'already-running', message: `${job.name} is already running.` }
        : { status: 'already-queued', message: `${job.name} is already waiting for its repository.` };
    }
    this.controllers.set(job.id, controller);
    void queued.done.finally(() => {
      if (this.controllers.get(job.id) === controller) this.controllers.delete(job.id);
    });
    if (queued.position > 0) this.emit({ type: 'run.queued', jobId: job.id, position: queued.position });
    return { status: queued.position > 0 ? 'queued' : 'started', done: queued.done };
  }

  /** Cancels a running or waiting job: borg gets SIGINT (a checkpoint is kept), then SIGTERM. */
  cancel(jobId: string): boolean {
    const controller = this.controllers.get(jobId);
    if (!controller || controller.signal.aborted) return false;
    controller.abort();
    return true;
  }

  /** Cancels everything, for quitting; resolves when every run has been recorded. */
  async cancelAll(): Promise<void> {
    for (const controller of this.controllers.values()) controller.abort();
    while (this.controllers.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  private async run(jobId: string, trigger: RunRecord['trigger'], signal: AbortSignal): Promise<RunRecord> {
    const start = this.now();
    this.emit({ type: 'run.started', jobId, trigger });
    const failed = (reason: string, errorCode: string): RunRecord => ({
      id: randomUUID(),
      jobId,
      repositoryId: '',
      trigger,
      start: start.toISOString(),
      end: this.now().toISOString(),
      outcome: 'error',
      reason,
      errorCode,
      pruned: false,
      checked: false,
      messages: [],
    });
    let record: RunRecord;
    try {
      const config = await this.deps.loadConfig();
      const job = config.jobs.find((j) => j.id === jobId);
      record = job ? await this.runResolved(config, job, trigger, signal) : failed(`The job ${jobId} was removed before it could run.`, 'config');
    } catch (error) {
      // Whatever went wrong (an unreadable config, a full data disk), the run still ends and says why.
      record = failed(`The run could not be carried out: ${(error as Error).message}`, 'internal');
    }
    try {
      await this.deps.history.append(record);
    } catch (error) {
      record = { ...record, messages: [...record.messages, { level: 'error', message: `Not recorded in the history: ${(error as Error).message}`, time: Date.now() / 1000 }] };
    }
    // Always sent, on every path: the tray, the sleep blocker and the CLI wait for it.
    this.emit({ type: 'run.finished', record });
    return record;
  }

  private async runResolved(config: Config, job: Job, trigger: RunRecord['trigger'], signal: AbortSignal): Promise<RunRecord> {
    const repository = config.repositories.find((r) => r.id === job.repositoryId);
    const states = job.stateIds.map((id) => config.states.find((s) => s.id === id));
    const failure = (reason: string, errorCode: string, hint?: string): RunRecord => ({
      id: randomUUID(),
      jobId: job.id,
      repositoryId: job.repositoryId,
      trigger,
      start: this.now().toISOString(),
      end: this.now().toISOString(),
      outcome: 'error',
      reason,
      hint,
      errorCode,
      pruned: false,
      checked: false,
      messages: [],
    });
    if (!repository) return failure(`The job ${job.name} uses a repository that no longer exists.`, 'config');
    if (states.some((s) => s === undefined)) return failure(`The job ${job.name} uses a state that no longer exists.`, 'config');
    let borg: BorgBinary;
    try {
      borg = await this.deps.locateBorg();
    } catch (error) {
      const e = error as Error & { code?: string; hint?: string };
      return failure(e.message, e.code ?? 'borg-missing', e.hint);
    }
    await mkdir(this.deps.workRoot, { recursive: true, mode: 0o700 });
    const workDir = await mkdtemp(join(this.deps.workRoot, 'run-'));
    const logLines: string[] = [];
    const secrets: string[] = [];
    try {
      const record = await runJob({
        job,
        states: states.filter((s) => s !== undefined),
        repository,
        settings: config.settings,
        trigger,
        borg,
        passphrase: async () => {
          const passphrase = await this.deps.resolvePassphrase(repository);
          if (passphrase) secrets.push(passphrase);
          return passphrase;
        },
        workDir,
        signal,
        checkDue: await this.checkDue(job),
        identity: this.identity,
        now: this.now,
        onProgress: (progress) => this.emit({ type: 'run.progress', progress }),
        onLog: (line) => {
          if (logLines.length < MAX_LOG_LINES) logLines.push(line);
        },
        cancelGraceMs: this.deps.cancelGraceMs,
      });
      return { ...record, logFile: await this.writeRunLog(record.id, logLines, secrets) };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  /** Keeps the run's log next to the history; a log that cannot be written never fails the run. */
  private async writeRunLog(runId: string, lines: readonly string[], secrets: readonly string[]): Promise<string | undefined> {
    const file = join(this.deps.logDir, `${runId}.log`);
    try {
      await mkdir(this.deps.logDir, { recursive: true, mode: 0o700 });
      await writeFile(file, maskSecrets(`${lines.join('\n')}\n`, secrets), { mode: 0o600 });
      return file;
    } catch {
      return undefined;
    }
  }

  private async checkDue(job: Job): Promise<boolean> {
    const interval = checkIntervalMs[job.checkFrequency];
    if (interval === Infinity) return false;
    const runs = await this.deps.history.recent({ jobId: job.id, limit: Number.MAX_SAFE_INTEGER });
    const lastCheck = runs.find((r) => r.checked);
    // The first backup of a job is not checked at once: the repository was just written.
    if (!lastCheck) return this.firstRunOlderThan(runs, interval);
    return this.now().getTime() - Date.parse(lastCheck.end) >= interval;
  }

  private firstRunOlderThan(runs: readonly RunRecord[], interval: number): boolean {
    const oldest = runs[runs.length - 1];
    return oldest !== undefined && this.now().getTime() - Date.parse(oldest.start) >= interval;
  }

  private emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
