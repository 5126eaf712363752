import type { FieldError, MethodInput } from '../../../../electron/core/api/contract';
import type { Job, PruneKeep, Schedule } from '../../../../electron/core/config/schema';
import { retentionPresets } from '../../../components/retention-words';
import { linesOf } from '../form-bits';

/** The four job hooks, in the order they run. */
export const hookNames = ['preHook', 'postCreate', 'postPrune', 'postHook'] as const;
export type HookName = (typeof hookNames)[number];

/** A job as its form holds it: lists typed one per line stay text until saved. */
export interface JobFormValue {
  name: string;
  stateIds: string[];
  repositoryId: string;
  schedule: Schedule;
  keep: PruneKeep;
  compression: string;
  exclude: string[];
  patterns: string;
  excludeCaches: boolean;
  oneFileSystem: boolean;
  catchUp: boolean;
  inhibitSleep: boolean;
  skipOnBattery: boolean;
  archiveNameTemplate: string;
  compactAfterPrune: boolean;
  checkFrequency: Job['checkFrequency'];
  hooks: Record<HookName, string>;
  extraCreateArgs: string;
}

/**
 * A new job's form. These mirror jobSchema's defaults (the schema module can't be bundled into the
 * window: it pulls cron-parser in), except the keep rules: "Recommended" rather than keeping
 * every archive forever.
 */
function newJob(repositoryIds: readonly string[], stateIds: readonly string[]): JobFormValue {
  return {
    name: '',
    stateIds: stateIds.length === 1 ? [...stateIds] : [],
    repositoryId: repositoryIds[0] ?? '',
    schedule: { kind: 'preset', preset: 'daily' },
    keep: { ...retentionPresets[0].keep },
    compression: 'auto,zstd',
    exclude: [],
    patterns: '',
    excludeCaches: true,
    oneFileSystem: false,
    catchUp: true,
    inhibitSleep: true,
    skipOnBattery: false,
    archiveNameTemplate: '{hostname}-{job}-{now}',
    compactAfterPrune: true,
    checkFrequency: 'monthly',
    hooks: { preHook: '', postCreate: '', postPrune: '', postHook: '' },
    extraCreateArgs: '',
  };
}

/** The form of a stored job, or of a new one (defaults, the only repository and state preselected). */
export function jobFormOf(job: Job | undefined, repositoryIds: readonly string[], stateIds: readonly string[]): JobFormValue {
  if (!job) return newJob(repositoryIds, stateIds);
  return {
    name: job.name,
    stateIds: job.stateIds,
    repositoryId: job.repositoryId,
    schedule: job.schedule,
    keep: job.prune.keep,
    compression: job.compression,
    exclude: job.exclude,
    patterns: job.patterns.join('\n'),
    excludeCaches: job.excludeCaches,
    oneFileSystem: job.oneFileSystem,
    catchUp: job.catchUp,
    inhibitSleep: job.inhibitSleep,
    skipOnBattery: job.skipOnBattery,
    archiveNameTemplate: job.archiveNameTemplate,
    compactAfterPrune: job.compactAfterPrune,
    checkFrequency: job.checkFrequency,
    hooks: {
      preHook: job.hooks.preHook ?? '',
      postCreate: job.hooks.postCreate ?? '',
      postPrune: job.hooks.postPrune ?? '',
      postHook: job.hooks.postHook ?? '',
    },
    extraCreateArgs: job.extraCreateArgs.join('\n'),
  };
}

/** What `jobs.save` gets: empty hooks left out, one-per-line text split into lists. */
export function jobInputOf(value: JobFormValue, id: string | undefined): MethodInput<'jobs.save'>['job'] {
  const hooks: Partial<Record<HookName, string>> = {};
  for (const name of hookNames) if (value.hooks[name].trim()) hooks[name] = value.hooks[name];
  return {
    ...(id ? { id } : {}),
    name: value.name,
    stateIds: value.stateIds,
    repositoryId: value.repositoryId,
    schedule: value.schedule,
    prune: { keep: value.keep },
    compression: value.compression,
    exclude: value.exclude,
    patterns: linesOf(value.patterns),
    excludeCaches: value.excludeCaches,
    oneFileSystem: value.oneFileSystem,
    catchUp: value.catchUp,
    inhibitSleep: value.inhibitSleep,
    skipOnBattery: value.skipOnBattery,
    archiveNameTemplate: value.archiveNameTemplate,
    compactAfterPrune: value.compactAfterPrune,
    checkFrequency: value.checkFrequency,
    hooks,
    extraCreateArgs: linesOf(value.extraCreateArgs),
  };
}

const labels: Record<string, string> = {
  name: 'Name',
  stateIds: 'Folders',
  repositoryId: 'Repository',
  schedule: 'Schedule',
  prune: 'Old backups to keep',
  compression: 'Compression',
  exclude: 'Leave out',
  patterns: 'Patterns',
  archiveNameTemplate: 'Archive names',
  checkFrequency: 'Check the repository',
  hooks: 'Commands',
  extraCreateArgs: 'Extra borg create arguments',
};

/** An error path (`schedule.expression`, `hooks.preHook`) as the label the user sees. */
export function jobFieldLabel(path: string): string {
  const [head = path, second] = path.split('.');
  if (head === 'hooks' && second) return second;
  return labels[head] ?? path;
}

/** Whether any error falls under one of these top-level keys (to open a collapsed section). */
export const hasErrorIn = (errors: readonly FieldError[], keys: readonly string[]): boolean =>
  errors.some((e) => keys.includes(e.path.split('.')[0] ?? ''));
