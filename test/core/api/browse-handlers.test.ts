import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initArgs } from '../../../electron/core/borg/argv/init.js';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { ensureOk, runBorg } from '../../../electron/core/borg/runner.js';
import { validateConfig } from '../../../electron/core/config/validate.js';
import { activeMountpoints } from '../../../electron/core/restore/mount-manager.js';
import { testRouter, type TestRouter } from '../../support/router-context.js';

// One repository for the file: two backups of the job "daily" made by the real engine.
let root: string;
let docs: string;
let router: TestRouter;
const archives: string[] = [];
let stopIndexing: () => void;

async function backup(): Promise<string> {
  const measured = () => router.events.filter((e) => e.event === 'repository.stats').length;
  const measuredBefore = measured();
  const started = await router.core.engine.start('daily');
  if (!('done' in started)) throw new Error(started.message);
  const record = await started.done;
  if (record.outcome !== 'ok') throw new Error(`backup failed: ${record.reason ?? record.outcome}`);
  // After a run the repository is measured again (for the dashboard) in its queue; browsing waits for that.
  await until(async () => measured() > measuredBefore, 'the repository measurement after the backup');
  return record.archiveName ?? '';
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cairn-browse-'));
  docs = join(root, 'src', 'docs');
  await mkdir(join(docs, 'sub'), { recursive: true });
  await writeFile(join(docs, 'report.txt'), 'version one');
  await writeFile(join(docs, 'sub', 'keep.txt'), 'same');
  const url = join(root, 'repo');
  ensureOk(await runBorg(await locateBorg(), { args: initArgs({ encryption: 'none' }), repository: { url, encryption: 'none', passphrase: null } }));
  router = testRouter({ root: join(root, 'cairn'), forwardEngineEvents: true });
  await router.core.store.save(
    validateConfig({
      version: 1,
      states: [{ id: 'docs', name: 'Docs', folders: [docs] }],
      repositories: [{ id: 'usb', name: 'USB disk', url, encryption: 'none', passphrase: { source: 'none' } }],
      jobs: [{ id: 'daily', name: 'Daily', stateIds: ['docs'], repositoryId: 'usb', checkFrequency: 'never' }],
    }),
  );
  archives.push(await backup());
  await writeFile(join(docs, 'report.txt'), 'version two, longer');
  await writeFile(join(docs, 'added.txt'), 'new');
}, 120_000);

afterAll(async () => {
  stopIndexing?.();
  router.stopForwarding();
  await router.core.browse.shutdown();
  rmSync(root, { recursive: true, force: true });
});

const archivePath = (path: string) => join(docs, path).slice(1);

describe('browse and restore handlers (real borg, real FUSE)', () => {
  it('shows a new archive from a mount while its index builds, then from the index; a backup unmounts it and indexes its own archive', async () => {
    const [first] = archives;
    const opened = await router.invoke('browse.open', { repositoryId: 'usb', archiveName: first!, path: archivePath('') });
    expect(opened).toMatchObject({ indexState: 'building', source: 'mount', fuse: { available: true } });
    expect(opened.page?.entries.map((e) => e.name).sort()).toEqual(['report.txt', 'sub']);
    const mounted = router.core.browse.mounts.list().map((m) => m.mountpoint);
    expect(mounted).toHaveLength(1);
    await until(async () => router.events.some((e) => e.event === 'index.progress' && (e.payload as { state: string }).state === 'ready'), 'the index');
    const listed = await router.invoke('browse.list', { repositoryId: 'usb', archiveName: first!, path: archivePath(''), sort: 'size', descending: true });
    expect(listed).toMatchObject({ indexState: 'ready', source: 'index' });
    expect(listed.page?.entries.map((e) => e.name)).toEqual(['report.txt', 'sub']);

    stopIndexing = router.core.browse.startBackgroundIndexing();
    archives.push(await backup()); // fails with LockTimeout if the mount were still there
    expect((await activeMountpoints()).has(mounted[0]!)).toBe(false);
    await until(async () => (await router.core.browse.indexState('usb', archives[1]!)) === 'ready', 'the background index');
  });

  it("searches a job's archives, lists a file's versions marking the change, and diffs two archives", async () => {
    const found = await router.invoke('browse.search', { repositoryId: 'usb', jobId: 'daily', query: '*.txt' });
    expect(found.notIndexed).toEqual([]);
    expect(found.results.map((r) => [r.archiveName, r.entries.map((e) => e.name).sort()])).toEqual([
      [archives[1], ['added.txt', 'keep.txt', 'report.txt']],
      [archives[0], ['keep.txt', 'report.txt']],
    ]);
    const versions = await router.invoke('browse.versions', { repositoryId: 'usb', jobId: 'daily', path: archivePath('report.txt') });
    expect(versions.versions.map((v) => [v.entry?.size, v.changed])).toEqual([[11, true], [19, true]]);
    const same = await router.invoke('browse.versions', { repositoryId: 'usb', jobId: 'daily', path: archivePath('sub/keep.txt') });
    expect(same.versions.map((v) => v.changed)).toEqual([true, false]);
    const diff = await router.invoke('browse.diff', { repositoryId: 'usb', archiveName: archives[0]!, otherArchiveName: archives[1]! });
    expect(diff.added.map((e) => e.path)).toEqual([archivePath('added.txt')]);
    expect(diff.modified.find((e) => e.path === archivePath('report.txt'))?.changes).toContain('content');
  });

  it('restores a deleted file to its original place, and only to folders the user picked', async () => {
    await rm(join(docs, 'report.txt'));
    const summary = await router.invoke('restore.start', {
      restoreId: 'r1',
      repositoryId: 'usb',
      archiveName: archives[0]!,
      selection: [{ path: archivePath('report.txt'), folder: false }],
      target: { kind: 'original' },
      onConflict: 'keep-both',
    });
    expect(summary).toMatchObject({ restored: 1, failed: [], cancelled: false });
    expect(await readFile(join(docs, 'report.txt'), 'utf8')).toBe('version one');

    const elsewhere = join(root, 'restored');
    const request = {
      restoreId: 'r2',
      repositoryId: 'usb',
      archiveName: archives[1]!,
      selection: [{ path: archivePath('sub'), folder: true }],
      target: { kind: 'folder' as const, path: elsewhere },
      onConflict: 'skip' as const,
    };
    await expect(router.invoke('restore.start', request)).rejects.toThrow(/folder picker/);
    router.context.chosenPaths.set('restore-target', new Set([elsewhere]));
    await router.invoke('restore.start', request);
    expect(await readFile(join(elsewhere, archivePath('sub/keep.txt')), 'utf8')).toBe('same');
  });
});
