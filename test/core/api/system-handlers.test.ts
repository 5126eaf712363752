import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installHint } from '../../../electron/core/api/handlers/system.js';
import { validateConfig } from '../../../electron/core/config/validate.js';
import { testRouter, type TestRouter } from '../../support/router-context.js';

async function withJob(router: TestRouter): Promise<void> {
  await router.core.store.save(
    validateConfig({
      version: 1,
      states: [{ id: 'docs', name: 'Docs', folders: ['/home/ann/Documents'] }],
      repositories: [{ id: 'usb', name: 'USB', url: '/media/usb/borg' }],
      jobs: [{ id: 'daily', name: 'Daily', stateIds: ['docs'], repositoryId: 'usb' }],
    }),
  );
}

async function corrupt(router: TestRouter, text = '{ "version": 1, "jobs": ['): Promise<string> {
  await mkdir(dirname(router.core.store.file), { recursive: true });
  writeFileSync(router.core.store.file, text);
  return text;
}

const savedBorg = process.env.CAIRN_BORG;
afterEach(() => {
  if (savedBorg === undefined) delete process.env.CAIRN_BORG;
  else process.env.CAIRN_BORG = savedBorg;
});

describe('system.info', () => {
  it('finds borg, reports a first run on an empty config, and names the run-log folder and the platform', async () => {
    const router = testRouter();
    const info = await router.invoke('system.info', {});
    expect(info.borg).toEqual({ found: true, version: expect.stringMatching(/^1\.2\./), path: expect.stringMatching(/borg$/) });
    expect(info).toMatchObject({ firstRun: true, configProblem: null, platform: process.platform, logFolder: join(router.root, 'data', 'runs') });
  });

  it('is no first run once a job exists', async () => {
    const router = testRouter();
    await withJob(router);
    expect(await router.invoke('system.info', {})).toMatchObject({ firstRun: false, configProblem: null });
  });

  it('reports a config file that cannot be read (no first-run wizard over it) and leaves the file alone', async () => {
    const router = testRouter();
    const text = await corrupt(router);
    const info = await router.invoke('system.info', {});
    expect(info.firstRun).toBe(false);
    expect(info.configProblem).toMatch(/^Cannot load .*config\.json: .*will not save over it/s);
    expect(readFileSync(router.core.store.file, 'utf8')).toBe(text);
  });

  it("reports borg as not found, with borg's own advice, when CAIRN_BORG points at nothing", async () => {
    process.env.CAIRN_BORG = '/nonexistent/borg';
    const info = await testRouter().invoke('system.info', {});
    expect(info.borg).toEqual({
      found: false,
      message: 'CAIRN_BORG is set to /nonexistent/borg, which is not an executable program.',
      hint: expect.stringContaining('unset it'),
    });
  });

  it('gives an install hint for each operating system (Windows: WSL, as borg has no native build)', () => {
    expect(installHint('linux')).toMatch(/sudo apt install borgbackup.*sudo dnf install borgbackup.*sudo pacman -S borg/);
    expect(installHint('darwin')).toContain('brew install borgbackup');
    expect(installHint('win32')).toMatch(/no native Windows.*WSL/);
    expect(installHint('freebsd')).toContain('package manager');
  });
});

describe.skipIf(process.env.CAIRN_IN_KEYRING !== '1')('system.info and the keychain (via test/with-keyring.sh)', () => {
  it('reports a working keychain without writing anything to it', async () => {
    expect((await testRouter().invoke('system.info', {})).keychain).toEqual({ available: true, message: null });
  });
});

describe('config.get', () => {
  it('answers the states, repositories, jobs and settings, defaults filled in', async () => {
    const router = testRouter();
    await withJob(router);
    const config = await router.invoke('config.get', {});
    expect(Object.keys(config)).toEqual(['states', 'repositories', 'jobs', 'settings']);
    expect(config.repositories[0]).toMatchObject({ encryption: 'repokey-blake2', passphrase: { source: 'keychain' } });
    expect(config.settings).toEqual({ lockWaitSeconds: 60, notifyOnSuccess: false, staleAfterDays: 3, startAtLogin: false, theme: 'system' });
  });
});

describe('settings.save', () => {
  it('merges what changed into the settings and keeps the rest, then says the config changed', async () => {
    const router = testRouter();
    await withJob(router);
    expect(await router.invoke('settings.save', { settings: { notifyOnSuccess: true, theme: 'dark' } })).toEqual({ ok: true, id: 'settings' });
    const { settings, jobs } = await router.invoke('config.get', {});
    expect(settings).toEqual({ lockWaitSeconds: 60, notifyOnSuccess: true, staleAfterDays: 3, startAtLogin: false, theme: 'dark' });
    expect(jobs).toHaveLength(1);
    expect(router.events).toEqual([{ event: 'config.changed', payload: {} }]);
    expect(router.configChanges()).toBe(1);
    // Start at login did not change: the login item is left alone.
    expect(router.desktop.calls).toEqual([]);
  });

  it('registers the login item only when "start at login" changes', async () => {
    const router = testRouter();
    await router.invoke('settings.save', { settings: { startAtLogin: true } });
    await router.invoke('settings.save', { settings: { startAtLogin: true, staleAfterDays: 5 } });
    await router.invoke('settings.save', { settings: { startAtLogin: false } });
    expect(router.desktop.calls).toEqual([
      { port: 'setStartAtLogin', enabled: true },
      { port: 'setStartAtLogin', enabled: false },
    ]);
  });

  it('answers field errors per setting and saves nothing', async () => {
    const router = testRouter();
    const result = await router.invoke('settings.save', { settings: { staleAfterDays: 0, lockWaitSeconds: 1.5, startAtLogin: true } });
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'lockWaitSeconds' }, { path: 'staleAfterDays' }] });
    expect(existsSync(router.core.store.file)).toBe(false);
    expect(router.desktop.calls).toEqual([]);
    expect(router.events).toEqual([]);
  });

  it('never overwrites a config file it cannot read', async () => {
    const router = testRouter();
    const text = await corrupt(router, 'not json');
    const result = await router.invoke('settings.save', { settings: { startAtLogin: true } });
    expect(result).toMatchObject({ ok: false, errors: [], message: expect.stringMatching(/Cannot load/) });
    expect(readFileSync(router.core.store.file, 'utf8')).toBe(text);
    expect(router.desktop.calls).toEqual([]);
  });
});

describe('dialog.pickFolders', () => {
  it('opens the folder dialog with a title for the purpose and remembers what was picked for that purpose only', async () => {
    const router = testRouter();
    router.desktop.answerFolders(['/home/ann/Documents', '/home/ann/Photos']);
    expect(await router.invoke('dialog.pickFolders', { purpose: 'backup-folders', multiple: true })).toEqual({ paths: ['/home/ann/Documents', '/home/ann/Photos'] });
    router.desktop.answerFolders(['/media/usb']);
    await router.invoke('dialog.pickFolders', { purpose: 'repository-folder', multiple: false });
    // Cancelled: nothing picked, nothing remembered.
    expect(await router.invoke('dialog.pickFolders', { purpose: 'restore-target', multiple: false })).toEqual({ paths: [] });

    expect(router.desktop.calls).toEqual([
      { port: 'pickFolders', options: { purpose: 'backup-folders', multiple: true, title: 'Choose the folders to back up' } },
      { port: 'pickFolders', options: { purpose: 'repository-folder', multiple: false, title: 'Choose the folder for the backup repository' } },
      { port: 'pickFolders', options: { purpose: 'restore-target', multiple: false, title: 'Choose where to restore the files' } },
    ]);
    const chosen = router.context.chosenPaths;
    expect([...(chosen.get('backup-folders') ?? [])]).toEqual(['/home/ann/Documents', '/home/ann/Photos']);
    expect([...(chosen.get('repository-folder') ?? [])]).toEqual(['/media/usb']);
    expect(chosen.get('restore-target')?.size ?? 0).toBe(0);
  });
});

describe('app.openLogFolder', () => {
  it('creates the run-log folder if needed and opens it', async () => {
    const router = testRouter();
    expect(await router.invoke('app.openLogFolder', {})).toEqual({ opened: true });
    const folder = join(router.root, 'data', 'runs');
    expect(statSync(folder).isDirectory()).toBe(true);
    expect(router.desktop.calls).toEqual([{ port: 'openPath', path: folder }]);
  });
});
