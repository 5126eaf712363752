import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BorgBinary, RepositoryAccess } from '../../../electron/core/borg/types.js';
import { listItemsArgs } from '../../../electron/core/borg/argv/list.js';
import { ensureOk, runBorg } from '../../../electron/core/borg/runner.js';
import { buildArchiveIndex } from '../../../electron/core/restore/build-index.js';
import { ArchiveIndex } from '../../../electron/core/restore/index-reader.js';
import { fileScopedDir, LONG_NAME, NEWLINE_NAME, oddArchive } from '../../support/restore-fixture.js';
import { tempDir } from '../../support/temp-dir.js';

const shared = fileScopedDir('cairn-index-');
let borg: BorgBinary;
let access: RepositoryAccess;
beforeAll(async () => {
  ({ borg, access } = await oddArchive(shared.make()));
});
afterAll(() => shared.remove());

describe('buildArchiveIndex', () => {
  it('holds every path borg lists, odd names and links included, and reports progress', async () => {
    const file = join(tempDir(), 'a1.idx');
    const progress: number[] = [];
    const built = await buildArchiveIndex(borg, access, { archive: 'a1', file, onProgress: (n) => progress.push(n) });
    const listed = ensureOk(await runBorg(borg, { args: listItemsArgs({ archive: 'a1' }), repository: access }))
      .stdout.trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { path: string }).path);
    expect(built.entries).toBe(listed.length);
    expect(progress.at(-1)).toBe(listed.length);
    const index = await ArchiveIndex.open(file);
    try {
      for (const path of listed) expect(await index.lookup(path), path).not.toBeNull();
      const docs = (await index.listFolder('src/docs'))!.entries;
      expect(docs.map((e) => e.name)).toEqual(expect.arrayContaining([NEWLINE_NAME, LONG_NAME, 'bad??name.txt', 'star*[x].txt']));
      expect(docs.find((e) => e.name === 'outside-link')).toMatchObject({ kind: 'symlink', linkTarget: '/etc/passwd' });
      expect(docs.filter((e) => e.hardlink)).toHaveLength(1);
      expect(docs.find((e) => e.name === 'report.txt')).toMatchObject({ kind: 'file', size: 9 });
      expect(docs.find((e) => e.name === 'report.txt')!.mtime).toBeGreaterThan(Date.parse('2020-01-01'));
    } finally {
      await index.close();
    }
  });

  it('leaves no index behind when cancelled', async () => {
    const root = tempDir();
    const controller = new AbortController();
    controller.abort();
    await expect(buildArchiveIndex(borg, access, { archive: 'a1', file: join(root, 'x.idx'), signal: controller.signal })).rejects.toMatchObject({ code: 'interrupted' });
    await expect(ArchiveIndex.open(join(root, 'x.idx'))).rejects.toThrow();
  });
});
