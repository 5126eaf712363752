import { archiveRef, lockWaitArgs, type CommonOptions } from './common.js';

/** What `borg extract` restores; it writes into the runner's cwd. */
export interface ExtractOptions extends CommonOptions {
  archive: string;
  /** Archive paths (or `sh:`/`re:`/`pp:` patterns); everything when empty. */
  paths?: readonly string[] | undefined;
  /** A file written by writePatternsFile (`--patterns-from`). */
  patternsFile?: string | undefined;
  stripComponents?: number | undefined;
  /** Write nothing; with `list`, report what would be written. */
  dryRun?: boolean | undefined;
  /** `borg.output.list` lines for each item. */
  list?: boolean | undefined;
  /** progress_percent events (`extract`). */
  progress?: boolean | undefined;
}

/** argv for `borg extract`. */
export function extractArgs(options: ExtractOptions): string[] {
  const strip = options.stripComponents;
  if (strip !== undefined && (!Number.isInteger(strip) || strip < 0)) throw new RangeError(`stripComponents must be 0 or more, got ${strip}`);
  return [
    'extract',
    '--log-json',
    ...(options.dryRun === true ? ['--dry-run'] : []),
    ...(options.list === true ? ['--list'] : []),
    ...(options.progress === true ? ['--progress'] : []),
    ...(strip !== undefined && strip > 0 ? ['--strip-components', String(strip)] : []),
    ...(options.patternsFile !== undefined ? ['--patterns-from', options.patternsFile] : []),
    ...lockWaitArgs(options.lockWait),
    '--',
    archiveRef(options.archive),
    ...(options.paths ?? []),
  ];
}
