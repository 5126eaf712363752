import { lockWaitArgs, type CommonOptions } from './common.js';

/** How `borg compact` runs (the only command that gives space back in 1.2). */
export interface CompactOptions extends CommonOptions {
  /** progress_percent events (`repository.compact_segments`). */
  progress?: boolean | undefined;
  /** Compact segments with at least this percentage of free space (borg's default is 10). */
  threshold?: number | undefined;
  /** INFO log lines, among them `compaction freed about N repository space.` */
  verbose?: boolean | undefined;
}

/** argv for `borg compact`. */
export function compactArgs(options: CompactOptions = {}): string[] {
  return [
    'compact',
    '--log-json',
    ...(options.progress === true ? ['--progress'] : []),
    ...(options.verbose === true ? ['--info'] : []),
    ...(options.threshold !== undefined ? ['--threshold', String(options.threshold)] : []),
    ...lockWaitArgs(options.lockWait),
  ];
}
