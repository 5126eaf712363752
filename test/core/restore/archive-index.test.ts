import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveIndex, type FolderEntry } from '../../../electron/core/restore/index-reader.js';
import { IndexBuilder } from '../../../electron/core/restore/index-writer.js';
import { FLAG_HARDLINK } from '../../../electron/core/restore/index-format.js';
import { nameMatcher, searchIndex } from '../../../electron/core/restore/search.js';
import { tempDir } from '../../support/temp-dir.js';

async function write(items: Parameters<IndexBuilder['add']>[0][]): Promise<ArchiveIndex> {
  const builder = new IndexBuilder();
  for (const item of items) builder.add(item);
  const file = join(tempDir(), 'a.idx');
  await builder.write(file);
  return ArchiveIndex.open(file);
}

const file = (path: string, size = 1, mtime = 1000) => ({ path, type: '-', mode: 0o644, size, mtime });
const dir = (path: string) => ({ path, type: 'd', mode: 0o755, size: 0, mtime: 5000 });

describe('archive index', () => {
  it('lists a folder sorted by name, size or time, and implies parents the archive does not hold', async () => {
    const index = await write([dir('home/ann/docs'), file('home/ann/docs/b.txt', 30, 3), file('home/ann/docs/a.txt', 10, 9), dir('home/ann/docs/sub'), file('home/ann/docs/sub/c', 5)]);
    try {
      const root = await index.listFolder('');
      expect(root?.entries.map((e) => [e.name, e.kind, e.childCount])).toEqual([['home', 'folder', 1]]);
      const docs = await index.listFolder('/home/ann/docs/');
      expect(docs?.entries.map((e) => e.path)).toEqual(['home/ann/docs/a.txt', 'home/ann/docs/b.txt', 'home/ann/docs/sub']);
      expect((await index.listFolder('home/ann/docs', { sort: 'size', descending: true }))?.entries.map((e) => e.name)).toEqual(['b.txt', 'a.txt', 'sub']);
      expect((await index.listFolder('home/ann/docs', { sort: 'mtime' }))?.entries.map((e) => e.name)).toEqual(['b.txt', 'a.txt', 'sub']);
      expect((await index.listFolder('home/ann/docs', { sort: 'type' }))?.entries.map((e) => e.name)).toEqual(['sub', 'a.txt', 'b.txt']);
      expect((await index.listFolder('home/ann/docs', { offset: 1, limit: 1 }))?.entries.map((e) => e.name)).toEqual(['b.txt']);
      expect(await index.listFolder('home/ann/docs/a.txt')).toBeNull();
      expect(await index.listFolder('nope')).toBeNull();
      expect(await index.pathOf((await index.lookup('home/ann/docs/sub/c'))!)).toBe('home/ann/docs/sub/c');
    } finally {
      await index.close();
    }
  });

  it('keeps odd names, symlink targets and hard links', async () => {
    const long = 'x'.repeat(250) + '.txt';
    const index = await write([
      file('d/new\nline'),
      file('d/bad??name'),
      file(`d/${long}`),
      file('d/ünï cödé'),
      { path: 'd/link', type: 'l', mode: 0o777, size: 11, mtime: 1, linkTarget: '/etc/passwd' },
      { path: 'd/hard', type: '-', mode: 0o644, size: 0, mtime: 1, flags: FLAG_HARDLINK, linkTarget: 'd/new\nline' },
    ]);
    try {
      const names = (await index.listFolder('d'))!.entries;
      expect(names.map((e) => e.name).sort()).toEqual(['bad??name', 'hard', 'link', 'new\nline', long, 'ünï cödé'].sort());
      const link = names.find((e) => e.name === 'link');
      expect(link).toMatchObject({ kind: 'symlink', linkTarget: '/etc/passwd', hardlink: false });
      expect(names.find((e) => e.name === 'hard')).toMatchObject({ kind: 'file', linkTarget: 'd/new\nline', hardlink: true });
      expect(await index.lookup(`d/${long}`)).not.toBeNull();
      expect(await index.lookup('d/ünï cödé')).not.toBeNull();
    } finally {
      await index.close();
    }
  });

  it('finds names by piece (any case) or glob', async () => {
    expect(nameMatcher('REPORT')('annual report.pdf')).toBe(true);
    expect(nameMatcher('*.pdf')('a.PDF')).toBe(true);
    expect(nameMatcher('*.pdf')('a.pdf.txt')).toBe(false);
    expect(nameMatcher('r[0-9]?.txt')('r1a.txt')).toBe(true);
    const index = await write([file('a/report.pdf'), file('b/c/report-2.pdf'), file('b/notes.txt')]);
    try {
      const found = await searchIndex(index, '*.pdf');
      expect(found.entries.map((e) => e.path).sort()).toEqual(['a/report.pdf', 'b/c/report-2.pdf']);
      expect((await searchIndex(index, 'report', { limit: 1 })).truncated).toBe(true);
    } finally {
      await index.close();
    }
  });

  it('pages through a folder of 100,000 entries in any order, ties in name order, from orders stored in the index', async () => {
    const builder = new IndexBuilder();
    // Sizes and times repeat (ties), and a few folders sit among the files (type order).
    for (let i = 0; i < 100_000; i++) {
      const name = `big/f${String(i).padStart(6, '0')}.dat`;
      builder.add(i % 25_000 === 7 ? dir(name) : file(name, i % 1000, (i * 7919) % 5000));
    }
    const path = join(tempDir(), 'big.idx');
    await builder.write(path);
    const index = await ArchiveIndex.open(path);
    try {
      expect(index.header.orderedCount).toBe(1); // only `big` is big enough to store its orders
      const all = (await index.listFolder('big'))!.entries;
      expect(all).toHaveLength(100_000);
      const typeValue = (e: FolderEntry) => (e.kind === 'folder' ? 0 : 1);
      for (const [sort, value] of [['size', (e: FolderEntry) => e.size], ['mtime', (e: FolderEntry) => e.mtime], ['type', typeValue]] as const) {
        for (const descending of [false, true]) {
          const expected = [...all].sort((a, b) => (value(a) - value(b)) * (descending ? -1 : 1) || (a.name < b.name ? -1 : 1)).map((e) => e.name);
          for (const offset of [0, 50_000, 99_900]) {
            const page = await index.listFolder('big', { sort, descending, offset, limit: 200 });
            expect(page?.total).toBe(100_000);
            expect(page?.entries.map((e) => e.name), `${sort} ${descending ? 'descending' : 'ascending'} from ${offset}`).toEqual(expected.slice(offset, offset + 200));
          }
        }
      }
      const backwards = await index.listFolder('big', { descending: true, offset: 10, limit: 3 });
      expect(backwards?.entries.map((e) => e.name)).toEqual(['f099989.dat', 'f099988.dat', 'f099987.dat']);
      const window = await index.listFolder('big', { offset: 50_000, limit: 200 });
      expect(window?.entries.map((e) => e.name)).toEqual(Array.from({ length: 200 }, (_, i) => `f${String(50_000 + i).padStart(6, '0')}.dat`));
      expect(await index.pathOf((await index.lookup('big/f077777.dat'))!)).toBe('big/f077777.dat');
      expect(await index.lookup('big/f077777.da')).toBeNull();
      // Listing speed is measured by `npm run bench -- restore`, not here.
    } finally {
      await index.close();
    }
  });
});
