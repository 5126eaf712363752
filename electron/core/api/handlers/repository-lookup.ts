import type { Config, Job, Repository } from '../../config/schema.js';
import type { MaintenanceProgress } from '../../repositories/maintenance.js';
import type { EventPayload } from '../contract.js';
import type { RouterContext } from '../ports.js';

/** The config and the repository a request names; a clear error when it is not (or no longer) there. */
export async function repositoryOf(context: RouterContext, repositoryId: string): Promise<{ config: Config; repository: Repository }> {
  const { config } = await context.core.store.load();
  const repository = config.repositories.find((r) => r.id === repositoryId);
  if (repository === undefined) throw new Error(`There is no repository with id "${repositoryId}" (it may have been removed).`);
  return { config, repository };
}

/** The config, the job a request names and its repository. */
export async function jobOf(context: RouterContext, jobId: string): Promise<{ config: Config; job: Job; repository: Repository }> {
  const { config } = await context.core.store.load();
  const job = config.jobs.find((j) => j.id === jobId);
  if (job === undefined) throw new Error(`There is no job with id "${jobId}" (it may have been removed).`);
  const repository = config.repositories.find((r) => r.id === job.repositoryId);
  if (repository === undefined) throw new Error(`The job ${job.name} uses a repository that no longer exists.`);
  return { config, job, repository };
}

const MIN_INTERVAL_MS = 250;

/**
 * Sends `maintenance.progress` for one operation without flooding the window: borg reports many
 * times a second, a person needs a whole percent or a new message at most four times a second.
 */
export function maintenanceReporter(
  context: RouterContext,
  repositoryId: string,
  operation: EventPayload<'maintenance.progress'>['operation'],
): (progress: MaintenanceProgress, force?: boolean) => void {
  let last = 0;
  let lastPercent: number | null = null;
  let lastMessage: string | null = null;
  return (progress, force = false) => {
    const now = Date.now();
    const percent = progress.percent === null ? null : Math.floor(progress.percent);
    const changed = percent !== lastPercent || progress.message !== lastMessage;
    if (!force && (!changed || now - last < MIN_INTERVAL_MS)) return;
    last = now;
    lastPercent = percent;
    lastMessage = progress.message;
    context.emit('maintenance.progress', { repositoryId, operation, percent: progress.percent, message: progress.message });
  };
}
