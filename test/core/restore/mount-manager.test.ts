import { mkdir, open, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { activeMountpoints, MountManager } from '../../../electron/core/restore/mount-manager.js';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { ensureOk, runBorg } from '../../../electron/core/borg/runner.js';
import { makeRepository } from '../../support/borg-fixture.js';
import { tempDir } from '../../support/temp-dir.js';

const managers: MountManager[] = [];
afterEach(async () => {
  // Mounts go even when a test failed: a live FUSE mount would block the temp dir's removal.
  await Promise.all(managers.splice(0).map((m) => m.unmountAll()));
});

async function setup(idleMs?: number) {
  const root = tempDir();
  await mkdir(join(root, 'src/docs'), { recursive: true });
  await writeFile(join(root, 'src/docs/a.txt'), 'a');
  const borg = await locateBorg();
  const access = await makeRepository(join(root, 'repo'));
  ensureOk(await runBorg(borg, { args: ['create', '--log-json', '::a1', 'src'], repository: access, cwd: root }));
  const options = { root: join(root, 'mounts'), stateFile: join(root, 'mounts.json'), idleMs };
  const manager = new MountManager(options);
  managers.push(manager);
  return { root, borg, access, manager, options };
}

/** Waits (up to 20 s) until the idle timer has unmounted `mountpoint` and the manager let it go. */
async function waitForUnmount(manager: MountManager, mountpoint: string): Promise<void> {
  const gone = async () => !(await activeMountpoints()).has(mountpoint) && manager.list().length === 0;
  const deadline = Date.now() + 20_000;
  while (!(await gone()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect((await activeMountpoints()).has(mountpoint)).toBe(false);
  expect(manager.list()).toEqual([]);
}

describe('MountManager (real borg mount and FUSE)', () => {
  it('mounts an archive once, records it, and unmounts it when idle', async () => {
    const { borg, access, manager, options } = await setup(500);
    const mountpoint = await manager.mount(borg, access, 'repo', 'a1');
    expect(await manager.mount(borg, access, 'repo', 'a1')).toBe(mountpoint);
    expect(await readdir(join(mountpoint, 'src/docs'))).toEqual(['a.txt']);
    expect(JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(options.stateFile, 'utf8')))).toMatchObject([{ mountpoint, archiveName: 'a1' }]);
    await waitForUnmount(manager, mountpoint);
  });

  it('keeps an idle mount while a file in it is open (an app showing it), and unmounts it once closed', async () => {
    const { borg, access, manager } = await setup(300);
    const mountpoint = await manager.mount(borg, access, 'repo', 'a1');
    const file = await open(join(mountpoint, 'src/docs/a.txt'), 'r');
    try {
      // Several idle checks pass (every 250 ms, each trying borg umount): the open file keeps it.
      await new Promise((r) => setTimeout(r, 4_000));
      expect((await activeMountpoints()).has(mountpoint)).toBe(true);
      expect(manager.list().map((m) => m.mountpoint)).toEqual([mountpoint]);
      expect((await file.read(Buffer.alloc(1), 0, 1, 0)).bytesRead).toBe(1);
    } finally {
      await file.close();
    }
    await waitForUnmount(manager, mountpoint);
  });

  it('never hands out a mount the idle timer is taking down: asking waits, then mounts again', async () => {
    const { borg, access, manager } = await setup(60_000);
    const first = await manager.mount(borg, access, 'repo', 'a1');
    const sweep = manager.unmountIdle(Date.now() + 60_000);
    await new Promise((r) => setImmediate(r)); // the sweep has started its borg umount
    expect(manager.touch('repo', 'a1')).toBeNull();
    const again = await manager.mount(borg, access, 'repo', 'a1');
    await sweep;
    expect(again).not.toBe(first);
    expect((await activeMountpoints()).has(first)).toBe(false);
    expect(await readdir(join(again, 'src/docs'))).toEqual(['a.txt']);
    expect(manager.list().map((m) => m.mountpoint)).toEqual([again]);
  });

  it('unmounts at quit a mount that was still being made (borg was reading the archive)', async () => {
    const { borg, access, manager } = await setup();
    const mounting = manager.mount(borg, access, 'repo', 'a1');
    await new Promise((r) => setImmediate(r)); // borg mount has started
    await manager.unmountAll();
    const mountpoint = await mounting;
    expect((await activeMountpoints()).has(mountpoint)).toBe(false);
    expect(manager.list()).toEqual([]);
  });

  it('unmounts what a crashed run left, from the recorded mount points', async () => {
    const { borg, access, manager, options } = await setup();
    const mountpoint = await manager.mount(borg, access, 'repo', 'a1');
    // A new manager over the same state file is the next start after a crash.
    const next = new MountManager(options);
    managers.push(next);
    expect(await next.cleanupStale()).toEqual([mountpoint]);
    expect((await activeMountpoints()).has(mountpoint)).toBe(false);
    await manager.unmountAll(); // its borg process exited with the unmount
  });
});
