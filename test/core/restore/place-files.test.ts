import { lstat, mkdir, readFile, readlink, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeFiles } from '../../../electron/core/restore/place-files.js';
import { tempDir } from '../../support/temp-dir.js';

/** A staging tree as borg extract leaves it, and a destination with one file already there. */
async function setup() {
  const staging = tempDir();
  const destination = tempDir();
  await mkdir(join(staging, 'docs/sub'), { recursive: true });
  await writeFile(join(staging, 'docs/report.txt'), 'from the archive');
  await writeFile(join(staging, 'docs/sub/new.txt'), 'new');
  await mkdir(join(destination, 'docs'), { recursive: true });
  await writeFile(join(destination, 'docs/report.txt'), 'edited since');
  return { staging, destination };
}

describe('placeFiles', () => {
  it('keeps both by renaming the restored copy, leaving the existing file untouched', async () => {
    const { staging, destination } = await setup();
    const summary = await placeFiles(staging, destination, 'keep-both');
    expect(await readFile(join(destination, 'docs/report.txt'), 'utf8')).toBe('edited since');
    expect(await readFile(join(destination, 'docs/report (restored).txt'), 'utf8')).toBe('from the archive');
    expect(await readFile(join(destination, 'docs/sub/new.txt'), 'utf8')).toBe('new');
    expect(summary.restored).toBe(2);
    expect(summary.keptBoth).toEqual([{ existing: join(destination, 'docs/report.txt'), restoredAs: join(destination, 'docs/report (restored).txt') }]);
  });

  it('numbers further copies instead of replacing an earlier restored copy', async () => {
    const { staging, destination } = await setup();
    await writeFile(join(destination, 'docs/report (restored).txt'), 'first restore');
    await placeFiles(staging, destination, 'keep-both');
    expect(await readFile(join(destination, 'docs/report (restored).txt'), 'utf8')).toBe('first restore');
    expect(await readFile(join(destination, 'docs/report (restored 2).txt'), 'utf8')).toBe('from the archive');
  });

  it('skips existing files when asked', async () => {
    const { staging, destination } = await setup();
    const summary = await placeFiles(staging, destination, 'skip');
    expect(await readFile(join(destination, 'docs/report.txt'), 'utf8')).toBe('edited since');
    expect(summary.skipped).toEqual([join(destination, 'docs/report.txt')]);
    expect(summary.restored).toBe(1);
  });

  it('overwrites only when asked, and says which files', async () => {
    const { staging, destination } = await setup();
    const summary = await placeFiles(staging, destination, 'overwrite');
    expect(await readFile(join(destination, 'docs/report.txt'), 'utf8')).toBe('from the archive');
    expect(summary.overwritten).toEqual([join(destination, 'docs/report.txt')]);
  });

  it('keeps modification times and modes, and moves symlinks as links without following them', async () => {
    const staging = tempDir();
    const destination = tempDir();
    await writeFile(join(staging, 'old.txt'), 'x', { mode: 0o640 });
    await utimes(join(staging, 'old.txt'), new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
    await symlink('/etc/passwd', join(staging, 'link'));
    await placeFiles(staging, destination, 'keep-both');
    const info = await stat(join(destination, 'old.txt'));
    expect(info.mtime.toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(info.mode & 0o777).toBe(0o640);
    expect((await lstat(join(destination, 'link'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(destination, 'link'))).toBe('/etc/passwd');
  });
});
