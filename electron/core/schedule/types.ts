import type { Config } from '../config/schema.js';

/** Why the scheduler started a run (recorded as the run's trigger). */
export type ScheduleTrigger = 'schedule' | 'catch-up';

/** What the scheduler needs from the rest of the app: the engine, the history, the power state. */
export interface SchedulerPorts {
  /** Start a run (the engine refuses duplicates; the scheduler must not care about the result beyond logging). */
  startJob(jobId: string, trigger: ScheduleTrigger): Promise<void>;
  /** When the job last started a run that counts for its slot (from the history; any outcome but 'skipped'). */
  lastRunStart(jobId: string): Promise<Date | null>;
  /** True on battery power (Electron powerMonitor.isOnBatteryPower(); the CLI/tests pass their own). */
  isOnBattery(): boolean;
}

/** How a Scheduler is built: where the config comes from and the ports it drives. */
export interface SchedulerOptions {
  loadConfig: () => Promise<Config>;
  ports: SchedulerPorts;
  /** Delay before catch-up runs after start or resume, so the network is back (default 60 s). */
  catchUpDelayMs?: number;
  /** Where the scheduler reports what it could not do (a failed start, a cron with no date). */
  log?: (message: string) => void;
}

/** Why a due run has not started yet, so the tray can say so ("waiting for the disk"). */
export type WaitingReason = 'catch-up-delay' | 'paused' | 'battery' | 'disk';
