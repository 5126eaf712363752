import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../electron/core/config/validate.js';
import { getPassphrase, setPassphrase } from '../../../electron/core/secrets/keychain.js';
import { testRouter, type TestRouter } from '../../support/router-context.js';

/** A router over a config with one state (docs), two repositories (usb, nas) and one job (hourly: docs → usb). */
async function seeded(): Promise<TestRouter> {
  const router = testRouter();
  await router.core.store.save(
    validateConfig({
      version: 1,
      states: [{ id: 'docs', name: 'Docs', folders: ['/home/ann/Documents'] }],
      repositories: [
        { id: 'usb', name: 'USB disk', url: '/media/ann/usb/borg', removable: true },
        { id: 'nas', name: 'NAS', url: 'ssh://ann@nas:2222/./backups', encryption: 'repokey', passphrase: { source: 'command', command: 'pass show nas' } },
      ],
      jobs: [{ id: 'hourly', name: 'Hourly', stateIds: ['docs'], repositoryId: 'usb', schedule: { kind: 'preset', preset: 'hourly' } }],
    }),
  );
  return router;
}

function configText(router: TestRouter): string {
  return readFileSync(router.core.store.file, 'utf8');
}

describe('states.save', () => {
  it('adds a state with folders picked in the dialog, its id made from the name, empty hooks left out, and says so', async () => {
    const router = await seeded();
    router.desktop.answerFolders(['/home/ann/Projects', '/home/ann/Music']);
    await router.invoke('dialog.pickFolders', { purpose: 'backup-folders', multiple: true });

    const result = await router.invoke('states.save', {
      state: { name: 'Projects & Music', folders: ['/home/ann/Projects', '/home/ann/Music', '/home/ann/Documents'], preBackupScript: '  ', postBackupScript: '' },
    });
    expect(result).toEqual({ ok: true, id: 'projects-music' });
    const { states } = await router.invoke('config.get', {});
    expect(states.at(-1)).toEqual({ id: 'projects-music', name: 'Projects & Music', folders: ['/home/ann/Projects', '/home/ann/Music', '/home/ann/Documents'] });
    expect(configText(router)).not.toContain('BackupScript');
    expect(router.events).toEqual([{ event: 'config.changed', payload: {} }]);
    expect(router.configChanges()).toBe(1);
  });

  it('refuses a folder the user did not pick in the dialog, pointing at "Add folder", and saves nothing', async () => {
    const router = await seeded();
    const before = configText(router);
    // Picked for another purpose: not good enough for what gets backed up.
    router.desktop.answerFolders(['/home/ann/.ssh']);
    await router.invoke('dialog.pickFolders', { purpose: 'restore-target', multiple: false });

    const result = await router.invoke('states.save', { state: { name: 'Keys', folders: ['/home/ann/Documents', '/home/ann/.ssh', '/'] } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { path: 'folders.1', message: expect.stringContaining('use "Add folder" to pick /home/ann/.ssh') },
      { path: 'folders.2', message: expect.stringContaining('use "Add folder"') },
    ]);
    expect(result.message).toMatch(/^Could not save the state: folders\.1 was not chosen in the folder dialog/);
    expect(configText(router)).toBe(before);
    expect(router.events).toEqual([]);
    expect(router.configChanges()).toBe(0);
  });

  it('answers field errors relative to the state: empty name, relative folder, no folders, a name already taken', async () => {
    const router = await seeded();
    const bad = await router.invoke('states.save', { state: { name: ' ', folders: ['Documents'] } });
    expect(bad).toMatchObject({
      ok: false,
      errors: [
        { path: 'name', message: 'must not be empty' },
        { path: 'folders.0', message: 'must be an absolute path' },
      ],
    });
    expect(await router.invoke('states.save', { state: { name: 'Empty', folders: [] } })).toMatchObject({
      ok: false,
      errors: [{ path: 'folders', message: 'needs at least one folder' }],
    });
    expect(await router.invoke('states.save', { state: { name: 'docs', folders: ['/home/ann/Documents'] } })).toMatchObject({
      ok: false,
      errors: [{ path: 'name', message: 'is already used by another state ("docs")' }],
    });
  });

  it('replaces a state by id (a rename keeps the id, its folders need no new pick) and refuses an unknown id', async () => {
    const router = await seeded();
    const result = await router.invoke('states.save', { state: { id: 'docs', name: 'Documents', folders: ['/home/ann/Documents'], preBackupScript: 'echo hi' } });
    expect(result).toEqual({ ok: true, id: 'docs' });
    const { states } = await router.invoke('config.get', {});
    expect(states).toEqual([{ id: 'docs', name: 'Documents', folders: ['/home/ann/Documents'], preBackupScript: 'echo hi' }]);

    const unknown = await router.invoke('states.save', { state: { id: 'gone', name: 'Gone', folders: ['/home/ann/Documents'] } });
    expect(unknown).toMatchObject({ ok: false, errors: [] });
    if (!unknown.ok) expect(unknown.message).toContain('no state with id "gone"');
  });

  it('never overwrites a config file it cannot read: answers why, and leaves the file as it was', async () => {
    const router = testRouter();
    await mkdir(dirname(router.core.store.file), { recursive: true });
    writeFileSync(router.core.store.file, '{ "version": 1, "states": [,] }');
    router.desktop.answerFolders(['/home/ann/Projects']);
    await router.invoke('dialog.pickFolders', { purpose: 'backup-folders', multiple: true });

    const result = await router.invoke('states.save', { state: { name: 'Projects', folders: ['/home/ann/Projects'] } });
    expect(result).toMatchObject({ ok: false, errors: [] });
    if (!result.ok) expect(result.message).toMatch(/Cannot load .*config\.json.*will not save over it/s);
    expect(readFileSync(router.core.store.file, 'utf8')).toBe('{ "version": 1, "states": [,] }');
    expect(router.events).toEqual([]);
  });
});

describe('jobs.save', () => {
  it('adds a job with defaults filled in and empty hooks left out', async () => {
    const router = await seeded();
    const result = await router.invoke('jobs.save', {
      job: { name: 'Offsite nightly', stateIds: ['docs'], repositoryId: 'nas', schedule: { kind: 'cron', expression: '0 2 * * *' }, hooks: { preHook: '', postHook: 'echo done' } },
    });
    expect(result).toEqual({ ok: true, id: 'offsite-nightly' });
    const job = (await router.invoke('config.get', {})).jobs.find((j) => j.id === 'offsite-nightly');
    expect(job).toMatchObject({ compression: 'auto,zstd', catchUp: true, hooks: { postHook: 'echo done' } });
    expect(job?.hooks).not.toHaveProperty('preHook');
  });

  it('answers field errors relative to the job: cron expression, unknown state, compression, keep counts', async () => {
    const router = await seeded();
    const result = await router.invoke('jobs.save', {
      job: { name: 'Broken', stateIds: ['docs'], repositoryId: 'usb', schedule: { kind: 'cron', expression: 'every day' }, compression: 'gzip', prune: { keep: { daily: -1 } } },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(['schedule.expression', 'compression', 'prune.keep.daily']);
    expect(result.errors[0]?.message).toMatch(/^is not a valid cron expression/);

    const missing = await router.invoke('jobs.save', { job: { name: 'Orphan', stateIds: ['docs', 'nope'], repositoryId: 'elsewhere' } });
    expect(missing).toMatchObject({
      ok: false,
      errors: [
        { path: 'stateIds.1', message: 'refers to state "nope", which does not exist' },
        { path: 'repositoryId', message: 'refers to repository "elsewhere", which does not exist' },
      ],
    });
  });

  it('replaces a job by id: a rename and a new schedule keep its id', async () => {
    const router = await seeded();
    const { jobs } = await router.invoke('config.get', {});
    const result = await router.invoke('jobs.save', { job: { ...jobs[0]!, name: 'Every hour', schedule: { kind: 'manual' } } });
    expect(result).toEqual({ ok: true, id: 'hourly' });
    expect((await router.invoke('config.get', {})).jobs).toMatchObject([{ id: 'hourly', name: 'Every hour', schedule: { kind: 'manual' } }]);
  });
});

describe('repositories.save', () => {
  it('edits the name, removable flag, ssh files and passphrase command of a repository', async () => {
    const router = await seeded();
    const { repositories } = await router.invoke('config.get', {});
    const nas = repositories.find((r) => r.id === 'nas')!;
    const result = await router.invoke('repositories.save', {
      repository: { ...nas, name: 'Home NAS', removable: true, ssh: { keyFile: '/home/ann/.config/Cairn/ssh/nas', knownHostsFile: '' }, passphrase: { source: 'command', command: 'pass show home-nas' } },
    });
    expect(result).toEqual({ ok: true, id: 'nas' });
    expect((await router.invoke('config.get', {})).repositories.find((r) => r.id === 'nas')).toEqual({
      ...nas,
      name: 'Home NAS',
      removable: true,
      ssh: { keyFile: '/home/ann/.config/Cairn/ssh/nas' },
      passphrase: { source: 'command', command: 'pass show home-nas' },
    });
  });

  it('refuses to change the address, the encryption or the passphrase source, explaining to connect it as a new repository', async () => {
    const router = await seeded();
    const before = configText(router);
    const { repositories } = await router.invoke('config.get', {});
    const usb = repositories.find((r) => r.id === 'usb')!;
    const result = await router.invoke('repositories.save', {
      repository: { ...usb, url: '/media/ann/other/borg', encryption: 'none', passphrase: { source: 'none' } },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(['url', 'encryption', 'passphrase.source']);
    expect(result.errors[0]?.message).toContain('connect it as a new repository');
    expect(configText(router)).toBe(before);
  });

  it('refuses an unknown repository (new ones are added, not saved) and an invalid name', async () => {
    const router = await seeded();
    expect(await router.invoke('repositories.save', { repository: { id: 'new', name: 'New', url: '/tmp/x' } })).toMatchObject({ ok: false, errors: [] });
    expect(await router.invoke('repositories.save', { repository: { id: 'usb', name: 'a/b', url: '/media/ann/usb/borg' } })).toMatchObject({
      ok: false,
      errors: [{ path: 'name', message: 'must not contain slashes, backslashes, tabs or line breaks' }],
    });
    expect(await router.invoke('repositories.save', { repository: { id: 'usb', name: 'nas', url: '/media/ann/usb/borg' } })).toMatchObject({
      ok: false,
      errors: [{ path: 'name', message: expect.stringMatching(/already used by another repository/) }],
    });
  });
});

describe('items.dependents and items.remove', () => {
  it('refuses to remove a state or repository a job uses, naming the job, and removes it once the job is gone', async () => {
    const router = await seeded();
    expect(await router.invoke('items.dependents', { kind: 'state', id: 'docs' })).toEqual({ dependents: [{ kind: 'job', id: 'hourly', name: 'Hourly' }] });
    expect(await router.invoke('items.dependents', { kind: 'repository', id: 'nas' })).toEqual({ dependents: [] });

    const refused = await router.invoke('items.remove', { kind: 'state', id: 'docs' });
    expect(refused).toEqual({ removed: false, message: expect.stringContaining('used by job "Hourly"'), dependents: [{ kind: 'job', id: 'hourly', name: 'Hourly' }] });
    expect(await router.invoke('items.remove', { kind: 'repository', id: 'usb' })).toMatchObject({ removed: false, dependents: [{ id: 'hourly' }] });
    expect(router.events).toEqual([]);

    expect(await router.invoke('items.remove', { kind: 'job', id: 'hourly' })).toEqual({ removed: true, message: null, dependents: [] });
    expect(await router.invoke('items.remove', { kind: 'state', id: 'docs' })).toEqual({ removed: true, message: null, dependents: [] });
    expect(await router.invoke('items.remove', { kind: 'repository', id: 'nas' })).toEqual({ removed: true, message: null, dependents: [] });
    const config = await router.invoke('config.get', {});
    expect([config.jobs, config.states, config.repositories.map((r) => r.id)]).toEqual([[], [], ['usb']]);
    expect(router.events).toHaveLength(3);
    expect(router.configChanges()).toBe(3);
  });

  it('removes by id only: an unknown id is not matched against names', async () => {
    const router = await seeded();
    // "USB disk" is a name, not an id.
    expect(await router.invoke('items.remove', { kind: 'repository', id: 'USB disk' })).toMatchObject({ removed: false, dependents: [] });
    expect((await router.invoke('config.get', {})).repositories).toHaveLength(2);
  });

  it('leaves the repository on disk alone', async () => {
    const router = await seeded();
    const repoDir = `${router.root}/repo`;
    await mkdir(repoDir);
    writeFileSync(`${repoDir}/README`, 'borg data');
    await router.core.store.update((config) => ({ ...config, repositories: [...config.repositories, { id: 'local', name: 'Local', url: repoDir, encryption: 'none', passphrase: { source: 'none' }, ssh: {}, removable: false }] }));
    expect(await router.invoke('items.remove', { kind: 'repository', id: 'local' })).toMatchObject({ removed: true });
    expect(readdirSync(repoDir)).toEqual(['README']);
  });
});

// The keychain entry goes with the repository, as with `cairn repos remove` (the same code).
describe.skipIf(process.env.CAIRN_IN_KEYRING !== '1')('items.remove and the keychain (via test/with-keyring.sh)', () => {
  it("deletes a removed repository's passphrase from the keychain", async () => {
    const router = await seeded();
    await setPassphrase('usb', 'secret for usb');
    await router.invoke('items.remove', { kind: 'job', id: 'hourly' });
    expect(await router.invoke('items.remove', { kind: 'repository', id: 'usb' })).toMatchObject({ removed: true });
    expect(await getPassphrase('usb')).toBeNull();
  });
});
