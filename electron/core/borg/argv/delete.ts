import { archiveRef, globArgs, lockWaitArgs, type CommonOptions } from './common.js';

/** One archive by name, or every archive matching a glob: never the whole repository. */
export type DeleteOptions = CommonOptions & {
  /** `borg.output.list` lines naming each deleted archive. */
  list?: boolean | undefined;
  /** Statistics as log lines (delete has no JSON). */
  stats?: boolean | undefined;
} & ({ archive: string; glob?: undefined } | { glob: string; archive?: undefined });

/** argv for `borg delete`; it always names archives, since `borg delete` alone destroys the repository. */
export function deleteArgs(options: DeleteOptions): string[] {
  const byName = options.archive !== undefined;
  if (byName === (options.glob !== undefined)) throw new RangeError('delete takes exactly one of archive or glob');
  return [
    'delete',
    '--log-json',
    ...(options.list === true ? ['--list'] : []),
    ...(options.stats === true ? ['--stats'] : []),
    ...globArgs(options.glob),
    ...lockWaitArgs(options.lockWait),
    '--',
    options.archive !== undefined ? archiveRef(options.archive) : '::',
  ];
}
