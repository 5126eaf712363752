import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nearestExistingAncestor, watchForPath, type PathWatch } from '../../../electron/core/schedule/path-watch.js';
import { tempDir } from '../../support/temp-dir.js';

// Real directories and real fs.watch: these tests use the real clock.
const watches: PathWatch[] = [];
afterEach(() => {
  while (watches.length > 0) watches.pop()?.close();
});

function watchCounting(path: string): { calls: () => number } {
  let calls = 0;
  watches.push(watchForPath(path, () => calls++));
  return { calls: () => calls };
}

describe('nearestExistingAncestor', () => {
  it('returns the deepest folder that exists, the path itself when it exists', () => {
    const root = tempDir();
    mkdirSync(join(root, 'media'));
    expect(nearestExistingAncestor(join(root, 'media', 'user', 'DISK'))).toBe(join(root, 'media'));
    expect(nearestExistingAncestor(root)).toBe(root);
  });
});

describe('watchForPath', () => {
  it('reports a path that already exists at once', () => {
    const root = tempDir();
    expect(watchCounting(root).calls()).toBe(1);
  });

  it('follows folders appearing one level at a time and reports the path once', async () => {
    const root = tempDir();
    const target = join(root, 'media', 'user', 'DISK', 'borg');
    const watch = watchCounting(target);
    for (const part of ['media', 'media/user', 'media/user/DISK']) {
      mkdirSync(join(root, part));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(watch.calls()).toBe(0);
    }
    mkdirSync(target);
    await vi.waitFor(() => expect(watch.calls()).toBe(1), { timeout: 5_000 });
  });

  it('moves the watch up when the watched folder is removed, and still sees the path appear', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'media', 'user'), { recursive: true });
    const target = join(root, 'media', 'user', 'DISK', 'borg');
    const watch = watchCounting(target);
    rmSync(join(root, 'media', 'user'), { recursive: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    mkdirSync(target, { recursive: true });
    await vi.waitFor(() => expect(watch.calls()).toBe(1), { timeout: 5_000 });
  });

  it('reports nothing after close()', async () => {
    const root = tempDir();
    const target = join(root, 'DISK');
    let calls = 0;
    const watch = watchForPath(target, () => calls++);
    watch.close();
    mkdirSync(target);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls).toBe(0);
  });
});
