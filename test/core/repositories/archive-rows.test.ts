import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createArgs } from '../../../electron/core/borg/argv/create.js';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { ensureOk, runBorg } from '../../../electron/core/borg/runner.js';
import type { RepositoryAccess } from '../../../electron/core/borg/types.js';
import type { RunRecord } from '../../../electron/core/jobs/run-record.js';
import { cachedArchiveRows, forgetArchive, listArchiveRows } from '../../../electron/core/repositories/archive-rows.js';
import { makeRepository, makeSourceTree } from '../../support/borg-fixture.js';
import { tempDir } from '../../support/temp-dir.js';

async function createArchive(access: RepositoryAccess, cwd: string, name: string, timestamp: string): Promise<void> {
  const args = createArgs({ archiveName: name, paths: ['documents'], extraArgs: ['--timestamp', timestamp] });
  ensureOk(await runBorg(await locateBorg(), { args, repository: access, cwd }));
}

function runMaking(archiveName: string, nfiles: number): RunRecord {
  return {
    id: `run-${archiveName}`,
    jobId: 'daily',
    repositoryId: 'usb',
    trigger: 'manual',
    start: '2024-03-01T10:00:00.000Z',
    end: '2024-03-01T10:00:05.000Z',
    outcome: 'ok',
    archiveName,
    stats: { nfiles, originalSize: 1234, compressedSize: 1000, deduplicatedSize: 99, durationSeconds: 5 },
    pruned: false,
    checked: false,
    messages: [],
  };
}

describe('listArchiveRows', () => {
  it('asks borg info once for unknown archives, then answers from its cache and the run history without it', async () => {
    const root = tempDir();
    await makeSourceTree(join(root, 'src'));
    const access = await makeRepository(join(root, 'repo'));
    await createArchive(access, join(root, 'src'), 'old-1', '2024-01-01T10:00:00');
    await createArchive(access, join(root, 'src'), 'old-2', '2024-01-02T10:00:00');
    const borg = await locateBorg();
    const cacheFolder = join(root, 'cache', 'usb');
    const owner = (name: string) => (name.startsWith('old') ? 'daily' : null);

    const first = await listArchiveRows({ borg, access, cacheFolder, runs: [], owner });
    expect(first.fetched).toBe(2);
    expect(first.rows.map((r) => r.name)).toEqual(['old-2', 'old-1']);
    expect(first.rows[0]).toMatchObject({ start: '2024-01-02T10:00:00.000Z', end: '2024-01-02T10:00:00.000Z', nfiles: 2, jobId: 'daily' });
    expect(first.rows[0]?.originalSize).toBeGreaterThan(30);
    expect(first.rows[0]?.deduplicatedSize).toBeGreaterThanOrEqual(0);

    const second = await listArchiveRows({ borg, access, cacheFolder, runs: [], owner });
    expect(second.fetched).toBe(0);
    expect(second.rows).toEqual(first.rows);

    // An archive Cairn made: the run's stats are enough, borg info is not asked.
    await createArchive(access, join(root, 'src'), 'made-by-run', '2024-03-01T10:00:00');
    const third = await listArchiveRows({ borg, access, cacheFolder, runs: [runMaking('made-by-run', 7)], owner });
    expect(third.fetched).toBe(0);
    expect(third.rows[0]).toMatchObject({ name: 'made-by-run', nfiles: 7, originalSize: 1234, deduplicatedSize: 99, durationSeconds: 5, end: '2024-03-01T10:00:05.000Z', jobId: null });

    // Without borg: the last listing and the caches (what the window shows while a backup runs).
    const cached = await cachedArchiveRows({ cacheFolder, runs: [runMaking('made-by-run', 7)], owner, url: access.url });
    expect(cached?.rows).toEqual(third.rows);
    expect(await cachedArchiveRows({ cacheFolder, runs: [], owner, url: '/elsewhere' })).toBeNull();

    await forgetArchive(cacheFolder, access.url, 'old-2');
    expect((await cachedArchiveRows({ cacheFolder, runs: [], owner, url: access.url }))?.rows.map((r) => r.name)).toEqual(['made-by-run', 'old-1']);
  });

  it('rebuilds a damaged cache file instead of failing', async () => {
    const root = tempDir();
    await makeSourceTree(join(root, 'src'));
    const access = await makeRepository(join(root, 'repo'));
    await createArchive(access, join(root, 'src'), 'only', '2024-01-01T10:00:00');
    const borg = await locateBorg();
    const cacheFolder = join(root, 'cache', 'usb');
    await listArchiveRows({ borg, access, cacheFolder, runs: [], owner: () => null });
    writeFileSync(join(cacheFolder, 'archive-info.json'), '{"url": "torn');
    const again = await listArchiveRows({ borg, access, cacheFolder, runs: [], owner: () => null });
    expect(again.fetched).toBe(1);
    expect(again.rows[0]?.nfiles).toBe(2);
  });
});
