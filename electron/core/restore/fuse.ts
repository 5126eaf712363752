import { BorgError } from '../borg/errors.js';

/** Said when a mount fails because this machine has no FUSE: everything but "Show in file manager" still works. */
export const FUSE_MISSING_NOTE =
  'Archives cannot be mounted on this computer (FUSE is not available), so "Show in file manager" is off. Browsing, search and restore still work; previews are extracted to a temporary folder.';

/** A mount that failed because FUSE (the kernel module, /dev/fuse, or borg's pyfuse3/llfuse) is missing. */
export function fuseMissing(error: unknown): boolean {
  const text = error instanceof BorgError ? `${error.summary} ${error.detail ?? ''}` : String((error as Error)?.message ?? error);
  return /fuse|mount not available|\/dev\/fuse/i.test(text);
}
