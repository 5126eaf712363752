import { mkdir, readdir, rm } from 'node:fs/promises';
import { initArgs } from '../borg/argv/init.js';
import { parseRepositoryUrl } from '../borg/rsh.js';
import { ensureOk, runBorg } from '../borg/runner.js';
import type { BorgBinary, RepositoryAccess } from '../borg/types.js';

async function isMissingOrEmpty(path: string): Promise<'missing' | 'empty' | 'used'> {
  try {
    return (await readdir(path)).length === 0 ? 'empty' : 'used';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
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
  const location = parseRepositoryUrl(access.url);
  const before = location.kind === 'local' ? await isMissingOrEmpty(location.path) : 'used';
  const result = await runBorg(borg, {
    args: initArgs({ encryption: access.encryption, makeParentDirs: true, ...options }),
    repository: access,
  });
  if (result.outcome === 'error' && location.kind === 'local' && before !== 'used') {
    const after = await isMissingOrEmpty(location.path);
    if (after === 'used') {
      await rm(location.path, { recursive: true, force: true });
      if (before === 'empty') await mkdir(location.path); // it was the user's empty folder: give it back
    }
  }
  ensureOk(result);
}
