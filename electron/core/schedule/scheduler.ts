import { existsSync } from 'node:fs';
import schedule from 'node-schedule';
import { closeDiskWatch, createEntry, disposeEntry, watchDisk, type Due, type JobEntry } from './job-entry.js';
import { Pause } from './pause.js';
import { lastSlot, nextSlot } from './slots.js';
import type { ScheduleTrigger, SchedulerOptions, WaitingReason } from './types.js';

const DEFAULT_CATCH_UP_DELAY_MS = 60_000;
// A timer firing this long after its slot means the machine slept through the slot: the slot is
// then "missed", handled by the catch-up rules rather than run as if on time.
const LATE_FIRING_MS = 60_000;

/**
 * Starts each job on its own schedule with node-schedule, makes up for slots missed while the
 * machine was off or asleep (catch-up), and holds runs back on battery, while the removable disk
 * is absent or while schedules are paused. Every slot runs at most once: the timer path and the
 * catch-up path share one "handled" record per job.
 */
export class Scheduler {
  private entries = new Map<string, JobEntry>();
  private readonly listeners = new Set<() => void>();
  private readonly catchUpDelayMs: number;
  private readonly log: (message: string) => void;
  private stopped = true;
  private loading: Promise<void> = Promise.resolve();
  private readonly paused = new Pause(() => this.resume());
  private delayTimer: { at: number; handle: ReturnType<typeof setTimeout> } | null = null;

  constructor(private readonly options: SchedulerOptions) {
    this.catchUpDelayMs = options.catchUpDelayMs ?? DEFAULT_CATCH_UP_DELAY_MS;
    this.log = options.log ?? (() => undefined);
  }

  /** Schedules every job, then (after the delay) catches up jobs whose last slot passed without a run. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.apply();
    if (this.stopped) return;
    this.catchUp(this.catchUpDelayMs);
  }

  /** The config changed: reschedule every job (what was already handled stays handled). */
  reload(): Promise<void> {
    return this.apply();
  }

  /** The machine woke up: timers are re-armed from the real time, and missed slots caught up after the delay. */
  handleResume(): void {
    if (this.stopped) return;
    // The pause may have ended during the sleep: the catch-up below covers its slots.
    const until = this.paused.until;
    if (until !== null && until <= Date.now()) this.paused.end();
    // Timers count running time, not sleeping time: armed before the sleep, they would fire late.
    for (const entry of this.entries.values()) this.arm(entry);
    this.paused.arm();
    this.catchUp(this.catchUpDelayMs);
    this.evaluateAll();
    this.changed();
  }

  /** Power source changed: a run held back on battery starts if it is still owed. */
  handlePowerChange(): void {
    if (!this.stopped) this.evaluateAll();
  }

  /** Holds scheduled runs back until `until` (null: until resume()); catch-up jobs make up for them after. */
  pause(until: Date | null): void {
    if (this.stopped) return;
    if (until !== null && until.getTime() <= Date.now()) return this.resume();
    this.paused.start(until);
    this.changed();
  }

  /** Ends a pause: jobs with catch-up whose slot passed during it run once, now. */
  resume(): void {
    if (this.stopped || !this.paused.end()) return;
    this.catchUp(0);
    this.evaluateAll();
    this.changed();
  }

  /** When the pause ends; null when not paused, or paused until resume() (see isPaused()). */
  pausedUntil(): Date | null {
    const until = this.paused.until;
    return until === null ? null : new Date(until);
  }

  /** Whether scheduled runs are held back now (also true for a pause without an end). */
  isPaused(): boolean {
    return this.paused.isPausedAt(Date.now());
  }

  /** The job's next slot that will start a run (the tray's "next at 14:00"); null for manual jobs or while paused without an end. */
  nextRun(jobId: string): Date | null {
    const entry = this.entries.get(jobId);
    if (!entry?.next) return null;
    if (!this.paused.active) return entry.next;
    const until = this.paused.until;
    if (until === null) return null;
    if (entry.next.getTime() >= until) return entry.next;
    // Slots inside the pause are skipped; catch-up jobs make up for them when it ends.
    return entry.job.catchUp ? new Date(until) : nextSlot(entry.cron, new Date(until - 1));
  }

  /** Why a job's owed run has not started, or null when nothing is owed. */
  waitingFor(jobId: string): WaitingReason | null {
    return this.entries.get(jobId)?.waiting ?? null;
  }

  /** Called when next runs, waiting reasons or the pause change (the tray redraws). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels every timer and watcher; nothing starts afterwards until start() is called again. */
  stop(): void {
    this.stopped = true;
    for (const entry of this.entries.values()) disposeEntry(entry);
    this.entries.clear();
    this.paused.end();
    if (this.delayTimer) clearTimeout(this.delayTimer.handle);
    this.delayTimer = null;
  }

  private apply(): Promise<void> {
    // One load at a time, in call order: the last reload wins.
    this.loading = this.loading.then(
      () => this.applyConfig(),
      () => this.applyConfig(),
    );
    return this.loading;
  }

  private async applyConfig(): Promise<void> {
    if (this.stopped) return;
    const config = await this.options.loadConfig();
    if (this.stopped) return;
    const previous = this.entries;
    this.entries = new Map();
    for (const job of config.jobs) {
      const old = previous.get(job.id);
      if (old) disposeEntry(old);
      const entry = createEntry(config, job, old);
      if (entry === null) continue;
      this.entries.set(job.id, entry);
      this.arm(entry);
    }
    for (const [id, old] of previous) if (!this.entries.has(id)) disposeEntry(old);
    this.evaluateAll();
    this.changed();
  }

  /** (Re)arms the job's one timer for its next slot, computed from the real time now. */
  private arm(entry: JobEntry): void {
    entry.timer?.cancel();
    entry.timer = null;
    // One-shot timers re-armed after each firing: node-schedule's own recurrence would go on from
    // the last fire date and fire once per missed slot, back to back, after a long sleep.
    const next = nextSlot(entry.cron, new Date());
    entry.next = next;
    if (next === null) {
      this.log(`${entry.job.name}: the schedule "${entry.cron}" never matches a date; the job will not run on its own`);
      return;
    }
    entry.timer = schedule.scheduleJob(next, () => this.onTimer(entry, next.getTime()));
  }

  private onTimer(entry: JobEntry, target: number): void {
    if (this.stopped || this.entries.get(entry.job.id) !== entry) return;
    const now = Date.now();
    this.arm(entry);
    this.changed();
    // A slot inside a pause is left unhandled: catch-up jobs make up for it when the pause ends.
    if (this.paused.isPausedAt(now)) return;
    const slot = lastSlot(entry.cron, new Date(now))?.getTime() ?? target;
    if (now - target < LATE_FIRING_MS) return this.markDue(entry, slot, 'schedule', now);
    // Slept through the slot: only catch-up jobs make up for it, like after a resume.
    if (entry.job.catchUp) this.markDue(entry, slot, 'catch-up', now + this.catchUpDelayMs);
  }

  /** Catch-up jobs whose last slot is not handled yet owe one run (checked against the history when it is due). */
  private catchUp(delayMs: number): void {
    const now = Date.now();
    if (this.paused.isPausedAt(now)) return;
    for (const entry of this.entries.values()) {
      if (!entry.job.catchUp) continue;
      const slot = lastSlot(entry.cron, new Date(now));
      if (slot !== null) this.markDue(entry, slot.getTime(), 'catch-up', now + delayMs);
    }
  }

  private markDue(entry: JobEntry, slot: number, trigger: ScheduleTrigger, notBefore: number): void {
    // Already handled (a second path reaching the same slot, or a clock that went back): nothing to do.
    if (entry.handled !== null && slot <= entry.handled) return;
    entry.handled = slot;
    entry.due = { slot, trigger, notBefore, deferred: trigger === 'catch-up' };
    void this.evaluate(entry);
  }

  private evaluateAll(): void {
    for (const entry of this.entries.values()) void this.evaluate(entry);
  }

  /** Starts the job's owed run if nothing holds it back; otherwise records why it waits. */
  private async evaluate(entry: JobEntry): Promise<void> {
    const due = entry.due;
    if (due === null || this.stopped || this.entries.get(entry.job.id) !== entry) return;
    const reason = this.holdBack(entry, due);
    this.setWaiting(entry, reason);
    if (reason !== null) {
      due.deferred = true;
      if (reason === 'catch-up-delay') this.armDelay(due.notBefore);
      return;
    }
    entry.due = null;
    const id = entry.job.id;
    try {
      if (due.deferred) {
        // Not on time: a run started since the slot (Back up now, another path) already covers it.
        const last = await this.options.ports.lastRunStart(id).catch((error: unknown) => {
          this.log(`${entry.job.name}: could not read the last run (${(error as Error).message}); running it`);
          return null;
        });
        if (last !== null && last.getTime() >= due.slot) return;
        if (this.stopped || !this.entries.has(id)) return;
      }
      await this.options.ports.startJob(id, due.trigger);
    } catch (error) {
      this.log(`${entry.job.name}: the ${due.trigger} run could not start: ${(error as Error).message}`);
    }
  }

  private holdBack(entry: JobEntry, due: Due): WaitingReason | null {
    const now = Date.now();
    if (now < due.notBefore) return 'catch-up-delay';
    if (this.paused.isPausedAt(now)) return 'paused';
    if (entry.job.skipOnBattery && this.options.ports.isOnBattery()) return 'battery';
    if (entry.diskPath !== null && !existsSync(entry.diskPath)) return 'disk';
    return null;
  }

  private setWaiting(entry: JobEntry, reason: WaitingReason | null): void {
    if (reason === 'disk') watchDisk(entry, () => void this.evaluate(entry), this.log);
    else closeDiskWatch(entry);
    if (entry.waiting === reason) return;
    entry.waiting = reason;
    this.changed();
  }

  /** One timer for the earliest catch-up delay still running; when it fires every owed run is looked at. */
  private armDelay(at: number): void {
    if (this.delayTimer !== null && this.delayTimer.at <= at) return;
    if (this.delayTimer !== null) clearTimeout(this.delayTimer.handle);
    const handle = setTimeout(() => {
      this.delayTimer = null;
      this.evaluateAll();
    }, Math.max(0, at - Date.now()));
    this.delayTimer = { at, handle };
  }

  private changed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        this.log(`a schedule listener failed: ${(error as Error).message}`);
      }
    }
  }
}
