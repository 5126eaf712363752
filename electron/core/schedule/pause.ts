import schedule from 'node-schedule';

/**
 * "Pause schedules" (for an hour, until tomorrow, until resumed): the pause's end and its one
 * timer. A wall-clock timer from node-schedule, so a clock change does not move the end.
 */
export class Pause {
  private state: { until: number | null } | null = null;
  private timer: schedule.Job | null = null;

  /** `onEnd` is called when the timer reaches the end (not when end() is called). */
  constructor(private readonly onEnd: () => void) {}

  /** Starts (or changes) the pause; null pauses until end() is called. */
  start(until: Date | null): void {
    this.state = { until: until?.getTime() ?? null };
    this.arm();
  }

  /** Ends the pause and cancels its timer; false if there was no pause. */
  end(): boolean {
    this.timer?.cancel();
    this.timer = null;
    const wasPaused = this.state !== null;
    this.state = null;
    return wasPaused;
  }

  /** Re-arms the timer from the real time (timers count running time, not sleep). */
  arm(): void {
    this.timer?.cancel();
    this.timer = null;
    const until = this.state?.until;
    if (until == null) return;
    if (until <= Date.now()) return this.onEnd();
    this.timer = schedule.scheduleJob(new Date(until), () => this.onEnd());
  }

  /** Whether there is a pause (ended or not by the clock). */
  get active(): boolean {
    return this.state !== null;
  }

  /** The end, or null (no pause, or a pause until resumed). */
  get until(): number | null {
    return this.state?.until ?? null;
  }

  /** Whether runs are held back at `now` (the end itself is no longer paused). */
  isPausedAt(now: number): boolean {
    if (this.state === null) return false;
    return this.state.until === null || now < this.state.until;
  }
}
