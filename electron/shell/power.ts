import { powerMonitor, powerSaveBlocker } from 'electron';
import type { Config } from '../core/config/schema.js';
import type { BackupEngine } from '../core/jobs/engine.js';
import type { AppLogger } from './logging.js';

/** What the power events drive: the scheduler's catch-up and battery rules. */
export interface PowerListener {
  handleResume(): void;
  handlePowerChange(): void;
}

/** Forwards the OS's power events to the scheduler; returns a function that stops listening. */
export function watchPowerEvents(listener: PowerListener, log: AppLogger): () => void {
  const resume = () => {
    log.info('The machine woke up: checking for missed backups.');
    listener.handleResume();
  };
  const change = () => listener.handlePowerChange();
  powerMonitor.on('resume', resume);
  powerMonitor.on('on-ac', change);
  powerMonitor.on('on-battery', change);
  return () => {
    powerMonitor.off('resume', resume);
    powerMonitor.off('on-ac', change);
    powerMonitor.off('on-battery', change);
  };
}

/** True on battery power (SchedulerPorts.isOnBattery). */
export function isOnBattery(): boolean {
  return powerMonitor.isOnBatteryPower();
}

/**
 * Keeps the machine awake while a job with `inhibitSleep` runs (NixOS `inhibitsSleep`): a
 * 'prevent-app-suspension' blocker from the engine's run.started to its run.finished, which the
 * engine emits on every path (ok, warning, error, cancel, borg crash). stop() releases whatever is
 * still held, for quitting.
 */
export class SleepInhibitor {
  private readonly blockers = new Map<string, number>();
  /** Runs whose config lookup is in flight: a run that finishes first must not leave a blocker behind. */
  private readonly starting = new Map<string, symbol>();
  private readonly unsubscribe: () => void;

  constructor(
    engine: Pick<BackupEngine, 'subscribe'>,
    private readonly loadConfig: () => Promise<Config>,
    private readonly log: AppLogger,
  ) {
    this.unsubscribe = engine.subscribe((event) => {
      if (event.type === 'run.started') void this.runStarted(event.jobId);
      if (event.type === 'run.finished') this.release(event.record.jobId);
    });
  }

  /** How many blockers are held now. */
  get held(): number {
    return this.blockers.size;
  }

  private async runStarted(jobId: string): Promise<void> {
    const token = Symbol(jobId);
    this.starting.set(jobId, token);
    let inhibit = false;
    try {
      inhibit = (await this.loadConfig()).jobs.find((j) => j.id === jobId)?.inhibitSleep ?? false;
    } catch (error) {
      this.log.warn(`Could not read the config to decide on sleep inhibition for ${jobId}:`, error);
    }
    if (this.starting.get(jobId) !== token) return; // finished (or restarted) meanwhile
    this.starting.delete(jobId);
    if (!inhibit || this.blockers.has(jobId)) return;
    this.blockers.set(jobId, powerSaveBlocker.start('prevent-app-suspension'));
    this.log.info(`Keeping the machine awake while ${jobId} runs.`);
  }

  private release(jobId: string): void {
    this.starting.delete(jobId);
    const id = this.blockers.get(jobId);
    if (id === undefined) return;
    this.blockers.delete(jobId);
    powerSaveBlocker.stop(id);
    this.log.info(`${jobId} ended: the machine may sleep again.`);
  }

  /** Releases every blocker and stops listening. */
  stop(): void {
    this.unsubscribe();
    for (const jobId of [...this.blockers.keys()]) this.release(jobId);
    this.starting.clear();
  }
}
