import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, readFile, readlink, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CairnCore } from '../../electron/core/core.js';
import { addBackupJob, type JobFixture } from './job-fixture.js';
import { openApp, type E2eApp } from './harness.js';

// The restore flows of the Browse & restore screen, end to end: real borg behind the real core,
// the built renderer in Chromium, the native folder dialog answered through `desktop.nextFolders`.

const OLD_TIME = new Date('2001-02-03T04:05:06Z');
const DIARY_V1 = 'Monday: wrote the first page.\n';
const DIARY_V2 = 'Monday: wrote the first page.\nTuesday: rewrote all of it, and it is longer now.\n';

const rows = (page: Page) => page.locator('table.browse-table tbody tr[data-index]');
const here = (page: Page) => page.getByRole('navigation', { name: 'Folder path' }).locator('[aria-current="location"]').textContent();
const archivePath = (path: string) => path.replace(/^\/+/, '');

/** Runs the job to the end; the next run starts in a later second, so its archive gets another name. */
async function backUp(core: CairnCore, jobId: string): Promise<string> {
  const started = await core.engine.start(jobId, 'manual');
  if (!('done' in started)) throw new Error(`the backup did not start: ${started.status}`);
  const record = await started.done;
  expect(record.outcome).toBe('ok');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  if (!record.archiveName) throw new Error('the run named no archive');
  return record.archiveName;
}

/** Opens `archiveName` from the Archives screen and walks down to `folder` by clicking. */
async function browseTo(page: Page, archiveName: string, folder: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Archives' }).click();
  await page.getByRole('button', { name: `Browse archive ${archiveName}`, exact: true }).click({ timeout: 60_000 });
  for (const part of folder.split('/').filter((p) => p !== '')) {
    await rows(page).getByRole('button', { name: part, exact: true }).click({ timeout: 90_000 });
    await expect.poll(() => here(page), { timeout: 30_000 }).toBe(part);
  }
}

/** The restore dialog, once it is open. */
function restoreDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: /Restore/ });
}

/** Picks `target` through the (fake) native folder dialog, as the user would in the restore dialog. */
async function chooseFolder(app: E2eApp, dialog: Locator, target: string): Promise<void> {
  app.desktop.nextFolders.push([target]);
  await dialog.getByRole('button', { name: /^Choose (a|another) folder…$/ }).click();
  const into = dialog.getByRole('radio', { name: `Into ${target}` });
  await expect.poll(() => into.isChecked()).toBe(true);
  expect(app.desktop.calls.at(-1)).toEqual({ method: 'pickFolders', args: expect.objectContaining({ purpose: 'restore-target' }) });
}

/** What a file is on disk, as far as a restore must keep it: bytes, mode bits and modification time. */
async function fingerprint(path: string): Promise<{ bytes: string; mode: string; mtimeMs: number }> {
  const info = await stat(path);
  const bytes = info.isDirectory() ? '(folder)' : (await readFile(path)).toString('base64');
  return { bytes, mode: (info.mode & 0o7777).toString(8), mtimeMs: info.mtimeMs };
}

describe('restoring from the browse screen', () => {
  it(
    'restores a multi-selection into a chosen folder with bytes, times and modes kept, asks about conflicts, and restores an older version',
    async () => {
      let fixture: JobFixture | undefined;
      const archives: string[] = [];
      const app = await openApp({
        setup: async (ctx) => {
          fixture = await addBackupJob(ctx, { name: 'Photos', job: { schedule: { kind: 'manual' } } });
          const { folder } = fixture;
          await mkdir(join(folder, 'album'));
          for (const name of ['a.jpg', 'b.jpg', 'c.jpg']) await writeFile(join(folder, 'album', name), randomBytes(64 * 1024 + name.charCodeAt(0)));
          await writeFile(join(folder, 'secret.txt'), 'only for me and my group\n');
          await chmod(join(folder, 'secret.txt'), 0o640);
          await utimes(join(folder, 'secret.txt'), OLD_TIME, OLD_TIME);
          await chmod(join(folder, 'album', 'b.jpg'), 0o600);
          await utimes(join(folder, 'album', 'c.jpg'), OLD_TIME, OLD_TIME);
          await writeFile(join(folder, 'diary.txt'), DIARY_V1);
          await utimes(join(folder, 'diary.txt'), OLD_TIME, OLD_TIME);
          archives.push(await backUp(ctx.core, fixture.jobId));
          await writeFile(join(folder, 'diary.txt'), DIARY_V2);
          archives.push(await backUp(ctx.core, fixture.jobId));
          // Nothing changed: the third archive holds the same diary as the second.
          archives.push(await backUp(ctx.core, fixture.jobId));
        },
      });
      if (!fixture) throw new Error('the fixture did not run');
      const newest = archives.at(-1) ?? '';
      await browseTo(app.page, newest, fixture.folder);
      await restoreSelectionToFolder(app, fixture);
      await conflictsInPlace(app, fixture);
      await olderVersion(app, fixture, archives);
      await app.close();
    },
    420_000,
  );
});

/** Flow 1: click, shift-click (range) and click again select two files and a folder; restored into a picked folder. */
async function restoreSelectionToFolder(app: E2eApp, fixture: JobFixture): Promise<void> {
  const { page } = app;
  await expect.poll(() => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-path')?.split('/').at(-1)))).toEqual([
    'album',
    'diary.txt',
    'notes',
    'secret.txt',
  ]);
  const box = (name: string) => page.getByRole('checkbox', { name: `Select ${name}` });
  await box('album').click();
  await box('notes').click({ modifiers: ['Shift'] }); // album…notes
  expect(await Promise.all(['album', 'diary.txt', 'notes', 'secret.txt'].map((n) => box(n).isChecked()))).toEqual([true, true, true, false]);
  await box('notes').click(); // a plain click toggles one row off
  await rows(page).filter({ hasText: 'secret.txt' }).locator('td').nth(4).click({ modifiers: ['Control'] });
  expect(await Promise.all(['album', 'diary.txt', 'notes', 'secret.txt'].map((n) => box(n).isChecked()))).toEqual([true, true, false, true]);
  await expect.poll(() => page.locator('.browse-actions').textContent()).toContain('3 selected');

  await page.getByRole('button', { name: 'Restore…' }).click();
  const dialog = restoreDialog(page);
  await dialog.waitFor();
  // Before a folder is picked, "another folder" cannot be chosen and the original place is the default.
  expect(await dialog.getByRole('radio', { name: /original location/ }).isChecked()).toBe(true);
  expect(await dialog.getByRole('radio', { name: 'Another folder' }).isDisabled()).toBe(true);
  const target = join(app.dirs.root, 'restored here');
  await mkdir(target);
  await chooseFolder(app, dialog, target);
  // borg recreates the archive's folders under the picked one: the dialog says where the files land.
  expect(await dialog.textContent()).toContain(`they land in ${join(target, archivePath(fixture.folder))}.`);
  await app.screenshot('restore to folder dialog');
  await dialog.getByRole('button', { name: 'Restore 3 items' }).click();
  const summary = dialog.locator('.restore-summary');
  await summary.waitFor({ timeout: 90_000 });
  expect(await summary.textContent()).toContain('Restored 5, skipped 0, failed 0');
  expect(await summary.textContent()).toContain(`Into ${join(target, archivePath(fixture.folder))}`);
  await app.screenshot('restore to folder summary');

  // Each restored file is where the archive path puts it under the picked folder, identical to the original.
  const restoredAt = (rel: string) => join(target, archivePath(fixture.folder), rel);
  for (const rel of ['album', 'album/a.jpg', 'album/b.jpg', 'album/c.jpg', 'secret.txt', 'diary.txt']) {
    expect({ rel, ...(await fingerprint(restoredAt(rel))) }).toEqual({ rel, ...(await fingerprint(join(fixture.folder, rel))) });
  }
  expect((await fingerprint(restoredAt('secret.txt'))).mode).toBe('640');
  expect((await stat(restoredAt('secret.txt'))).mtimeMs).toBe(OLD_TIME.getTime());
  expect((await fingerprint(restoredAt('album/b.jpg'))).mode).toBe('600');
  // Only the selection came back: not the unselected folder, and no staging folder was left behind.
  expect((await readdir(restoredAt(''))).sort()).toEqual(['album', 'diary.txt', 'secret.txt']);
  expect(await stagingLeft(target)).toEqual([]);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Flow 2: back to the original place over existing files; skip keeps them, overwrite only when chosen. */
async function conflictsInPlace(app: E2eApp, fixture: JobFixture): Promise<void> {
  const { page } = app;
  const { folder } = fixture;
  const original = { a: await readFile(join(folder, 'album', 'a.jpg')), b: await readFile(join(folder, 'album', 'b.jpg')), secret: await fingerprint(join(folder, 'secret.txt')) };
  await writeFile(join(folder, 'album', 'a.jpg'), 'edited since the backup');
  await writeFile(join(folder, 'secret.txt'), 'also edited');
  await rm(join(folder, 'album', 'b.jpg'));
  // The selection (album, diary.txt, secret.txt) is still there: take diary.txt out of it.
  await page.getByRole('checkbox', { name: 'Select diary.txt' }).click();
  await expect.poll(() => page.locator('.browse-actions').textContent()).toContain('2 selected');

  await page.getByRole('button', { name: 'Restore…' }).click();
  const dialog = restoreDialog(page);
  await dialog.waitFor();
  expect(await dialog.getByRole('radio', { name: /original location/ }).isChecked()).toBe(true);
  expect(await dialog.getByRole('radio', { name: /Keep both/ }).isChecked()).toBe(true);
  await dialog.getByRole('radio', { name: /Skip/ }).check();
  expect(await dialog.getByRole('button', { name: /overwrite/i }).count()).toBe(0);
  await dialog.getByRole('button', { name: 'Restore 2 items' }).click();
  const summary = dialog.locator('.restore-summary');
  await summary.waitFor({ timeout: 90_000 });
  // b.jpg was missing and came back; a.jpg, c.jpg and secret.txt existed and were left alone.
  expect(await summary.textContent()).toContain('Restored 1, skipped 3, failed 0');
  await summary.getByText(/Skipped, already there/).click();
  expect(await summary.locator('li').allTextContents()).toEqual(expect.arrayContaining([join(folder, 'album', 'a.jpg'), join(folder, 'secret.txt')]));
  await app.screenshot('restore conflicts skipped');
  expect(await readFile(join(folder, 'album', 'a.jpg'), 'utf8')).toBe('edited since the backup');
  expect(await readFile(join(folder, 'secret.txt'), 'utf8')).toBe('also edited');
  expect((await readFile(join(folder, 'album', 'b.jpg'))).equals(original.b)).toBe(true);
  expect((await readdir(join(folder, 'album'))).sort()).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // Overwrite: the dialog starts again at keep both; choosing overwrite changes the button to say so.
  await page.getByRole('button', { name: 'Restore…' }).click();
  await dialog.waitFor();
  expect(await dialog.getByRole('radio', { name: /Keep both/ }).isChecked()).toBe(true);
  await dialog.getByRole('radio', { name: /Overwrite/ }).check();
  const overwrite = dialog.getByRole('button', { name: 'Restore and overwrite' });
  await overwrite.waitFor();
  await app.screenshot('restore conflicts overwrite chosen');
  await overwrite.click();
  await summary.waitFor({ timeout: 90_000 });
  expect(await summary.textContent()).toContain('Restored 4, skipped 0, failed 0, overwrote 4');
  await app.screenshot('restore conflicts overwritten');
  expect((await readFile(join(folder, 'album', 'a.jpg'))).equals(original.a)).toBe(true);
  expect(await fingerprint(join(folder, 'secret.txt'))).toEqual(original.secret);
  expect(await readdir(folder)).not.toContainEqual(expect.stringMatching(/restored|^\.cairn-restore-/));
  expect(await readdir(join(folder, 'album'))).not.toContainEqual(expect.stringMatching(/restored/));
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Clear selection' }).click();
}

/** Flow 3: a file changed between backups: its versions, marked where they differ; the oldest restored. */
async function olderVersion(app: E2eApp, fixture: JobFixture, archives: readonly string[]): Promise<void> {
  const { page } = app;
  await page.getByRole('checkbox', { name: 'Select diary.txt' }).click();
  await page.getByRole('button', { name: 'Versions', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Versions of diary.txt' });
  await panel.waitFor();
  // Archives not indexed yet are indexed in the background; the panel fills in when they are ready.
  const versionRows = panel.locator('tbody tr');
  await expect.poll(() => versionRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-archive'))), { timeout: 90_000 }).toEqual([...archives]);
  const changed = await versionRows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[3]?.textContent));
  expect(changed).toEqual(['Added', 'Differs', 'Same']);
  const sizes = await versionRows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1]?.textContent));
  expect(sizes[0]).not.toBe(sizes[1]);
  expect(sizes[1]).toBe(sizes[2]);
  await app.screenshot('restore versions panel');

  await versionRows.first().getByRole('button', { name: /^Restore the version of / }).click();
  const dialog = restoreDialog(page);
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(`From ${archives[0]}`);
  const target = join(app.dirs.root, 'older diary');
  await mkdir(target);
  await chooseFolder(app, dialog, target);
  await dialog.getByRole('button', { name: 'Restore “diary.txt”' }).click();
  const summary = dialog.locator('.restore-summary');
  await summary.waitFor({ timeout: 90_000 });
  expect(await summary.textContent()).toContain('Restored 1, skipped 0, failed 0');
  const restored = join(target, archivePath(fixture.folder), 'diary.txt');
  expect(await readFile(restored, 'utf8')).toBe(DIARY_V1);
  expect((await stat(restored)).mtimeMs).toBe(OLD_TIME.getTime());
  // The file in its place is still the newer one.
  expect(await readFile(join(fixture.folder, 'diary.txt'), 'utf8')).toBe(DIARY_V2);
  await app.screenshot('restore older version summary');
  await dialog.getByRole('button', { name: 'Done' }).click();
}

/** `.cairn-restore-*` staging folders anywhere under `dir`. */
async function stagingLeft(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((p) => /(^|\/)\.cairn-restore-/.test(p));
}

/** `borg extract` processes still reading `repositoryPath` (found by the BORG_REPO of their environment). */
async function extractsFrom(repositoryPath: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
      if (!/\bborg extract\b/.test(cmdline)) continue;
      const environ = (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0');
      if (environ.includes(`BORG_REPO=${repositoryPath}`)) found.push(`${pid}: ${cmdline} (cwd ${await readlink(`/proc/${pid}/cwd`).catch(() => '?')})`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe('cancelling a restore', () => {
  it(
    'stops borg at once, leaves neither the file nor a partial copy under its final name, nor a staging folder',
    async () => {
      let fixture: JobFixture | undefined;
      let archive = '';
      const big = () => join(fixture?.folder ?? '', 'big', 'video.bin');
      const app = await openApp({
        setup: async (ctx) => {
          // Random data does not compress; `none` spares the CPU of trying while backing it up.
          fixture = await addBackupJob(ctx, { name: 'Videos', job: { schedule: { kind: 'manual' }, compression: 'none' } });
          await mkdir(dirname(big()));
          await pipeline(
            (async function* () {
              for (let i = 0; i < 400; i++) yield randomBytes(1024 * 1024);
            })(),
            createWriteStream(big()),
          );
          archive = await backUp(ctx.core, fixture.jobId);
          await rm(big());
        },
      });
      if (!fixture) throw new Error('the fixture did not run');
      const { page } = app;
      await browseTo(page, archive, join(fixture.folder, 'big'));
      await page.getByRole('checkbox', { name: 'Select video.bin' }).click();
      await page.getByRole('button', { name: 'Restore…' }).click();
      const dialog = restoreDialog(page);
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Restore “video.bin”' }).click();
      // Cancel once borg reports a percentage: the extract is under way.
      const progress = dialog.getByRole('status', { name: 'Restore progress' });
      await expect.poll(() => progress.textContent(), { timeout: 90_000, interval: 100 }).toMatch(/\d+ %/);
      const percentAtCancel = await progress.textContent();
      // One percentage, Cairn's: borg's own at the start of its message is not repeated.
      expect(percentAtCancel?.match(/%/g)).toHaveLength(1);
      await app.screenshot('restore in progress');
      expect(await extractsFrom(fixture.repositoryPath)).not.toEqual([]);
      await dialog.getByRole('button', { name: 'Cancel restore' }).click();

      const summary = dialog.locator('.restore-summary');
      await summary.waitFor({ timeout: 60_000 });
      expect(await summary.textContent()).toContain('Restore cancelled. Restored 0, skipped 0, failed 0.');
      expect(await summary.textContent()).toContain('Nothing was restored, and no partly restored file was left behind.');
      expect(await summary.textContent()).not.toContain('SIGTERM');
      expect(percentAtCancel).not.toMatch(/100 %/);
      await app.screenshot('restore cancelled');
      await expect.poll(() => extractsFrom(fixture?.repositoryPath ?? '')).toEqual([]);
      expect(await readdir(dirname(big()))).toEqual([]);
      expect(await stagingLeft(fixture.folder)).toEqual([]);
      expect(await stagingLeft(app.dirs.root)).toEqual([]);
      await app.close();
    },
    420_000,
  );
});
