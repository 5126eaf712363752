import { archiveRef, globArgs, lastArgs, lockWaitArgs, type CommonOptions } from './common.js';

/** The repository (no archive) or the archives `borg info --json` describes. */
export interface InfoOptions extends CommonOptions {
  archive?: string | undefined;
  glob?: string | undefined;
  last?: number | undefined;
}

/** argv for `borg info --json` of the repository or of archives. */
export function infoArgs(options: InfoOptions = {}): string[] {
  return [
    'info',
    '--log-json',
    '--json',
    ...globArgs(options.glob),
    ...lastArgs(options.last),
    ...lockWaitArgs(options.lockWait),
    ...(options.archive !== undefined ? ['--', archiveRef(options.archive)] : []),
  ];
}
