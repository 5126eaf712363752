// A real repository with archives holding awkward names, for the restore tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { link, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { locateBorg } from '../../electron/core/borg/locate.js';
import { ensureOk, runBorg } from '../../electron/core/borg/runner.js';
import type { BorgBinary, RepositoryAccess } from '../../electron/core/borg/types.js';
import { makeRepository } from './borg-fixture.js';

/** A name with bytes that are not UTF-8 (borg lists them as `?`). */
export const BAD_BYTES_NAME = Buffer.concat([Buffer.from('bad'), Buffer.from([0xff, 0xfe]), Buffer.from('name.txt')]);
export const NEWLINE_NAME = 'new\nline.txt';
export const LONG_NAME = `${'l'.repeat(251)}.txt`; // 255 bytes

/** Writes the tree under `root/src` (archive paths `src/...`). */
export async function makeOddTree(root: string): Promise<void> {
  const docs = join(root, 'src', 'docs');
  await mkdir(join(docs, 'sub'), { recursive: true });
  await writeFile(join(docs, 'report.txt'), 'report v1');
  await writeFile(join(docs, 'sub', 'deep.txt'), 'deep');
  await writeFile(join(docs, NEWLINE_NAME), 'newline');
  await writeFile(Buffer.concat([Buffer.from(`${docs}/`), BAD_BYTES_NAME]), 'bad bytes');
  await writeFile(join(docs, LONG_NAME), 'long');
  await writeFile(join(docs, 'star*[x].txt'), 'star');
  await symlink('/etc/passwd', join(docs, 'outside-link'));
  await writeFile(join(docs, 'hard-a.txt'), 'hard');
  await link(join(docs, 'hard-a.txt'), join(docs, 'hard-b.txt'));
}

/** `borg create ::name src` run in `root`. */
export async function createArchive(borg: BorgBinary, access: RepositoryAccess, root: string, name: string): Promise<void> {
  ensureOk(await runBorg(borg, { args: ['create', '--log-json', `::${name}`, 'src'], repository: access, cwd: root }));
}

/** A repository with one archive `a1` of the odd tree. */
export async function oddArchive(root: string): Promise<{ borg: BorgBinary; access: RepositoryAccess; repositoryPath: string }> {
  const borg = await locateBorg();
  await makeOddTree(root);
  const repositoryPath = join(root, 'repo');
  const access = await makeRepository(repositoryPath);
  await createArchive(borg, access, root, 'a1');
  return { borg, access, repositoryPath };
}

/** A directory that lives for the whole test file (tempDir is removed after each test). */
export function fileScopedDir(prefix: string): { path: () => string; make: () => string; remove: () => void } {
  let dir = '';
  return {
    path: () => dir,
    make: () => (dir = mkdtempSync(join(tmpdir(), prefix))),
    remove: () => {
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    },
  };
}
