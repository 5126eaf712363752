import type { PruneKeep } from '../../config/schema.js';
import { globArgs, lockWaitArgs, type CommonOptions } from './common.js';

/** Retention rules and scope of one `borg prune`. */
export interface PruneOptions extends CommonOptions {
  keep: PruneKeep;
  /** Only archives matching this glob (one job's archives in a shared repository). */
  glob?: string | undefined;
  /** Report what would go (`--dry-run --list`), remove nothing. */
  dryRun?: boolean | undefined;
  /** `borg.output.list` lines for each kept and pruned archive. */
  list?: boolean | undefined;
}

const countRules = [
  ['last', '--keep-last'],
  ['hourly', '--keep-hourly'],
  ['daily', '--keep-daily'],
  ['weekly', '--keep-weekly'],
  ['monthly', '--keep-monthly'],
  ['yearly', '--keep-yearly'],
] as const;

/** True when at least one rule keeps something (borg refuses to prune without one). */
export function hasKeepRule(keep: PruneKeep): boolean {
  return keep.within !== undefined || countRules.some(([key]) => (keep[key] ?? 0) > 0);
}

/** argv for `borg prune`; a count of 0 is left out, as borg treats it as "not set". */
export function pruneArgs(options: PruneOptions): string[] {
  const { keep } = options;
  if (!hasKeepRule(keep)) throw new RangeError('prune needs at least one keep rule (within, last, hourly, daily, weekly, monthly or yearly)');
  return [
    'prune',
    '--log-json',
    ...(options.dryRun === true ? ['--dry-run', '--list'] : options.list === true ? ['--list'] : []),
    ...(keep.within !== undefined ? ['--keep-within', keep.within] : []),
    ...countRules.flatMap(([key, flag]) => {
      const count = keep[key];
      return count !== undefined && count > 0 ? [flag, String(count)] : [];
    }),
    ...globArgs(options.glob),
    ...lockWaitArgs(options.lockWait),
  ];
}
