import { Option, type Command } from 'commander';
import { hostname, userInfo } from 'node:os';
import { findJob, findRepository } from '../../core/config/edit.js';
import type { Config, Job } from '../../core/config/schema.js';
import { formatBytes } from '../../core/format.js';
import { archiveGlob } from '../../core/jobs/archive-name.js';
import type { EngineEvent } from '../../core/jobs/engine.js';
import type { RunRecord } from '../../core/jobs/history.js';
import { listArchives, type ArchiveSummary } from '../../core/repositories/archives.js';
import { conflictPolicies, type ConflictPolicy } from '../../core/restore/place-files.js';
import type { CliContext } from '../context.js';
import { ExitCode, table, type Output } from '../output.js';

const exitCodeOf: Record<RunRecord['outcome'], number> = {
  ok: ExitCode.ok,
  skipped: ExitCode.ok,
  warning: ExitCode.warning,
  cancelled: ExitCode.cancelled,
  error: ExitCode.error,
};

function describeRun(record: RunRecord, jobName: string): string {
  const seconds = ((Date.parse(record.end) - Date.parse(record.start)) / 1000).toFixed(1);
  const stats = record.stats
    ? ` (${record.stats.nfiles} files, ${formatBytes(record.stats.originalSize)} read, ${formatBytes(record.stats.deduplicatedSize)} new)`
    : '';
  const archive = record.archiveName ? `archive ${record.archiveName}${stats}` : '';
  switch (record.outcome) {
    case 'ok':
      return `${jobName}: ${archive} in ${seconds} s`;
    case 'warning':
      return `${jobName}: ${archive} in ${seconds} s, with warnings: ${record.reason ?? ''}`;
    case 'skipped':
      return `${jobName}: skipped: ${record.reason ?? ''}`;
    case 'cancelled':
      return `${jobName}: cancelled${record.archiveName ? '' : ' (borg kept a checkpoint; the next run resumes from it)'}`;
    case 'error':
      return `${jobName}: FAILED: ${record.reason ?? 'unknown error'}${record.hint ? `\n  ${record.hint}` : ''}`;
  }
}

function showProgress(output: Output, names: ReadonlyMap<string, string>): (event: EngineEvent) => void {
  return (event) => {
    if (event.type === 'run.queued') output.err(`${names.get(event.jobId) ?? event.jobId}: waiting for its repository (position ${event.position})`);
    if (event.type !== 'run.progress') return;
    const p = event.progress;
    const name = names.get(p.jobId) ?? p.jobId;
    if (p.files !== undefined) output.status(`${name}: ${p.files} files, ${formatBytes(p.originalSize ?? 0)}  ${p.path ?? ''}`);
    else if (p.percent !== undefined) output.status(`${name}: ${p.phase} ${p.percent.toFixed(0)}%`);
    else output.status(`${name}: ${p.phase}${p.message ? ` (${p.message})` : ''}`);
  };
}

async function createBackups(context: CliContext, jobRefs: string[]): Promise<number> {
  const { core, output } = context;
  const { config } = await core.store.load();
  const jobs = jobRefs.length > 0 ? jobRefs.map((ref) => findJob(config, ref)) : config.jobs;
  if (jobs.length === 0) {
    output.err('No jobs to run. Add one: cairn jobs add NAME --state STATE --repo REPO');
    return ExitCode.usage;
  }
  const names = new Map(jobs.map((j) => [j.id, j.name]));
  const unsubscribe = core.engine.subscribe(showProgress(output, names));
  // Ctrl-C cancels cleanly: borg writes a checkpoint and the run is recorded as cancelled.
  const onInterrupt = () => {
    output.err('Cancelling… (borg is writing a checkpoint)');
    void core.engine.cancelAll();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  try {
    const started = await Promise.all(jobs.map(async (job) => ({ job, start: await core.engine.start(job.id, 'cli') })));
    const records: RunRecord[] = [];
    let exitCode: number = ExitCode.ok;
    for (const { job, start } of started) {
      if (!('done' in start)) {
        output.err(start.message);
        continue;
      }
      const record = await start.done;
      records.push(record);
      exitCode = Math.max(exitCode, exitCodeOf[record.outcome]);
      if (!output.json) (record.outcome === 'ok' || record.outcome === 'skipped' ? output.out : output.err)(describeRun(record, job.name));
    }
    if (output.json) output.out(JSON.stringify(records));
    return exitCode;
  } finally {
    unsubscribe();
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}

/** The archives a job made: the ones matching its name template in its repository. */
async function archivesOfJob(context: CliContext, config: Config, job: Job): Promise<ArchiveSummary[]> {
  const repository = findRepository(config, job.repositoryId);
  const identity = { hostname: hostname(), user: userInfo().username, job: job.id };
  return listArchives(await context.core.borg(), await context.core.access(repository), {
    glob: archiveGlob(job.archiveNameTemplate, identity),
    lockWait: config.settings.lockWaitSeconds,
  });
}

/** `cairn backups create|list|restore`, as in Clan's backup guide. */
export function registerBackups(program: Command, context: () => CliContext): void {
  const backups = program.command('backups').description('run backups, list archives, restore files');

  backups
    .command('create [jobs...]')
    .description('back up now: the named jobs, or every job')
    .action(async (jobRefs: string[]) => {
      process.exitCode = await createBackups(context(), jobRefs);
    });

  backups
    .command('list [job]')
    .description("list archives: a job's, a repository's (--repo), or all")
    .option('--repo <repository>', 'every archive of this repository')
    .action(async (jobRef: string | undefined, options: { repo?: string }) => {
      const ctx = context();
      const { core, output } = ctx;
      const { config } = await core.store.load();
      const rows: { repository: string; archive: ArchiveSummary }[] = [];
      if (options.repo) {
        const repository = findRepository(config, options.repo);
        const archives = await listArchives(await core.borg(), await core.access(repository), { lockWait: config.settings.lockWaitSeconds });
        rows.push(...archives.map((archive) => ({ repository: repository.name, archive })));
      } else {
        const jobs = jobRef ? [findJob(config, jobRef)] : config.jobs;
        for (const job of jobs) {
          const repository = findRepository(config, job.repositoryId);
          rows.push(...(await archivesOfJob(ctx, config, job)).map((archive) => ({ repository: repository.name, archive })));
        }
      }
      if (output.json) return output.out(JSON.stringify(rows.map((r) => ({ repository: r.repository, ...r.archive }))));
      if (rows.length === 0) return output.out('No archives yet. Make one: cairn backups create');
      output.out(table(['ARCHIVE', 'CREATED', 'REPOSITORY'], rows.map((r) => [r.archive.name, new Date(r.archive.start).toLocaleString(), r.repository])));
    });

  backups
    .command('restore <job> <archive> [paths...]')
    .description('restore files from an archive ("latest" for the newest) to where they were, or under --target')
    .option('--target <dir>', 'restore under this folder instead of the original location')
    .addOption(
      new Option('--on-conflict <policy>', 'when a file already exists: keep both (restored copy renamed), skip, or overwrite')
        .choices([...conflictPolicies])
        .default('keep-both'),
    )
    .action(async (jobRef: string, archiveRef: string, paths: string[], options: { target?: string; onConflict: ConflictPolicy }) => {
      const ctx = context();
      const { core, output } = ctx;
      const { config } = await core.store.load();
      const job = findJob(config, jobRef);
      const repository = findRepository(config, job.repositoryId);
      let archive = archiveRef;
      if (archiveRef === 'latest') {
        const newest = (await archivesOfJob(ctx, config, job)).at(-1);
        if (!newest) throw new Error(`${job.name} has no archives yet.`);
        archive = newest.name;
      }
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      process.on('SIGINT', onInterrupt);
      try {
        // The window's restore: one patterns file however many paths, in the repository's queue.
        const summary = await core.browse.restore(repository.id, {
          archive,
          selection: paths.map((path) => ({ path, folder: true })),
          target: options.target,
          onConflict: options.onConflict,
          signal: controller.signal,
          onProgress: (percent, message) => output.status(`Restoring ${percent === undefined ? '' : `${percent.toFixed(0)}% `}${message ?? ''}`),
        });
        if (output.json) output.out(JSON.stringify(summary));
        else {
          output.out(`Restored ${summary.restored} file(s) to ${summary.destination}${summary.cancelled ? ' before it was cancelled' : ''}.`);
          for (const kept of summary.keptBoth) output.out(`  kept both: ${kept.existing} exists; restored as ${kept.restoredAs}`);
          for (const skipped of summary.skipped) output.out(`  skipped (exists): ${skipped}`);
          for (const overwritten of summary.overwritten) output.out(`  overwritten: ${overwritten}`);
          for (const failed of summary.failed) output.err(`  failed: ${failed.path}: ${failed.reason}`);
          for (const message of summary.messages) output.err(`  borg: ${message.message}`);
        }
        process.exitCode = summary.cancelled
          ? ExitCode.cancelled
          : summary.failed.length > 0
            ? ExitCode.error
            : summary.messages.some((m) => m.level === 'warning')
              ? ExitCode.warning
              : ExitCode.ok;
      } finally {
        process.off('SIGINT', onInterrupt);
      }
    });
}
