import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addState } from '../../electron/core/config/edit.js';
import { addBackupJob } from './job-fixture.js';
import { openApp, type E2eApp, type OpenAppOptions } from './harness.js';

/** One job "Laptop" (state "Laptop files", repository "Laptop disk") and an unused state "Music". */
const jobAndSpareState: OpenAppOptions['setup'] = async (app) => {
  await addBackupJob(app, { name: 'Laptop', job: { schedule: { kind: 'preset', preset: 'daily' } } });
  const music = join(app.dirs.home, 'music');
  await mkdir(music, { recursive: true });
  await app.core.store.apply((config) => addState(config, { name: 'Music', folders: [music] }));
};

async function openSection(app: E2eApp, name: string): Promise<void> {
  await app.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();
}

const jobOf = async (app: E2eApp) => (await app.core.store.load()).config.jobs.find((j) => j.name.startsWith('Laptop'));

describe('the jobs editor', () => {
  it('saves a weekly schedule, new keep rules and an exclude to the config file, and shows them again after a reload', async () => {
    const app = await openApp({ setup: jobAndSpareState });
    const { page } = app;
    await openSection(app, 'Jobs');
    await page.getByRole('heading', { name: 'Laptop', level: 2 }).waitFor();
    await app.screenshot('editors jobs');

    await page.getByRole('radio', { name: /^Every week/ }).check();
    await page.getByRole('radio', { name: /^Minimal/ }).check();
    await page.getByLabel('Add a pattern').fill('sh:**/build');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    const job = await jobOf(app);
    expect(job?.schedule).toEqual({ kind: 'preset', preset: 'weekly' });
    expect(job?.prune.keep).toEqual({ daily: 7, weekly: 4 });
    expect(job?.exclude).toEqual(['sh:**/build']);
    // Everything else the form sent back is what was there before.
    expect(job).toMatchObject({ compression: 'auto,zstd', catchUp: true, inhibitSleep: true, checkFrequency: 'never', hooks: {} });

    await page.reload();
    await openSection(app, 'Jobs');
    await page.getByRole('heading', { name: 'Laptop', level: 2 }).waitFor();
    expect(await page.getByRole('radio', { name: /^Every week/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /^Minimal/ }).isChecked()).toBe(true);
    expect(await page.getByRole('button', { name: 'Remove sh:**/build' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    await app.close();
  });

  it("shows the core's error for a bad cron expression next to the schedule and keeps everything typed", async () => {
    const app = await openApp({ setup: jobAndSpareState });
    const { page } = app;
    await openSection(app, 'Jobs');
    await page.getByLabel('Name', { exact: true }).fill('Laptop nightly');
    await page.getByRole('radio', { name: /^Custom — a cron expression/ }).check();
    const cron = page.getByLabel('Cron expression', { exact: true });
    await cron.fill('61 25 * * *');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    const schedule = page.locator('fieldset.schedule-picker');
    const error = schedule.locator('.field-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/is not a valid cron expression/);
    expect(await cron.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').filter({ hasText: 'Not saved' }).count()).toBe(1);
    expect(await cron.inputValue()).toBe('61 25 * * *');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Laptop nightly');
    const job = await jobOf(app);
    expect(job).toMatchObject({ name: 'Laptop', schedule: { kind: 'preset', preset: 'daily' } });
    await app.screenshot('editors jobs cron error');
    await app.close();
  });

  it('asks before leaving unsaved changes, and stays when told to', async () => {
    const app = await openApp({ setup: jobAndSpareState });
    const { page } = app;
    await openSection(app, 'Jobs');
    await page.getByLabel('Name', { exact: true }).fill('Renamed');
    await openSection(app, 'Dashboard');
    const dialog = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Renamed');
    await openSection(app, 'Dashboard');
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => page.getByLabel('Name', { exact: true }).count()).toBe(0);
    expect((await jobOf(app))?.name).toBe('Laptop');
    await app.close();
  });

  it('fits a 480×360 window', async () => {
    const app = await openApp({ setup: jobAndSpareState, viewport: { width: 480, height: 360 } });
    await openSection(app, 'Jobs');
    await app.page.getByRole('heading', { name: 'Laptop', level: 2 }).waitFor();
    const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await app.screenshot('editors jobs small');
    await app.close();
  });
});

describe('the folders editor', () => {
  it('names the jobs using a state and does not delete it', async () => {
    const app = await openApp({ setup: jobAndSpareState });
    const { page } = app;
    await openSection(app, 'Folders');
    await page.getByRole('navigation', { name: 'Folder sets' }).getByRole('button', { name: /Laptop files/ }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: '“Laptop files” is still in use' });
    await dialog.waitFor();
    expect(await dialog.getByRole('listitem').allTextContents()).toEqual(['Laptop']);
    expect(await dialog.textContent()).toMatch(/Nothing was deleted/);
    await app.screenshot('editors states in use');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(app.requests.some((r) => r.method === 'items.remove')).toBe(false);
    expect((await app.core.store.load()).config.states.map((s) => s.name)).toEqual(['Laptop files', 'Music']);
    await app.close();
  });

  it('deletes an unused state after confirmation', async () => {
    const app = await openApp({ setup: jobAndSpareState });
    const { page } = app;
    await openSection(app, 'Folders');
    const list = page.getByRole('navigation', { name: 'Folder sets' });
    await list.getByRole('button', { name: /Music/ }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Music”?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/folders themselves and the archives already made from them stay/);
    await dialog.getByRole('button', { name: 'Delete folder set' }).click();
    await expect.poll(() => list.getByRole('button', { name: /Music/ }).count()).toBe(0);
    expect((await app.core.store.load()).config.states.map((s) => s.name)).toEqual(['Laptop files']);
    await app.close();
  });

  it('adds a state with folders picked in the (recorded) folder dialog', async () => {
    const app = await openApp({ setup: jobAndSpareState });
    const { page } = app;
    const photos = join(app.dirs.home, 'photos');
    const scans = join(app.dirs.home, 'scans');
    await mkdir(photos);
    await mkdir(scans);
    app.desktop.nextFolders.push([photos, scans]);
    await openSection(app, 'Folders');
    await page.getByRole('button', { name: 'Add folder set' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Photos');
    await page.getByRole('button', { name: 'Add folder…' }).click();
    await page.getByRole('button', { name: `Remove ${scans}` }).click();
    await page.getByText(photos, { exact: true }).waitFor();
    await app.screenshot('editors states new');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.getByRole('heading', { name: 'Photos', level: 2 }).waitFor();

    expect(app.desktop.calls).toContainEqual({ method: 'pickFolders', args: expect.objectContaining({ purpose: 'backup-folders', multiple: true }) });
    const state = (await app.core.store.load()).config.states.find((s) => s.name === 'Photos');
    expect(state?.folders).toEqual([photos]);
    await app.screenshot('editors states');
    await app.close();
  });
});

describe('the repositories editor', () => {
  it('lists repositories with their address and encryption, and opens the add form', async () => {
    const app = await openApp({ setup: jobAndSpareState });
    const { page } = app;
    await openSection(app, 'Repositories');
    await page.getByRole('heading', { name: 'Laptop disk', level: 2 }).waitFor();
    const item = page.getByRole('navigation', { name: 'Repositories' }).getByRole('button', { name: /Laptop disk/ });
    expect(await item.textContent()).toMatch(/repo-laptop.*not encrypted/);
    await app.screenshot('editors repositories');
    await page.getByRole('button', { name: 'Add repository' }).click();
    await page.getByRole('heading', { name: 'Add a repository' }).waitFor();
    await app.screenshot('editors repositories add');
    // The guided server setup lives in its own component, in place of the form.
    await page.getByRole('radio', { name: 'Back up to a server (guided)…' }).check();
    await page.getByRole('list', { name: 'Pairing steps' }).waitFor();
    expect(await page.getByRole('button', { name: 'Create repository' }).count()).toBe(0);
    await app.screenshot('editors repositories guided');
    await app.close();
  });

  it('creates an encrypted repository in a picked folder, showing the core\'s field error first and keeping what was typed', async () => {
    const app = await openApp({ setup: jobAndSpareState });
    const { page } = app;
    const folder = join(app.dirs.root, 'usb');
    await mkdir(folder);
    app.desktop.nextFolders.push([folder]);
    await openSection(app, 'Repositories');
    await page.getByRole('button', { name: 'Add repository' }).click();
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await page.getByText(folder, { exact: true }).waitFor();
    await page.getByLabel('New passphrase').fill('four unrelated words here');
    await page.getByLabel('Type it again').fill('four unrelated words here');
    await page.getByRole('button', { name: 'Create repository' }).click();

    const name = page.getByLabel('Name', { exact: true });
    await page.locator('.field', { has: name }).locator('.field-error').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('New passphrase').inputValue()).toBe('four unrelated words here');

    await name.fill('USB disk');
    await page.getByRole('button', { name: 'Create repository' }).click();
    await page.getByRole('heading', { name: 'USB disk', level: 2 }).waitFor({ timeout: 60_000 });
    const added = (await app.core.store.load()).config.repositories.find((r) => r.name === 'USB disk');
    expect(added).toMatchObject({ url: folder, encryption: 'repokey-blake2', passphrase: { source: 'keychain' } });
    expect(app.desktop.calls).toContainEqual({ method: 'pickFolders', args: expect.objectContaining({ purpose: 'repository-folder', multiple: false }) });

    await page.getByRole('button', { name: 'Check repository' }).click();
    await page.locator('.repo-maintenance .notice.ok').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Show key for paper' }).click();
    expect(await page.getByLabel('The key for paper').textContent()).toMatch(/\S{10}/);

    // A passphrase that does not open the repository is refused next to the field, and not stored.
    await page.getByRole('button', { name: 'Change passphrase in keychain…' }).click();
    await page.getByLabel('Passphrase of the repository').fill('not the passphrase at all');
    await page.getByLabel('Type it again').fill('not the passphrase at all');
    await page.getByRole('button', { name: 'Store in keychain' }).click();
    await page.locator('.passphrase-fields .field-error').waitFor({ timeout: 60_000 });
    expect(await page.getByLabel('Passphrase of the repository').inputValue()).toBe('not the passphrase at all');
    await app.screenshot('editors repositories maintenance');
    await app.close();
  });
});

describe('the editors with nothing configured', () => {
  it('say what to add first', async () => {
    const app = await openApp();
    const { page } = app;
    await openSection(app, 'Folders');
    await page.getByText('No folders yet — add a set of folders to back up.').waitFor();
    await openSection(app, 'Repositories');
    await page.getByText('No repositories yet — add a disk or a server to back up to.').waitFor();
    await openSection(app, 'Jobs');
    await page.getByText('No jobs yet').waitFor();
    expect(await page.getByRole('button', { name: 'the folders to back up' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'a repository' }).count()).toBe(1);
    await app.screenshot('editors jobs empty');
    await page.getByRole('button', { name: 'the folders to back up' }).click();
    await page.getByRole('heading', { name: 'Folders', level: 1 }).waitFor();
    await app.close();
  });
});
