import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FUSE_MISSING_NOTE } from '../../electron/core/restore/fuse.js';
import { previewsRootOf } from '../../electron/core/restore/open-item.js';
import { addBackupJob, type JobFixture } from './job-fixture.js';
import { openApp } from './harness.js';

const PHOTO = randomBytes(200 * 1024);

const here = (page: Page) => page.getByRole('navigation', { name: 'Folder path' }).locator('[aria-current="location"]').textContent();
const rows = (page: Page) => page.locator('table.browse-table tbody tr[data-index]');
const openedPaths = (calls: { method: string; args: unknown }[]) => calls.filter((c) => c.method === 'openPath').map((c) => String(c.args));

describe('opening files of an archive', () => {
  it('opens a file and its folder from the archive mount, and without FUSE opens an extracted copy with the file manager off', async () => {
    let fixture: JobFixture | undefined;
    const app = await openApp({
      setup: async (ctx) => {
        fixture = await addBackupJob(ctx, { name: 'Photos', job: { schedule: { kind: 'manual' } } });
        await writeFile(join(fixture.folder, 'photo.bin'), PHOTO);
        const started = await ctx.core.engine.start(fixture.jobId, 'manual');
        if ('done' in started) expect((await started.done).outcome).toBe('ok');
      },
    });
    if (!fixture) throw new Error('the fixture did not run');
    const { page, desktop, core } = app;

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Archives' }).click();
    await page.getByRole('button', { name: /^Browse archive / }).first().click({ timeout: 60_000 });
    for (const part of fixture.folder.split('/').filter((p) => p !== '')) {
      await rows(page).filter({ hasText: part }).first().getByRole('button', { name: part, exact: true }).click({ timeout: 90_000 });
      await expect.poll(() => here(page)).toBe(part);
    }

    // Open needs one file; "Show in file manager" shows the folder on screen when nothing is selected.
    const open = page.getByRole('button', { name: 'Open', exact: true });
    const reveal = page.getByRole('button', { name: 'Show in file manager' });
    expect(await open.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'Select photo.bin' }).click();
    await open.click();
    await expect.poll(() => openedPaths(desktop.calls).length, { timeout: 60_000 }).toBe(1);
    const [fromMount] = openedPaths(desktop.calls);
    expect(fromMount?.startsWith(join(core.paths.dataDir, 'mounts'))).toBe(true);
    expect((await readFile(fromMount ?? '')).equals(PHOTO)).toBe(true);

    await reveal.click();
    await expect.poll(() => openedPaths(desktop.calls).length, { timeout: 60_000 }).toBe(2);
    const folder = openedPaths(desktop.calls)[1] ?? '';
    expect(await readdir(folder)).toContain('photo.bin');
    await app.screenshot('browse open from mount');

    // As in a file manager: a double-click on a file's row opens it, and so does Enter on its focused row.
    const photoRow = rows(page).filter({ hasText: 'photo.bin' });
    await photoRow.locator('td.num').dblclick();
    await expect.poll(() => openedPaths(desktop.calls).length, { timeout: 60_000 }).toBe(3);
    expect(openedPaths(desktop.calls)[2]).toBe(fromMount);
    await photoRow.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => openedPaths(desktop.calls).length, { timeout: 60_000 }).toBe(4);
    expect(openedPaths(desktop.calls)[3]).toBe(fromMount);

    // Now as on a computer without FUSE: the next open extracts the file to a private folder.
    await core.browse.mounts.unmountAll();
    core.browse.fuse = { available: false, note: FUSE_MISSING_NOTE };
    await open.click();
    // An error would show as an alert: poll for either, so a failure names the core's words.
    const problem = page.locator('.open-error[role="alert"]');
    await expect.poll(async () => (openedPaths(desktop.calls).length === 5 ? 'opened' : await problem.textContent({ timeout: 100 }).catch(() => 'waiting')), { timeout: 60_000 }).toBe('opened');
    const copy = openedPaths(desktop.calls)[4] ?? '';
    expect(copy.startsWith(`${previewsRootOf(core.paths.cacheDir)}/`)).toBe(true);
    expect((await readFile(copy)).equals(PHOTO)).toBe(true);
    await expect.poll(() => reveal.isDisabled()).toBe(true);
    expect(await reveal.getAttribute('title')).toBe(FUSE_MISSING_NOTE);
    await expect.poll(() => page.getByText(FUSE_MISSING_NOTE).count()).toBeGreaterThan(0);
    await app.screenshot('browse open without FUSE');

    // Quitting (the app's shutdown, which close() runs again) removes the previews and unmounts everything.
    await core.browse.shutdown();
    expect(await readdir(previewsRootOf(core.paths.cacheDir))).toEqual([]);
    await app.close();
    expect(await readFile('/proc/self/mounts', 'utf8')).not.toContain(app.dirs.root);
  });
});
