import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { validateConfig } from '../../../electron/core/config/validate.js';
import { FUSE_MISSING_NOTE } from '../../../electron/core/restore/fuse.js';
import { openArchiveItem, previewsRootOf } from '../../../electron/core/restore/open-item.js';
import { makeRepository, PASSPHRASE } from '../../support/borg-fixture.js';
import { createArchive, fileScopedDir } from '../../support/restore-fixture.js';
import { testRouter, type TestRouter } from '../../support/router-context.js';
import { tempDir } from '../../support/temp-dir.js';

// One encrypted repository for the file (the passphrase comes from a command, then borg's fd 3).
const scope = fileScopedDir('cairn-open-item-');
const REPORT = randomBytes(64 * 1024);
const routers: TestRouter[] = [];

beforeAll(async () => {
  const root = scope.make();
  await mkdir(join(root, 'src', 'docs', 'sub'), { recursive: true });
  await writeFile(join(root, 'src', 'docs', 'report.bin'), REPORT);
  await writeFile(join(root, 'src', 'docs', 'sub', 'deep.txt'), 'deep');
  await writeFile(join(root, 'passphrase'), PASSPHRASE, { mode: 0o600 });
  const access = await makeRepository(join(root, 'repo'));
  await createArchive(await locateBorg(), access, root, 'a1');
}, 60_000);
afterAll(() => scope.remove());

// Whatever a test left mounted or extracted goes before its temp dirs are removed.
afterEach(async () => {
  await Promise.all(routers.splice(0).map((r) => r.core.browse.shutdown()));
});

async function setup(): Promise<TestRouter> {
  const router = testRouter({ root: tempDir('cairn-open-') });
  routers.push(router);
  await router.core.store.save(
    validateConfig({
      version: 1,
      repositories: [{ id: 'disk', name: 'Disk', url: join(scope.path(), 'repo'), passphrase: { source: 'command', command: `cat '${join(scope.path(), 'passphrase')}'` } }],
    }),
  );
  return router;
}

const mounted = async (): Promise<string> => readFile('/proc/self/mounts', 'utf8');

describe('opening an item of an archive (real borg, real FUSE)', () => {
  it('opens a file from the archive mount, reveals its folder, and unmounts at shutdown', async () => {
    const { core } = await setup();
    const opened = await core.browse.openItem('disk', 'a1', 'src/docs/report.bin', 'open');
    expect(opened.opened).toBe('mount');
    const [mount] = core.browse.mounts.list();
    expect(mount?.archiveName).toBe('a1');
    expect(opened.localPath).toBe(join(mount?.mountpoint ?? '', 'src/docs/report.bin'));
    expect((await readFile(opened.localPath)).equals(REPORT)).toBe(true);

    // The same mount serves the file manager: a file's folder, a folder itself, and "open" of a folder.
    const revealed = await core.browse.openItem('disk', 'a1', '/src/docs/report.bin', 'reveal');
    expect(revealed).toEqual({ opened: 'mount', localPath: dirname(opened.localPath) });
    expect((await readdir(revealed.localPath)).sort()).toEqual(['report.bin', 'sub']);
    expect(await core.browse.openItem('disk', 'a1', 'src/docs/sub', 'reveal')).toEqual({ opened: 'mount', localPath: join(revealed.localPath, 'sub') });
    expect(await core.browse.openItem('disk', 'a1', 'src/docs/sub', 'open')).toEqual({ opened: 'mount', localPath: join(revealed.localPath, 'sub') });
    expect(core.browse.mounts.list()).toHaveLength(1);
    expect(await mounted()).toContain(mount?.mountpoint);

    await core.browse.shutdown();
    expect(await mounted()).not.toContain(mount?.mountpoint);
    expect(core.browse.mounts.list()).toEqual([]);
  }, 60_000);

  it('waits for the repository queue (a listing takes seconds) and refuses when it stays busy (a backup)', async () => {
    const { core } = await setup();
    let release = (): void => undefined;
    const held = core.engine.exclusive('disk', () => new Promise<void>((resolve) => (release = resolve)));
    const { config } = await core.store.load();
    const repository = config.repositories[0];
    if (!repository) throw new Error('no repository');
    const deps = { service: core.browse, engine: core.engine, borg: await core.borg(), access: await core.access(repository), previewsRoot: previewsRootOf(core.paths.cacheDir) };
    await expect(openArchiveItem({ ...deps, queueWaitMs: 200 }, { repositoryId: 'disk', archiveName: 'a1', path: 'src/docs/report.bin', how: 'open' })).rejects.toThrow(
      'A backup or another task is using this repository right now.',
    );
    const opening = core.browse.openItem('disk', 'a1', 'src/docs/report.bin', 'open');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(core.browse.mounts.list()).toEqual([]);
    release();
    await held;
    expect((await opening).opened).toBe('mount');
  }, 60_000);

  it('refuses a path that is not in the archive or climbs out of it', async () => {
    const { core } = await setup();
    await expect(core.browse.openItem('disk', 'a1', 'src/docs/nope.txt', 'open')).rejects.toThrow('src/docs/nope.txt is not in the archive a1.');
    await expect(core.browse.openItem('disk', 'a1', 'src/../../../etc/passwd', 'open')).rejects.toThrow('is not a path inside the archive');
  }, 60_000);

  it('without FUSE extracts just that file into a private preview folder, refuses to reveal with the note, and removes previews at shutdown', async () => {
    const { core } = await setup();
    core.browse.fuse = { available: false, note: FUSE_MISSING_NOTE };
    const previews = previewsRootOf(core.paths.cacheDir);

    const opened = await core.browse.openItem('disk', 'a1', 'src/docs/report.bin', 'open');
    expect(opened.opened).toBe('extract');
    expect(opened.localPath.startsWith(`${previews}/`)).toBe(true);
    expect((await readFile(opened.localPath)).equals(REPORT)).toBe(true);
    const folder = join(previews, opened.localPath.slice(previews.length + 1).split('/')[0] ?? '');
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    // Only the file was extracted: not its sibling folder.
    expect(await readdir(join(folder, 'src/docs'))).toEqual(['report.bin']);
    expect(core.browse.mounts.list()).toEqual([]);

    await expect(core.browse.openItem('disk', 'a1', 'src/docs/report.bin', 'reveal')).rejects.toThrow(FUSE_MISSING_NOTE);
    await expect(core.browse.openItem('disk', 'a1', 'src/docs/sub', 'open')).rejects.toThrow(FUSE_MISSING_NOTE);
    await expect(core.browse.openItem('disk', 'a1', 'src/docs/gone.txt', 'open')).rejects.toThrow('src/docs/gone.txt is not in the archive a1.');
    // Refused opens leave nothing behind.
    expect(await readdir(previews)).toEqual([folder.slice(previews.length + 1)]);

    await core.browse.shutdown();
    expect(await readdir(previews)).toEqual([]);
  }, 60_000);

  it('falls back to an extracted copy when the mount fails for want of FUSE, and says so from then on', async () => {
    const { core } = await setup();
    // borg without a FUSE library: `borg mount` fails with "no FUSE support"; everything else works.
    process.env.BORG_FUSE_IMPL = 'none';
    try {
      const opened = await core.browse.openItem('disk', 'a1', 'src/docs/report.bin', 'open');
      expect(opened.opened).toBe('extract');
      expect((await readFile(opened.localPath)).equals(REPORT)).toBe(true);
      expect(core.browse.fuse).toEqual({ available: false, note: FUSE_MISSING_NOTE });
      await expect(core.browse.openItem('disk', 'a1', 'src/docs', 'reveal')).rejects.toThrow(FUSE_MISSING_NOTE);
    } finally {
      delete process.env.BORG_FUSE_IMPL;
    }
  }, 60_000);

  it('removes previews a run that has ended left behind, at the first open of the next run', async () => {
    const { core } = await setup();
    core.browse.fuse = { available: false, note: FUSE_MISSING_NOTE };
    const previews = previewsRootOf(core.paths.cacheDir);
    // pid 2147483646 is never a live process: its folder is a crash's leftover.
    const stale = join(previews, '2147483646-left-by-a-crash');
    await mkdir(join(stale, 'src'), { recursive: true });
    await writeFile(join(stale, 'src', 'old.txt'), 'old');

    const opened = await core.browse.openItem('disk', 'a1', 'src/docs/sub/deep.txt', 'open');
    expect(await readFile(opened.localPath, 'utf8')).toBe('deep');
    const left = await readdir(previews);
    expect(left).toHaveLength(1);
    expect(left[0]?.startsWith(`${process.pid}-`)).toBe(true);
  }, 60_000);
});
