import { archiveRef, globArgs, lastArgs, lockWaitArgs, type CommonOptions } from './common.js';

/** What `borg mount -f` shows: one archive, or the whole repository (one folder per archive). */
export interface MountOptions extends CommonOptions {
  mountpoint: string;
  archive?: string | undefined;
  /** FUSE/borg `-o` options such as `versions`, `allow_other`, `uid=1000`. */
  mountOptions?: readonly string[] | undefined;
  /** Repository mounts only: limit the archives shown. */
  glob?: string | undefined;
  last?: number | undefined;
}

/** argv for `borg mount` in the foreground (`-f`), so the runner owns the process; stop it with umount. */
export function mountArgs(options: MountOptions): string[] {
  const mountOptions = options.mountOptions ?? [];
  return [
    'mount',
    '--log-json',
    '-f',
    ...(mountOptions.length > 0 ? ['-o', mountOptions.join(',')] : []),
    ...globArgs(options.glob),
    ...lastArgs(options.last),
    ...lockWaitArgs(options.lockWait),
    '--',
    options.archive !== undefined ? archiveRef(options.archive) : '::',
    options.mountpoint,
  ];
}

/** argv for `borg umount`: the only clean way to end a mount (signals leave a dead mount with pyfuse3). */
export function umountArgs(mountpoint: string): string[] {
  return ['umount', '--log-json', '--', mountpoint];
}
