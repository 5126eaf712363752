import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { initArgs } from '../borg/argv/init.js';
import { parseRepositoryUrl } from '../borg/rsh.js';
import { ensureOk, runBorg } from '../borg/runner.js';
import type { BorgBinary, RepositoryAccess } from '../borg/types.js';

async function folderState(path: string): Promise<'missing' | 'empty' | 'used'> {
  try {
    return (await readdir(path)).length === 0 ? 'empty' : 'used';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'used'; // a file: borg refuses it, and it is not Cairn's to remove
    throw error;
  }
}

/** Puts a local repository location back as it was before Cairn wrote there; never touches what was there before. */
export type UndoCreation = () => Promise<void>;

/**
 * Notes what exists at a local repository location before `borg init`, and returns how to remove
 * what init (and `--make-parent-dirs`) made there. A folder that already held anything is never
 * touched; an empty folder the user picked is emptied again, not removed. ssh locations: nothing.
 */
export async function noteRepositoryLocation(url: string): Promise<UndoCreation> {
  const location = parseRepositoryUrl(url);
  if (location.kind !== 'local') return async () => {};
  const path = location.path;
  const before = await folderState(path);
  if (before === 'used') return async () => {};
  if (before === 'empty') {
    return async () => {
      for (const entry of await readdir(path).catch(() => [])) await rm(join(path, entry), { recursive: true, force: true });
    };
  }
  // Missing: remove the highest folder that did not exist, so parents made by init go too.
  let top = path;
  for (let parent = dirname(top); parent !== top && (await folderState(parent)) === 'missing'; parent = dirname(parent)) top = parent;
  return async () => {
    await rm(top, { recursive: true, force: true });
  };
}

/**
 * Creates a new borg repository. borg leaves a half-made repository behind when init fails (for
 * example on a bad passphrase source), which later reads as "no manifest": Cairn removes what its
 * own failed init created, and only that.
 */
export async function initRepository(
  borg: BorgBinary,
  access: RepositoryAccess,
  options: { appendOnly?: boolean; storageQuota?: string; lockWait?: number } = {},
): Promise<void> {
  const undo = await noteRepositoryLocation(access.url);
  const result = await runBorg(borg, {
    args: initArgs({ encryption: access.encryption, makeParentDirs: true, ...options }),
    repository: access,
  });
  if (result.outcome === 'error') await undo();
  ensureOk(result);
}
