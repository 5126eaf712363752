/** Options every repository-touching builder accepts. */
export interface CommonOptions {
  /** Seconds to wait for another process's repository lock (borg's default is only 1 s). */
  lockWait?: number | undefined;
}

/** `--lock-wait N`, or nothing when no wait is set. */
export function lockWaitArgs(lockWait: number | undefined): string[] {
  if (lockWait === undefined) return [];
  if (!Number.isInteger(lockWait) || lockWait < 0) throw new RangeError(`lockWait must be a whole number of seconds, got ${lockWait}`);
  return ['--lock-wait', String(lockWait)];
}

/** `::NAME`: the archive in the repository named by BORG_REPO (the repository never goes in argv). */
export function archiveRef(name: string): string {
  if (name.length === 0) throw new RangeError('archive name must not be empty');
  if (name.includes('/') || name.includes('::')) throw new RangeError(`archive name must not contain "/" or "::": ${name}`);
  return `::${name}`;
}

/** `-a GLOB` (borg's `--glob-archives`) when a glob is given. */
export function globArgs(glob: string | undefined): string[] {
  if (glob === undefined) return [];
  if (glob.length === 0) throw new RangeError('archive glob must not be empty');
  return ['-a', glob];
}

/** `--last N` when N is given. */
export function lastArgs(last: number | undefined): string[] {
  if (last === undefined) return [];
  if (!Number.isInteger(last) || last < 1) throw new RangeError(`last must be a whole number of 1 or more, got ${last}`);
  return ['--last', String(last)];
}
