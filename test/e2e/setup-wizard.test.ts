import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listItemsArgs } from '../../electron/core/borg/argv/list.js';
import { ensureOk, runBorg } from '../../electron/core/borg/runner.js';
import { listArchives } from '../../electron/core/repositories/archives.js';
import { tempDir } from '../support/temp-dir.js';
import { openApp, type E2eApp } from './harness.js';

const passphrase = 'correct horse battery staple 42';

/** A folder worth backing up: a few small files, some random data to watch, and a cache to leave out. */
async function sourceFolder(): Promise<string> {
  const folder = join(tempDir('cairn-wizard-src-'), 'Documents');
  await mkdir(join(folder, 'notes'), { recursive: true });
  await mkdir(join(folder, '.cache'), { recursive: true });
  await writeFile(join(folder, 'notes', 'welcome.md'), 'Hello World!\n');
  await writeFile(join(folder, 'todo.txt'), 'Back up the laptop\n');
  await writeFile(join(folder, '.cache', 'thumbnail.bin'), randomBytes(1024));
  for (let i = 0; i < 5; i++) await writeFile(join(folder, `photo-${i}.raw`), randomBytes(8 * 1024 * 1024));
  return folder;
}

const currentStep = (app: E2eApp) => app.page.locator('.steps [aria-current="step"]');

describe('the first-run wizard', () => {
  it('takes a new user from an empty config to a finished first backup in a new encrypted repository', async () => {
    const source = await sourceFolder();
    const disk = tempDir('cairn-wizard-disk-');
    const keyFile = join(tempDir('cairn-wizard-key-'), 'laptop.key');
    const app = await openApp();
    const { page } = app;

    // 1. borg is found.
    await page.getByRole('heading', { name: 'Set up Cairn' }).waitFor();
    expect(await currentStep(app).textContent()).toContain('Borg');
    await page.getByText(/BorgBackup 1\.2\.\d+ is installed/).waitFor();
    await app.screenshot('setup-1-borg');
    await page.getByRole('button', { name: 'Next' }).click();

    // 2. What to back up: the folder comes from the (recorded) native dialog.
    expect(await currentStep(app).textContent()).toContain('Folders');
    app.desktop.nextFolders.push([source]);
    await page.getByRole('button', { name: 'Add folder…' }).click();
    await page.locator('.folder-list code', { hasText: source }).waitFor();
    expect(await page.getByLabel('Name of this set of folders').inputValue()).toBe('Documents');
    expect(await page.getByRole('checkbox', { name: /Cache folders/ }).isChecked()).toBe(true);
    await app.screenshot('setup-2-folders');
    await page.getByRole('button', { name: 'Next' }).click();

    // 3. Where: a new encrypted repository inside the picked folder.
    expect(await currentStep(app).textContent()).toContain('Destination');
    app.desktop.nextFolders.push([disk]);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await page.getByText(`${disk}/cairn-backup`).waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByLabel('Type it again').fill(passphrase);
    expect(await page.locator('.strength').textContent()).toMatch(/^strong/);
    await app.screenshot('setup-3-repository');
    await page.getByRole('button', { name: 'Create repository' }).click();

    // 4. The key export offer: a key file and the paper key.
    await page.getByRole('heading', { name: 'Keep a copy of the key' }).waitFor({ timeout: 60_000 });
    expect(existsSync(join(disk, 'cairn-backup', 'config'))).toBe(true);
    app.desktop.nextSaveFiles.push(keyFile);
    await page.getByRole('button', { name: 'Save key file…' }).click();
    await page.getByText(`Key saved to ${keyFile}.`).waitFor();
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^BORG_KEY /);
    await page.getByRole('button', { name: 'Printable paper key' }).click();
    const paper = page.getByLabel('Paper key');
    await paper.waitFor();
    expect(await paper.textContent()).toContain('BORG PAPER KEY');
    expect(await page.getByRole('button', { name: 'Print', exact: true }).isVisible()).toBe(true);
    await app.screenshot('setup-4-key');
    await page.getByRole('button', { name: 'Next' }).click();

    // 5. When: daily, and the minimal retention preset.
    expect(await currentStep(app).textContent()).toContain('Schedule');
    expect(await page.getByLabel('Name of this backup').inputValue()).toBe('Documents to ' + disk.split('/').pop());
    await page.getByRole('radio', { name: /Every day/ }).check();
    await page.getByRole('radio', { name: /Minimal/ }).check();
    expect(await page.locator('.retention-summary').textContent()).toContain('one backup per day for the last 7 days');
    await app.screenshot('setup-5-schedule');
    await page.getByRole('button', { name: 'Save and start the first backup' }).click();

    // 6. The first backup, live, then its success.
    const summary = page.locator('.progress-summary');
    await expect.poll(async () => (await summary.count()) > 0 && (await summary.textContent()), { timeout: 60_000, interval: 50 }).toMatch(/Backing up · [\d,]+ files · [\d.]+ [KMG]?B read/);
    await app.screenshot('setup-6-progress');
    await page.getByText('Your first backup is done.').waitFor({ timeout: 120_000 });
    await app.screenshot('setup-6-done');

    // The config holds the state, the repository and the job, as chosen.
    const { config } = await app.core.store.load();
    expect(config.states).toHaveLength(1);
    expect(config.states[0]).toMatchObject({ name: 'Documents', folders: [source] });
    expect(config.repositories).toHaveLength(1);
    const repository = config.repositories[0]!;
    expect(repository).toMatchObject({ url: `${disk}/cairn-backup`, encryption: 'repokey-blake2', passphrase: { source: 'keychain' } });
    expect(config.jobs).toHaveLength(1);
    expect(config.jobs[0]).toMatchObject({
      stateIds: [config.states[0]!.id],
      repositoryId: repository.id,
      schedule: { kind: 'preset', preset: 'daily' },
      prune: { keep: { daily: 7, weekly: 4 } },
    });
    expect(config.jobs[0]!.exclude).toContain('sh:**/.cache');

    // borg, with the passphrase from the keychain, lists one archive holding the files but not the cache.
    const borg = await app.core.borg();
    const access = await app.core.access(repository);
    expect(access.passphrase).toBe(passphrase);
    const archives = await listArchives(borg, access);
    expect(archives).toHaveLength(1);
    const items = ensureOk(await runBorg(borg, { args: listItemsArgs({ archive: archives[0]!.name }), repository: access }))
      .stdout.trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { path: string }).path);
    const stored = source.replace(/^\//, '');
    expect(items).toEqual(expect.arrayContaining([`${stored}/todo.txt`, `${stored}/notes/welcome.md`, `${stored}/photo-4.raw`]));
    expect(items.some((path) => path.includes('.cache'))).toBe(false);

    // No longer a first run; the dashboard is one click away.
    expect((await app.core.history.recent({ limit: 1 }))[0]).toMatchObject({ outcome: 'ok', trigger: 'manual' });
    await page.getByRole('button', { name: 'Go to the dashboard' }).click();
    await page.locator('.sidebar [aria-current="page"]', { hasText: 'Dashboard' }).waitFor();
    await app.close();
  });

  it('refuses mismatched passphrases, and shows why a folder is not a repository next to it, keeping what was typed (480×360)', async () => {
    const source = await sourceFolder();
    const notARepository = tempDir('cairn-wizard-plain-');
    await writeFile(join(notARepository, 'holiday.jpg'), 'not a borg repository');
    const app = await openApp({ viewport: { width: 480, height: 360 } });
    const { page } = app;

    await page.getByText(/BorgBackup 1\.2\.\d+ is installed/).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    app.desktop.nextFolders.push([source]);
    await page.getByRole('button', { name: 'Add folder…' }).click();
    await page.locator('.folder-list code', { hasText: source }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    // The guided server pairing is offered in place; leaving it keeps the wizard where it was.
    await page.getByRole('radio', { name: /Back up to a server \(guided\)/ }).check();
    await page.getByLabel('Server', { exact: true }).waitFor();
    await app.screenshot('setup-small-server');
    await page.getByRole('radio', { name: /A folder or removable disk/ }).check();

    app.desktop.nextFolders.push([notARepository]);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await page.getByLabel('Name of this repository').fill('Old disk');
    await page.getByLabel('Passphrase', { exact: true }).fill('open sesame, said Ali Baba');
    await page.getByLabel('Type it again').fill('open sesame, said Ali Babe');
    await page.getByRole('button', { name: 'Create repository' }).click();
    const mismatch = page.getByRole('alert').filter({ hasText: 'The two passphrases are not the same.' });
    await mismatch.waitFor();
    expect(await page.getByLabel('Type it again').getAttribute('aria-invalid')).toBe('true');
    expect(app.requests.some((r) => r.method === 'repositories.add')).toBe(false);
    await app.screenshot('setup-small-mismatch');

    // Connecting asks for the passphrase once; borg refuses the folder, and says so under it.
    await page.getByRole('radio', { name: /Connect an existing repository/ }).check();
    expect(await page.getByLabel('Type it again').count()).toBe(0);
    await page.getByRole('button', { name: 'Connect repository' }).click();
    const folderGroup = page.getByRole('group', { name: 'Folder' });
    const folderError = folderGroup.locator('.field-error');
    await folderError.waitFor({ timeout: 60_000 });
    expect(await folderError.textContent()).toContain('is not a borg repository');
    expect(await folderGroup.getByRole('button', { name: /Choose/ }).getAttribute('aria-describedby')).toBe(await folderError.getAttribute('id'));
    expect(await folderGroup.locator('code').first().textContent()).toBe(notARepository);
    expect(await page.getByLabel('Name of this repository').inputValue()).toBe('Old disk');
    expect(await page.getByLabel(/^Passphrase/).inputValue()).toBe('open sesame, said Ali Baba');
    expect((await app.core.store.load()).config.repositories).toHaveLength(0);
    await app.screenshot('setup-small-not-a-repository');
    await app.close();
  });
});
