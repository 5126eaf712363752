import { archiveRef, lockWaitArgs, type CommonOptions } from './common.js';

/** Which two archives `borg diff --json-lines` compares (one changed path per stdout line). */
export interface DiffOptions extends CommonOptions {
  archive: string;
  other: string;
  /** Only differences in file contents (ignores mode, owner and time changes). */
  contentOnly?: boolean | undefined;
  /** Only under these archive paths. */
  paths?: readonly string[] | undefined;
}

/** argv for `borg diff` of two archives of the same repository. */
export function diffArgs(options: DiffOptions): string[] {
  archiveRef(options.other); // same rules as a `::NAME`
  return [
    'diff',
    '--log-json',
    '--json-lines',
    ...(options.contentOnly === true ? ['--content-only'] : []),
    ...lockWaitArgs(options.lockWait),
    '--',
    archiveRef(options.archive),
    options.other,
    ...(options.paths ?? []),
  ];
}
