import { lstat, mkdir, readdir, readFile, readlink, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BorgBinary, RepositoryAccess } from '../../../electron/core/borg/types.js';
import { buildArchiveIndex } from '../../../electron/core/restore/build-index.js';
import { ArchiveIndex } from '../../../electron/core/restore/index-reader.js';
import { restoreFromArchive } from '../../../electron/core/restore/restore.js';
import { selectionPatterns } from '../../../electron/core/restore/selection-patterns.js';
import { BAD_BYTES_NAME, fileScopedDir, LONG_NAME, NEWLINE_NAME, oddArchive } from '../../support/restore-fixture.js';
import { tempDir } from '../../support/temp-dir.js';

const shared = fileScopedDir('cairn-restore-');
let borg: BorgBinary;
let access: RepositoryAccess;
beforeAll(async () => {
  ({ borg, access } = await oddArchive(shared.make()));
});
afterAll(() => shared.remove());

const docs = 'src/docs';

describe('selectionPatterns', () => {
  it('matches plain files exactly, folders with their content, and spells awkward names as shell patterns', () => {
    expect(selectionPatterns([{ path: '/src/a.txt', folder: false }, { path: 'src/d/', folder: true }, { path: 'src/new\nline', folder: false }, { path: 'src/bad??x*[1]', folder: false }, { path: 'src/trailing ', folder: false }])).toEqual([
      '+ pf:src/a.txt',
      '+ pp:src/d',
      '+ sh:src/new?line',
      '+ sh:src/bad??x[*][[]1]',
      '+ sh:src/trailing?',
      '- sh:**',
    ]);
    expect(selectionPatterns([{ path: '/', folder: true }])).toEqual([]);
  });
});

describe('restoring a selection with borg extract', () => {
  it('restores odd names (line breaks, bytes that are not UTF-8, 255 bytes), links as links and hard links, and nothing else', async () => {
    const target = tempDir();
    const summary = await restoreFromArchive(borg, access, {
      archive: 'a1',
      paths: [],
      selection: [NEWLINE_NAME, 'bad??name.txt', LONG_NAME, 'star*[x].txt', 'outside-link', 'hard-b.txt'].map((name) => ({ path: `${docs}/${name}`, folder: false })),
      target,
      onConflict: 'keep-both',
    });
    expect(summary.failed).toEqual([]);
    const restored = join(target, docs);
    const names = await readdir(Buffer.from(restored), { encoding: 'buffer' });
    expect(names.map((n) => n.toString('latin1')).sort()).toEqual(
      [NEWLINE_NAME, BAD_BYTES_NAME.toString('latin1'), LONG_NAME, 'star*[x].txt', 'outside-link', 'hard-b.txt'].sort(),
    );
    expect(await readFile(Buffer.concat([Buffer.from(`${restored}/`), BAD_BYTES_NAME]), 'utf8')).toBe('bad bytes');
    expect(await readFile(join(restored, NEWLINE_NAME), 'utf8')).toBe('newline');
    expect(await readlink(join(restored, 'outside-link'))).toBe('/etc/passwd');
    expect(await readFile(join(restored, 'hard-b.txt'), 'utf8')).toBe('hard');
  });

  it('restores a folder with its content, keeping modes and times', async () => {
    const target = tempDir();
    const summary = await restoreFromArchive(borg, access, { archive: 'a1', paths: [], selection: [{ path: `${docs}/sub`, folder: true }], target, onConflict: 'keep-both' });
    expect(summary.restored).toBe(1);
    expect(await readFile(join(target, docs, 'sub/deep.txt'), 'utf8')).toBe('deep');
    const source = await stat(join(shared.path(), docs, 'sub/deep.txt'));
    const info = await stat(join(target, docs, 'sub/deep.txt'));
    expect(info.mtimeMs).toBe(source.mtimeMs);
    expect(info.mode).toBe(source.mode);
  });

  it.each([
    ['keep-both', 'edited', 'report v1'],
    ['skip', 'edited', null],
    ['overwrite', 'report v1', null],
  ] as const)('on a conflict with %s leaves %s in place', async (policy, inPlace, restoredCopy) => {
    const target = tempDir();
    await mkdir(join(target, docs), { recursive: true });
    await writeFile(join(target, docs, 'report.txt'), 'edited');
    const summary = await restoreFromArchive(borg, access, { archive: 'a1', paths: [], selection: [{ path: `${docs}/report.txt`, folder: false }], target, onConflict: policy });
    expect(await readFile(join(target, docs, 'report.txt'), 'utf8')).toBe(inPlace);
    const copy = await readFile(join(target, docs, 'report (restored).txt'), 'utf8').catch(() => null);
    expect(copy).toBe(restoredCopy);
    expect(summary.skipped.length + summary.keptBoth.length + summary.overwritten.length).toBe(1);
  });

  it('refuses a target its permissions forbid before running borg (root, whom modes do not stop, restores)', async () => {
    const target = tempDir();
    await mkdir(join(target, 'locked'), { mode: 0o555 });
    const restoring = restoreFromArchive(borg, access, { archive: 'a1', paths: [], selection: [{ path: `${docs}/report.txt`, folder: false }], target: join(target, 'locked'), onConflict: 'keep-both' });
    // A read-only disk, which stops root too, is in restore-failures.test.ts.
    if (process.getuid?.() !== 0) await expect(restoring).rejects.toThrow(/permission to write there/);
    else expect((await restoring).restored).toBe(1);
  });

  it('counts progress by the items borg lists when the index says how many the selection holds', async () => {
    const built = join(tempDir(), 'a1.idx');
    await buildArchiveIndex(borg, access, { archive: 'a1', file: built });
    const index = await ArchiveIndex.open(built);
    // src/docs and all it holds: report, sub, sub/deep, the odd names, the link and both hard links.
    const expectedItems = await index.countUnder(docs);
    await index.close();
    expect(expectedItems).toBe(11);
    const told: { percent: number | undefined; message: string | undefined }[] = [];
    const summary = await restoreFromArchive(borg, access, {
      archive: 'a1',
      paths: [],
      selection: [{ path: docs, folder: true }],
      target: tempDir(),
      onConflict: 'keep-both',
      expectedItems,
      onProgress: (percent, message) => told.push({ percent, message }),
    });
    expect(summary.failed).toEqual([]);
    expect(told[0]).toEqual({ percent: 0, message: `${docs} (1 of 11)` });
    expect(told.every((t) => t.percent !== undefined && t.percent < 100)).toBe(true);
  });

  it('when cancelled, leaves no file under its final name and no staging folder', async () => {
    const target = tempDir();
    const controller = new AbortController();
    const restoring = restoreFromArchive(borg, access, {
      archive: 'a1',
      paths: [],
      selection: [{ path: docs, folder: true }],
      target,
      onConflict: 'keep-both',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const summary = await restoring;
    expect(summary.cancelled).toBe(true);
    const left = await readdir(target, { recursive: true });
    // A file moved before the cancel is complete; nothing is half-written, nothing staged remains.
    expect(left.filter((p) => p.includes('.cairn-restore-'))).toEqual([]);
    for (const path of left) {
      const info = await lstat(join(target, path));
      if (info.isFile() && path.endsWith('report.txt')) expect(await readFile(join(target, path), 'utf8')).toBe('report v1');
    }
  });
});
