import { readFile, utimes, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { IndexCache } from '../../../electron/core/restore/index-cache.js';
import { IndexBuilder } from '../../../electron/core/restore/index-writer.js';
import { tempDir } from '../../support/temp-dir.js';

async function add(cache: IndexCache, repositoryId: string, archiveName: string, files: number): Promise<number> {
  const builder = new IndexBuilder();
  for (let i = 0; i < files; i++) builder.add({ path: `f${i}`, type: '-', mode: 0o644, size: i, mtime: i });
  const built = await builder.write(await cache.fileFor(repositoryId, archiveName));
  await cache.commit(repositoryId, archiveName, built);
  return built.bytes;
}

describe('IndexCache', () => {
  it('evicts the least recently opened indexes to stay under its bound, never the one just built', async () => {
    const root = tempDir();
    const probe = new IndexCache(tempDir());
    const size = await add(probe, 'r', 'probe', 100);
    const cache = new IndexCache(root, size * 2 + 10);
    await add(cache, 'r', 'old', 100);
    await add(cache, 'r', 'used', 100);
    // 'old' was built first, 'used' is opened later: 'old' is the least recently used.
    const past = new Date(Date.now() - 60_000);
    for (const meta of await cache.list('r')) if (meta.archiveName === 'old') await utimes(`${(await cache.fileFor('r', 'old')).slice(0, -4)}.json`, past, past);
    (await cache.open('r', 'used'))?.close();
    await add(cache, 'r', 'new', 100);
    expect((await cache.list()).map((m) => m.archiveName).sort()).toEqual(['new', 'used']);
    expect(await cache.has('r', 'old')).toBe(false);
  });

  it("drops the indexes of archives a repository's listing no longer has", async () => {
    const cache = new IndexCache(tempDir());
    await add(cache, 'r', 'kept', 3);
    await add(cache, 'r', 'pruned', 3);
    await add(cache, 'other', 'pruned', 3);
    expect(await cache.dropMissing('r', ['kept', 'newer'])).toEqual(['pruned']);
    expect(await cache.has('r', 'pruned')).toBe(false);
    expect(await cache.open('r', 'pruned')).toBeNull();
    expect(await cache.has('other', 'pruned')).toBe(true);
  });

  it('drops an index of an older layout (or a damaged one) when opening it, so it is built again', async () => {
    const cache = new IndexCache(tempDir());
    await add(cache, 'r', 'old-layout', 3);
    const file = await cache.fileFor('r', 'old-layout');
    const bytes = await readFile(file);
    bytes.writeUInt32LE(1, 8); // the layout version of the first release
    await writeFile(file, bytes);
    expect(await cache.has('r', 'old-layout')).toBe(true);
    expect(await cache.open('r', 'old-layout')).toBeNull();
    expect(await cache.has('r', 'old-layout')).toBe(false);
  });
});
