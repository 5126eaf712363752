import { configSchema, type Config, type JobInput } from '../../../electron/core/config/schema.js';
import type { ScheduleTrigger, SchedulerPorts } from '../../../electron/core/schedule/index.js';

/** One startJob call as the fake saw it. */
export interface StartCall {
  jobId: string;
  trigger: ScheduleTrigger;
  at: Date;
}

/** SchedulerPorts that record every start and keep a history of run starts like the real one. */
export class FakePorts implements SchedulerPorts {
  readonly starts: StartCall[] = [];
  readonly runStarts = new Map<string, Date>();
  onBattery = false;

  async startJob(jobId: string, trigger: ScheduleTrigger): Promise<void> {
    const at = new Date();
    this.starts.push({ jobId, trigger, at });
    this.runStarts.set(jobId, at);
  }

  async lastRunStart(jobId: string): Promise<Date | null> {
    return this.runStarts.get(jobId) ?? null;
  }

  isOnBattery(): boolean {
    return this.onBattery;
  }

  /** Start times of one job, as local "YYYY-MM-DD HH:MM" strings with the trigger. */
  startsOf(jobId: string): string[] {
    return this.starts.filter((s) => s.jobId === jobId).map((s) => `${localStamp(s.at)} ${s.trigger}`);
  }
}

/** A date as local "YYYY-MM-DD HH:MM" (the tests read times the way the schedules are written). */
export function localStamp(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A valid config with one state, one repository and the given jobs (other fields at their defaults). */
export function configWith(jobs: Array<Partial<JobInput> & { id: string }>, repository: { url?: string; removable?: boolean } = {}): Config {
  return configSchema.parse({
    version: 1,
    states: [{ id: 'docs', name: 'Documents', folders: ['/home/user/Documents'] }],
    repositories: [{ id: 'repo', name: 'Disk', url: repository.url ?? '/srv/borg/repo', removable: repository.removable ?? false }],
    jobs: jobs.map((job) => ({ name: job.id, stateIds: ['docs'], repositoryId: 'repo', ...job })),
  });
}
