import { readFile } from 'node:fs/promises';
import type { CairnCore } from '../../core.js';
import { RepositoryStats, type RepositoryFigures } from '../../repositories/stats.js';
import { describeSchedule } from '../../schedule/presets.js';
import type { JobStatus, MethodOutput } from '../contract.js';
import type { HandlerGroup } from './types.js';

/** Status, starting and cancelling runs, and their history. */
export const runHandlers: HandlerGroup<'status.get' | 'backup.start' | 'backup.cancel' | 'runs.recent' | 'runs.log'> = {
  'status.get': async (_input, { core, nextRunAt }) => {
    const { config } = await core.store.load();
    // Figures saved after runs and listings: status is asked for often, so borg never runs here.
    const stats = RepositoryStats.of(core);
    const figures = new Map<string, Promise<RepositoryFigures | null>>();
    const figuresOf = (repositoryId: string): Promise<RepositoryFigures | null> => {
      const repository = config.repositories.find((r) => r.id === repositoryId);
      if (repository === undefined) return Promise.resolve(null);
      if (!figures.has(repositoryId)) figures.set(repositoryId, stats.read(repository));
      return figures.get(repositoryId) ?? Promise.resolve(null);
    };
    const jobs: JobStatus[] = await Promise.all(
      config.jobs.map(async (job) => ({
        id: job.id,
        name: job.name,
        repositoryId: job.repositoryId,
        repositoryName: config.repositories.find((r) => r.id === job.repositoryId)?.name ?? job.repositoryId,
        schedule: describeSchedule(job.schedule),
        state: core.engine.stateOf(job.id),
        lastRun: (await core.history.recent({ jobId: job.id, limit: 1 }))[0] ?? null,
        lastSuccessAt: (await core.history.last(job.id, ['ok', 'warning']))?.end ?? null,
        nextRunAt: nextRunAt?.(job.id)?.toISOString() ?? null,
        repositoryStats: await figuresOf(job.repositoryId),
      })),
    );
    return { jobs };
  },
  'backup.start': async (input, { core }) => {
    const started = await core.engine.start(input.jobId, 'manual');
    return 'done' in started ? { status: started.status } : { status: started.status, message: started.message };
  },
  'backup.cancel': async (input, { core }) => ({ cancelled: core.engine.cancel(input.jobId) }),
  'runs.recent': async (input, { core }) => core.history.recent(input),
  'runs.log': async ({ runId }, { core }) => readRunLog(core, runId),
};

/** The most of a log the window gets; the file itself keeps everything the run wrote. */
const MAX_LOG_LINES = 5000;

/** A run's log file as lines, the last MAX_LOG_LINES of it with a first line saying so when longer. */
async function readRunLog(core: CairnCore, runId: string): Promise<MethodOutput<'runs.log'>> {
  const run = (await core.history.all()).find((r) => r.id === runId);
  if (run === undefined) throw new Error(`There is no run with id "${runId}" in the history.`);
  if (run.logFile === undefined) return { lines: [], file: null };
  let text: string;
  try {
    text = await readFile(run.logFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], file: null };
    throw error;
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length <= MAX_LOG_LINES) return { lines, file: run.logFile };
  const left = lines.length - MAX_LOG_LINES;
  return { lines: [`… ${left} earlier lines are not shown; the whole log is in ${run.logFile}`, ...lines.slice(left)], file: run.logFile };
}
