// Runs inside a private keyring: sh test/with-keyring.sh npx vitest run test/core/api/repository-handlers.test.ts
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createArgs } from '../../../electron/core/borg/argv/create.js';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { ensureOk, runBorg } from '../../../electron/core/borg/runner.js';
import type { RepositoryAccess } from '../../../electron/core/borg/types.js';
import { validateConfig } from '../../../electron/core/config/validate.js';
import { getPassphrase, setPassphrase } from '../../../electron/core/secrets/keychain.js';
import { archiveNames, makeRepository, makeSourceTree, PASSPHRASE } from '../../support/borg-fixture.js';
import { testRouter, type TestRouter } from '../../support/router-context.js';
import { tempDir } from '../../support/temp-dir.js';

/** A router whose user picked `picked` in the repository folder dialog. */
async function pickedRouter(): Promise<{ router: TestRouter; picked: string }> {
  const picked = tempDir('cairn-picked-');
  const router = testRouter();
  router.desktop.answerFolders([picked]);
  await router.invoke('dialog.pickFolders', { purpose: 'repository-folder', multiple: false });
  return { router, picked };
}

/** A router over a config with one real repository `usb` whose passphrase is in the keychain. */
async function routerWithRepository(): Promise<{ router: TestRouter; access: RepositoryAccess; root: string }> {
  const root = tempDir();
  const access = await makeRepository(join(root, 'repo'));
  const router = testRouter();
  await router.core.store.save(validateConfig({ version: 1, repositories: [{ id: 'usb', name: 'USB disk', url: access.url }] }));
  await setPassphrase('usb', PASSPHRASE);
  return { router, access, root };
}

const progressOf = (router: TestRouter, operation: string) =>
  router.events.filter((e) => e.event === 'maintenance.progress' && (e.payload as { operation: string }).operation === operation).map((e) => e.payload);

describe('repositories.add', () => {
  it('creates a repository inside the picked folder, keeps the passphrase in the keychain only, saves it and says so', async () => {
    const { router, picked } = await pickedRouter();
    const url = join(picked, 'cairn-backup');
    const result = await router.invoke('repositories.add', { repository: { name: 'USB disk', url }, mode: 'create', passphrase: PASSPHRASE });
    expect(result).toEqual({ ok: true, id: 'usb-disk' });
    expect(await getPassphrase('usb-disk')).toBe(PASSPHRASE);
    expect(await archiveNames({ url, encryption: 'repokey-blake2', passphrase: PASSPHRASE })).toEqual([]);
    const { repositories } = await router.invoke('config.get', {});
    expect(repositories).toEqual([expect.objectContaining({ id: 'usb-disk', url, encryption: 'repokey-blake2', passphrase: { source: 'keychain' } })]);
    expect(readFileSync(router.core.store.file, 'utf8')).not.toContain(PASSPHRASE);
    expect(progressOf(router, 'init')).toEqual([
      { repositoryId: 'usb-disk', operation: 'init', percent: null, message: 'Creating the repository USB disk…' },
      { repositoryId: 'usb-disk', operation: 'init', percent: 100, message: 'The repository was created.' },
    ]);
    expect(router.events.at(-1)).toEqual({ event: 'config.changed', payload: {} });
    expect(router.configChanges()).toBe(1);
  });

  it('refuses a folder not picked in the dialog, a missing passphrase and an empty name as field errors, touching nothing', async () => {
    const { router, picked } = await pickedRouter();
    const elsewhere = join(tempDir(), 'sneaky');
    const result = await router.invoke('repositories.add', { repository: { name: ' ', url: elsewhere }, mode: 'create', passphrase: null });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual(['name', 'passphrase', 'url']);
    expect(result.errors.find((e) => e.path === 'url')?.message).toMatch(/not chosen in the folder dialog/);
    // Two levels below the picked folder is not "directly inside" it either.
    const deep = await router.invoke('repositories.add', { repository: { name: 'Deep', url: join(picked, 'a', 'b') }, mode: 'create', passphrase: PASSPHRASE });
    expect(deep.ok === false && deep.errors).toEqual([expect.objectContaining({ path: 'url' })]);
    expect(existsSync(elsewhere)).toBe(false);
    expect(readdirSync(picked)).toEqual([]);
    expect(existsSync(router.core.store.file)).toBe(false);
    expect(await getPassphrase('deep')).toBeNull();
    expect(router.events).toEqual([]);
  });

  it('connects an existing repository; a wrong passphrase is an error on that field and nothing is kept', async () => {
    const { router, picked } = await pickedRouter();
    await makeRepository(picked);
    const wrong = await router.invoke('repositories.add', { repository: { name: 'NAS copy', url: picked }, mode: 'connect', passphrase: 'not it' });
    expect(wrong).toEqual({ ok: false, message: expect.stringMatching(/passphrase does not open/), errors: [{ path: 'passphrase', message: 'does not open this repository' }] });
    expect(await getPassphrase('nas-copy')).toBeNull();
    expect(existsSync(router.core.store.file)).toBe(false);
    expect(router.configChanges()).toBe(0);

    const right = await router.invoke('repositories.add', { repository: { name: 'NAS copy', url: picked }, mode: 'connect', passphrase: PASSPHRASE });
    expect(right).toEqual({ ok: true, id: 'nas-copy' });
    expect(progressOf(router, 'init').at(-1)).toMatchObject({ percent: 100, message: 'The repository was connected.' });
  });

  it('records a connected repository with the encryption borg found, not the default the window sent', async () => {
    const { router, picked } = await pickedRouter();
    ensureOk(await runBorg(await locateBorg(), { args: ['init', '--encryption', 'none'], repository: { url: picked, encryption: 'none', passphrase: null } }));
    const result = await router.invoke('repositories.add', { repository: { name: 'Old disk', url: picked }, mode: 'connect', passphrase: 'typed anyway' });
    expect(result).toEqual({ ok: true, id: 'old-disk' });
    const { repositories } = await router.invoke('config.get', {});
    expect(repositories[0]).toMatchObject({ encryption: 'none', passphrase: { source: 'none' } });
    expect(await getPassphrase('old-disk')).toBeNull();
  });

  it('says what to do when there is nothing to connect, or already a repository where one is to be created', async () => {
    const { router, picked } = await pickedRouter();
    const missing = await router.invoke('repositories.add', { repository: { name: 'Gone', url: join(picked, 'nothing') }, mode: 'connect', passphrase: PASSPHRASE });
    expect(missing).toEqual({ ok: false, message: expect.stringMatching(/no repository at this location.*Create a new repository/), errors: [{ path: 'url', message: expect.any(String) }] });

    const existing = join(picked, 'repo');
    await makeRepository(existing);
    const twice = await router.invoke('repositories.add', { repository: { name: 'Twice', url: existing }, mode: 'create', passphrase: 'another one' });
    expect(twice).toEqual({ ok: false, message: expect.stringMatching(/already a repository/), errors: [{ path: 'url', message: expect.any(String) }] });
    // The repository that was there is left whole.
    expect(await archiveNames({ url: existing, encryption: 'repokey-blake2', passphrase: PASSPHRASE })).toEqual([]);
    expect(await getPassphrase('twice')).toBeNull();
  });

  it('removes the half-made repository a failed init leaves (the picked folder itself stays), and its keychain entry', async () => {
    const { router, picked } = await pickedRouter();
    // A file where borg wants its keys folder: init fails after making the repository folder.
    const keysFile = join(tempDir(), 'keys');
    writeFileSync(keysFile, '');
    const saved = process.env.BORG_KEYS_DIR;
    process.env.BORG_KEYS_DIR = keysFile;
    try {
      const inside = await router.invoke('repositories.add', { repository: { name: 'Half', url: join(picked, 'cairn-backup'), encryption: 'keyfile-blake2' }, mode: 'create', passphrase: PASSPHRASE });
      expect(inside.ok).toBe(false);
      expect(existsSync(join(picked, 'cairn-backup'))).toBe(false);
      const itself = await router.invoke('repositories.add', { repository: { name: 'Half', url: picked, encryption: 'keyfile-blake2' }, mode: 'create', passphrase: PASSPHRASE });
      expect(itself.ok).toBe(false);
      expect(readdirSync(picked)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.BORG_KEYS_DIR;
      else process.env.BORG_KEYS_DIR = saved;
    }
    expect(await getPassphrase('half')).toBeNull();
    expect(progressOf(router, 'init').at(-1)).toMatchObject({ percent: null, message: null });
  });

  it('answers an unreachable server with the sentence and the hint', async () => {
    const router = testRouter();
    const result = await router.invoke('repositories.add', { repository: { name: 'Server', url: 'ssh://cairn@127.0.0.1:1/./backups' }, mode: 'connect', passphrase: PASSPHRASE });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/could not be reached|refused|closed/i), errors: [{ path: 'url', message: expect.any(String) }] });
    expect(await getPassphrase('server')).toBeNull();
  });
});

describe('repositories.setPassphrase', () => {
  it('replaces the keychain passphrase only once the new one has opened the repository', async () => {
    const { router } = await routerWithRepository();
    await setPassphrase('usb', 'an old typo');
    const wrong = await router.invoke('repositories.setPassphrase', { repositoryId: 'usb', passphrase: 'still wrong' });
    expect(wrong.ok === false && wrong.errors).toEqual([{ path: 'passphrase', message: 'does not open this repository' }]);
    expect(await getPassphrase('usb')).toBe('an old typo');
    expect(await router.invoke('repositories.setPassphrase', { repositoryId: 'usb', passphrase: PASSPHRASE })).toEqual({ ok: true, id: 'usb' });
    expect(await getPassphrase('usb')).toBe(PASSPHRASE);
  });
});

describe('repositories.exportKey', () => {
  it('gives the paper key as text and saves the key file and the printable page readable by the owner only', async () => {
    const { router, root } = await routerWithRepository();
    const paper = await router.invoke('repositories.exportKey', { repositoryId: 'usb', format: 'paper' });
    expect(paper.kind === 'paper' && paper.text).toMatch(/BORG PAPER KEY v1/);

    const keyFile = join(root, 'my-key.txt');
    router.desktop.answerSaveFile(keyFile);
    expect(await router.invoke('repositories.exportKey', { repositoryId: 'usb', format: 'file' })).toEqual({ kind: 'saved', path: keyFile });
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^BORG_KEY [0-9a-f]{64}\n/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const page = join(root, 'key.html');
    router.desktop.answerSaveFile(page);
    await router.invoke('repositories.exportKey', { repositoryId: 'usb', format: 'qr-html' });
    expect(readFileSync(page, 'utf8')).toMatch(/^<!doctype html>/);
    expect(statSync(page).mode & 0o777).toBe(0o600);

    expect(await router.invoke('repositories.exportKey', { repositoryId: 'usb', format: 'file' })).toEqual({ kind: 'cancelled' });
    expect(router.desktop.calls.filter((c) => c.port === 'pickSaveFile').map((c) => c.port === 'pickSaveFile' && c.options.defaultName)).toEqual([
      'cairn-usb-key.txt',
      'cairn-usb-key.html',
      'cairn-usb-key.txt',
    ]);
  });
});

describe('repositories.check and repositories.compact', () => {
  it('checks a healthy repository with progress, then gives back the space of a deleted archive and says how much', async () => {
    const { router, access, root } = await routerWithRepository();
    const source = join(root, 'src');
    await makeSourceTree(source);
    const borg = await locateBorg();
    ensureOk(await runBorg(borg, { args: createArgs({ archiveName: 'first', paths: ['documents', 'pictures'] }), repository: access, cwd: source }));

    expect(await router.invoke('repositories.check', { repositoryId: 'usb', verifyData: true })).toEqual({
      ok: true,
      message: 'No problems found; every stored chunk was read and verified.',
    });
    const checks = progressOf(router, 'check');
    expect(checks[0]).toMatchObject({ repositoryId: 'usb', percent: null });
    expect(checks.at(-1)).toMatchObject({ percent: 100 });

    expect(await router.invoke('archives.delete', { repositoryId: 'usb', archiveName: 'first' })).toEqual({ deleted: true });
    const { message } = await router.invoke('repositories.compact', { repositoryId: 'usb' });
    expect(message).toMatch(/^The repository was compacted: about \d.* freed\.$/);
    expect(progressOf(router, 'compact').at(-1)).toMatchObject({ percent: 100 });
  });

  it('reports damage a check finds as a result with borg\'s words, not as a failure', async () => {
    const { router, access } = await routerWithRepository();
    // Flip bytes in the middle of the biggest segment file.
    const segments = join(access.url, 'data', '0');
    const biggest = readdirSync(segments)
      .map((name) => join(segments, name))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0];
    if (biggest === undefined) throw new Error('no segment');
    const bytes = readFileSync(biggest);
    const middle = Math.floor(bytes.length / 2);
    for (let i = middle; i < middle + 16; i++) bytes.writeUInt8(bytes.readUInt8(i) ^ 0xff, i);
    writeFileSync(biggest, bytes);
    const result = await router.invoke('repositories.check', { repositoryId: 'usb', verifyData: false });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/found problems[\s\S]*(checksum|integrity|error)/i);
  });

  it('refuses a repository that is not configured with a clear error', async () => {
    const router = testRouter();
    mkdirSync(join(router.root, 'config'), { recursive: true });
    await expect(router.invoke('repositories.check', { repositoryId: 'usb', verifyData: false })).rejects.toThrow(/no repository with id "usb"/);
    await expect(router.invoke('repositories.compact', { repositoryId: 'usb' })).rejects.toThrow(/no repository with id "usb"/);
  });
});
