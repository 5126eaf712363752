import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initArgs } from '../../../electron/core/borg/argv/init.js';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { ensureOk, runBorg } from '../../../electron/core/borg/runner.js';
import { validateConfig } from '../../../electron/core/config/validate.js';
import { FUSE_MISSING_NOTE } from '../../../electron/core/restore/fuse.js';
import { createArchive, fileScopedDir } from '../../support/restore-fixture.js';
import { testRouter, type TestRouter } from '../../support/router-context.js';
import { tempDir } from '../../support/temp-dir.js';

// One unencrypted repository with one archive for the file.
const scope = fileScopedDir('cairn-open-handlers-');
const routers: TestRouter[] = [];

beforeAll(async () => {
  const root = scope.make();
  await mkdir(join(root, 'src', 'notes'), { recursive: true });
  await writeFile(join(root, 'src', 'notes', 'letter.txt'), 'Dear future me\n');
  const access = { url: join(root, 'repo'), encryption: 'none' as const, passphrase: null };
  const borg = await locateBorg();
  ensureOk(await runBorg(borg, { args: initArgs({ encryption: 'none' }), repository: access }));
  await createArchive(borg, access, root, 'a1');
}, 60_000);
afterAll(() => scope.remove());
afterEach(async () => {
  await Promise.all(routers.splice(0).map((r) => r.core.browse.shutdown()));
});

async function setup(): Promise<TestRouter> {
  const router = testRouter({ root: tempDir('cairn-open-router-') });
  routers.push(router);
  await router.core.store.save(
    validateConfig({ version: 1, repositories: [{ id: 'usb', name: 'USB disk', url: join(scope.path(), 'repo'), encryption: 'none', passphrase: { source: 'none' } }] }),
  );
  return router;
}

describe('browse.openItem', () => {
  it('hands the desktop the file inside the archive mount, and the folder holding it to reveal', async () => {
    const router = await setup();
    const opened = await router.invoke('browse.openItem', { repositoryId: 'usb', archiveName: 'a1', path: 'src/notes/letter.txt', how: 'open' });
    expect(opened.opened).toBe('mount');
    expect(await readFile(opened.localPath, 'utf8')).toBe('Dear future me\n');
    const revealed = await router.invoke('browse.openItem', { repositoryId: 'usb', archiveName: 'a1', path: 'src/notes/letter.txt', how: 'reveal' });
    expect(router.desktop.calls).toEqual([
      { port: 'openPath', path: opened.localPath },
      { port: 'openPath', path: join(opened.localPath, '..') },
    ]);
    expect(revealed.localPath).toBe(join(opened.localPath, '..'));
  }, 60_000);

  it('without FUSE opens an extracted copy and refuses to reveal with the FUSE note, asking nothing of the desktop', async () => {
    const router = await setup();
    router.core.browse.fuse = { available: false, note: FUSE_MISSING_NOTE };
    const opened = await router.invoke('browse.openItem', { repositoryId: 'usb', archiveName: 'a1', path: 'src/notes/letter.txt', how: 'open' });
    expect(opened.opened).toBe('extract');
    expect(await readFile(opened.localPath, 'utf8')).toBe('Dear future me\n');
    await expect(router.invoke('browse.openItem', { repositoryId: 'usb', archiveName: 'a1', path: 'src/notes', how: 'reveal' })).rejects.toThrow(FUSE_MISSING_NOTE);
    expect(router.desktop.calls).toEqual([{ port: 'openPath', path: opened.localPath }]);
  }, 60_000);

  it('says which file no app could open when the desktop fails, and refuses unknown repositories and ways to open', async () => {
    const router = await setup();
    router.core.browse.fuse = { available: false, note: FUSE_MISSING_NOTE };
    router.desktop.openPath = () => Promise.reject(new Error('Could not open /x: No application is registered'));
    await expect(router.invoke('browse.openItem', { repositoryId: 'usb', archiveName: 'a1', path: 'src/notes/letter.txt', how: 'open' })).rejects.toThrow(
      'No app could open letter.txt: Could not open /x: No application is registered',
    );
    await expect(router.invoke('browse.openItem', { repositoryId: 'gone', archiveName: 'a1', path: 'x', how: 'open' })).rejects.toThrow(/gone/);
    // @ts-expect-error: the window may only ask to open or reveal
    await expect(router.invoke('browse.openItem', { repositoryId: 'usb', archiveName: 'a1', path: 'x', how: 'run' })).rejects.toThrow(/Invalid input/);
  }, 60_000);
});
