import { archiveRef, globArgs, lastArgs, lockWaitArgs, type CommonOptions } from './common.js';

/** Which archives `borg list --json` reports. */
export interface ListArchivesOptions extends CommonOptions {
  last?: number | undefined;
  glob?: string | undefined;
  /** Include `.checkpoint` archives left by interrupted runs (hidden by default). */
  considerCheckpoints?: boolean | undefined;
}

/** argv for the archive list of the repository (`--json` document on stdout). */
export function listArchivesArgs(options: ListArchivesOptions = {}): string[] {
  return [
    'list',
    '--log-json',
    '--json',
    ...lastArgs(options.last),
    ...globArgs(options.glob),
    ...(options.considerCheckpoints === true ? ['--consider-checkpoints'] : []),
    ...lockWaitArgs(options.lockWait),
  ];
}

/** Which items of one archive `borg list --json-lines` streams. */
export interface ListItemsOptions extends CommonOptions {
  archive: string;
  /** Only items under these archive paths (borg still reads the whole item stream). */
  paths?: readonly string[] | undefined;
  /** borg `--format` keys to add to each object, e.g. `{path}{csize}{NL}`. */
  format?: string | undefined;
}

/** argv for the items of one archive, one JSON object per stdout line. */
export function listItemsArgs(options: ListItemsOptions): string[] {
  return [
    'list',
    '--log-json',
    '--json-lines',
    ...(options.format !== undefined ? ['--format', options.format] : []),
    ...lockWaitArgs(options.lockWait),
    '--',
    archiveRef(options.archive),
    ...(options.paths ?? []),
  ];
}
