import type { EncryptionMode } from '../../config/schema.js';
import { lockWaitArgs, type CommonOptions } from './common.js';

/** What `borg init` needs; the passphrase comes from fd 3, the location from BORG_REPO. */
export interface InitOptions extends CommonOptions {
  encryption: EncryptionMode;
  appendOnly?: boolean | undefined;
  /** borg's size syntax, e.g. `10G` (borg refuses less than 10M). */
  storageQuota?: string | undefined;
  makeParentDirs?: boolean | undefined;
}

/** argv for `borg init`. */
export function initArgs(options: InitOptions): string[] {
  return [
    'init',
    '--log-json',
    '--encryption',
    options.encryption,
    ...(options.appendOnly === true ? ['--append-only'] : []),
    ...(options.storageQuota !== undefined ? ['--storage-quota', options.storageQuota] : []),
    ...(options.makeParentDirs === true ? ['--make-parent-dirs'] : []),
    ...lockWaitArgs(options.lockWait),
  ];
}
