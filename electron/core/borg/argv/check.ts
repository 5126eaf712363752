import { lastArgs, lockWaitArgs, type CommonOptions } from './common.js';

/** What `borg check` verifies; rc 1 from check means it found corruption. */
export interface CheckOptions extends CommonOptions {
  progress?: boolean | undefined;
  /** `all` runs both phases (borg's default). */
  scope?: 'all' | 'repository' | 'archives' | undefined;
  /** Read and verify every chunk (slow: the whole repository, even with `last`). */
  verifyData?: boolean | undefined;
  /** Check only the metadata of the newest N archives. */
  last?: number | undefined;
}

/** argv for `borg check` (never `--repair`, which needs a person's confirmation). */
export function checkArgs(options: CheckOptions = {}): string[] {
  const scope = options.scope ?? 'all';
  if (scope === 'repository' && (options.verifyData === true || options.last !== undefined)) {
    throw new RangeError('a repository-only check cannot verify data or limit archives (borg refuses the combination)');
  }
  return [
    'check',
    '--log-json',
    ...(options.progress === true ? ['--progress'] : []),
    ...(scope === 'repository' ? ['--repository-only'] : scope === 'archives' ? ['--archives-only'] : []),
    ...(options.verifyData === true ? ['--verify-data'] : []),
    ...lastArgs(options.last),
    ...lockWaitArgs(options.lockWait),
  ];
}
