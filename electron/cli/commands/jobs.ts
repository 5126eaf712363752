import { Option, type Command } from 'commander';
import { describeSchedule } from '../../core/schedule/presets.js';
import { addJob, removeJob, type AddJobInput } from '../../core/config/edit.js';
import { checkFrequencies, schedulePresets, type Job, type PruneKeep, type Schedule } from '../../core/config/schema.js';
import type { CliContext } from '../context.js';
import { table } from '../output.js';

interface AddOptions {
  state: string[];
  repo: string;
  schedule: string;
  catchUp: boolean;
  inhibitSleep: boolean;
  skipOnBattery?: boolean;
  compression?: string;
  exclude: string[];
  pattern: string[];
  excludeCaches: boolean;
  oneFileSystem?: boolean;
  archiveName?: string;
  keepWithin?: string;
  keepLast?: string;
  keepHourly?: string;
  keepDaily?: string;
  keepWeekly?: string;
  keepMonthly?: string;
  keepYearly?: string;
  compact: boolean;
  check?: string;
  preHook?: string;
  postCreate?: string;
  postPrune?: string;
  postHook?: string;
  createArg: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** "daily" → a preset, "manual" → only on demand, anything else → a cron expression. */
export function scheduleFrom(text: string): Schedule {
  if ((schedulePresets as readonly string[]).includes(text)) return { kind: 'preset', preset: text as (typeof schedulePresets)[number] };
  if (text === 'manual') return { kind: 'manual' };
  return { kind: 'cron', expression: text };
}


function count(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} needs a whole number of 0 or more, not "${text}".`);
  return value;
}

function keepFrom(options: AddOptions): PruneKeep {
  return {
    within: options.keepWithin,
    last: count(options.keepLast, '--keep-last'),
    hourly: count(options.keepHourly, '--keep-hourly'),
    daily: count(options.keepDaily, '--keep-daily'),
    weekly: count(options.keepWeekly, '--keep-weekly'),
    monthly: count(options.keepMonthly, '--keep-monthly'),
    yearly: count(options.keepYearly, '--keep-yearly'),
  };
}

/** `cairn jobs add|list|remove`: which states go to which repository, when, and how. */
export function registerJobs(program: Command, context: () => CliContext): void {
  const jobs = program.command('jobs').description('what is backed up where, and when');

  jobs
    .command('add <name>')
    .description('add a job backing up one or more states to a repository')
    .requiredOption('--state <state>', 'a state to back up (repeat for several)', collect, [])
    .requiredOption('--repo <repository>', 'the repository to back up to')
    .option('--schedule <when>', 'hourly, daily, weekly, manual, or a cron expression such as "0 */2 * * *"', 'daily')
    .option('--no-catch-up', 'do not run a missed backup after sleep or shutdown')
    .option('--no-inhibit-sleep', 'let the machine sleep while this job runs')
    .option('--skip-on-battery', 'do not run on battery power')
    .option('--compression <spec>', 'borg compression, e.g. lz4, zstd,3, auto,zstd (default auto,zstd)')
    .option('--exclude <pattern>', 'exclude pattern (repeatable), e.g. "sh:**/node_modules"', collect, [])
    .option('--pattern <line>', 'borg pattern line (repeatable), e.g. "- **/*.tmp"', collect, [])
    .option('--no-exclude-caches', 'also back up folders tagged with CACHEDIR.TAG')
    .option('--one-file-system', 'stay on the file system of each folder')
    .option('--archive-name <template>', 'archive name template (default {hostname}-{job}-{now})')
    .option('--keep-within <interval>', 'keep every archive newer than this, e.g. 2d')
    .option('--keep-last <n>')
    .option('--keep-hourly <n>')
    .option('--keep-daily <n>')
    .option('--keep-weekly <n>')
    .option('--keep-monthly <n>')
    .option('--keep-yearly <n>')
    .option('--no-compact', 'do not compact the repository after pruning')
    .addOption(new Option('--check <frequency>', 'how often to check the repository').choices([...checkFrequencies]))
    .option('--pre-hook <script>', 'shell snippet run before the backup; a failure aborts the run')
    .option('--post-create <script>', 'run after the archive is created ($archiveName)')
    .option('--post-prune <script>', 'run after pruning')
    .option('--post-hook <script>', 'run at the end, always ($exitStatus)')
    .option('--create-arg <arg>', 'extra borg create argument (repeatable)', collect, [])
    .action(async (name: string, options: AddOptions) => {
      const { core, output } = context();
      const input: AddJobInput = {
        name,
        states: options.state,
        repository: options.repo,
        schedule: scheduleFrom(options.schedule),
        catchUp: options.catchUp,
        inhibitSleep: options.inhibitSleep,
        skipOnBattery: options.skipOnBattery === true,
        compression: options.compression,
        exclude: options.exclude,
        patterns: options.pattern,
        excludeCaches: options.excludeCaches,
        oneFileSystem: options.oneFileSystem === true,
        archiveNameTemplate: options.archiveName,
        prune: { keep: keepFrom(options) },
        compactAfterPrune: options.compact,
        checkFrequency: options.check as Job['checkFrequency'] | undefined,
        hooks: { preHook: options.preHook, postCreate: options.postCreate, postPrune: options.postPrune, postHook: options.postHook },
        extraCreateArgs: options.createArg,
      };
      const { job } = await core.store.apply((config) => addJob(config, input));
      if (output.json) return output.out(JSON.stringify(job));
      output.out(`Added job ${job.name} (${describeSchedule(job.schedule)}). Run it now: cairn backups create ${job.name}`);
    });

  jobs
    .command('list')
    .description('list jobs')
    .action(async () => {
      const { core, output } = context();
      const { config } = await core.store.load();
      if (output.json) return output.out(JSON.stringify(config.jobs));
      if (config.jobs.length === 0) return output.out('No jobs yet. Add one: cairn jobs add NAME --state STATE --repo REPO');
      const nameOf = (items: readonly { id: string; name: string }[], id: string) => items.find((i) => i.id === id)?.name ?? `(missing ${id})`;
      output.out(
        table(
          ['NAME', 'STATES', 'REPOSITORY', 'SCHEDULE'],
          config.jobs.map((j) => [
            j.name,
            j.stateIds.map((id) => nameOf(config.states, id)).join(', '),
            nameOf(config.repositories, j.repositoryId),
            describeSchedule(j.schedule),
          ]),
        ),
      );
    });

  jobs
    .command('remove <name>')
    .description('remove a job (its archives stay in the repository)')
    .action(async (name: string) => {
      const { core, output } = context();
      const { job } = await core.store.apply((config) => removeJob(config, name));
      output.out(output.json ? JSON.stringify({ removed: job.name }) : `Removed job ${job.name}; its archives were not touched.`);
    });
}
