import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addBackupJob, type JobFixture } from './job-fixture.js';
import { openApp, type E2eApp } from './harness.js';

const LETTER = 'Dear future me,\nthis file was deleted after the backup.\n';

/** The folder the breadcrumb says we are in. */
const here = (page: Page) => page.getByRole('navigation', { name: 'Folder path' }).locator('[aria-current="location"]').textContent();
const rows = (page: Page) => page.locator('table.browse-table tbody tr[data-index]');

/** Focuses the row showing `name` (clicking its Type cell, not a control) and presses `key`. */
async function pressOn(page: Page, name: string, key: string): Promise<void> {
  await rows(page).filter({ hasText: name }).first().locator('td').nth(4).click();
  await page.keyboard.press(key);
}

describe('the browse screen', () => {
  it('browses an archive by click and keyboard, finds a deleted file by name and restores it to its place, then keeps both', async () => {
    let fixture: JobFixture | undefined;
    const app = await openApp({
      setup: async (ctx) => {
        fixture = await addBackupJob(ctx, { name: 'Photos', job: { schedule: { kind: 'manual' } } });
        await writeFile(join(fixture.folder, 'notes', 'old-letter.txt'), LETTER);
        await writeFile(join(fixture.folder, 'readme.txt'), 'read me\n');
        const started = await ctx.core.engine.start(fixture.jobId, 'manual');
        if ('done' in started) expect((await started.done).outcome).toBe('ok');
        // Deleted after the backup: only the archive still has it.
        await rm(join(fixture.folder, 'notes', 'old-letter.txt'));
      },
    });
    await browseAndRestore(app, fixture);
    // close() unmounts what browsing mounted, as the app does on quit.
    await app.close();
    expect(await readFile('/proc/self/mounts', 'utf8')).not.toContain(app.dirs.root);
  });
});

async function browseAndRestore(app: E2eApp, fixture: JobFixture | undefined): Promise<void> {
    if (!fixture) throw new Error('the fixture did not run');
    const letter = join(fixture.folder, 'notes', 'old-letter.txt');
    const { page } = app;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Archives' }).click();
    await page.getByRole('button', { name: /^Browse archive / }).first().click({ timeout: 60_000 });

    // The root holds the first folder of the backed-up path: open it with a click.
    const parts = fixture.folder.split('/').filter((p) => p !== '');
    await rows(page).first().waitFor({ timeout: 90_000 });
    await rows(page).first().getByRole('button', { name: parts[0] }).click();
    await expect.poll(() => here(page)).toBe(parts[0]);
    // The rest of the way with the keyboard: focus the only row, Enter.
    for (const part of parts.slice(1)) {
      await pressOn(page, part, 'Enter');
      await expect.poll(() => here(page)).toBe(part);
    }
    await expect.poll(() => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-path')?.split('/').at(-1)))).toEqual(['notes', 'readme.txt']);
    // Arrow keys move the focused row; Enter opens the folder it lands on.
    await pressOn(page, 'readme.txt', 'ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-index'))).toBe('0');
    await page.keyboard.press('Enter');
    await expect.poll(() => here(page)).toBe('notes');
    await pressOn(page, 'welcome.md', 'Backspace');
    await expect.poll(() => here(page)).toBe(parts.at(-1));
    // The new folder's first row took the keyboard focus: Alt+Left goes back from there.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-path')?.split('/').at(-1))).toBe('notes');
    await page.keyboard.press('Alt+ArrowLeft'); // back: notes again
    await expect.poll(() => here(page)).toBe('notes');
    const nameHeader = page.getByRole('columnheader', { name: 'Name' });
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await app.screenshot('browse list');

    // Search from the top of the archive; the result opens its folder.
    await page.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Folder path' }).locator('[aria-current="location"]').textContent()).toBe('Archive');
    await page.getByLabel('Search by name or pattern').fill('old-letter');
    await page.getByRole('button', { name: 'Search' }).click();
    const result = page.locator('.search-results li').filter({ hasText: 'old-letter.txt' });
    await result.waitFor();
    expect(await result.textContent()).toContain(`in /${parts.join('/')}/notes`);
    await app.screenshot('browse search');
    await result.getByRole('button', { name: 'old-letter.txt' }).click();
    await expect.poll(() => here(page)).toBe('notes');

    // Select the deleted file and restore it where it was.
    await page.getByRole('checkbox', { name: 'Select old-letter.txt' }).click();
    await page.getByRole('button', { name: 'Restore…' }).click();
    const dialog = page.getByRole('dialog', { name: /Restore/ });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: /original location/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: /Keep both/ }).isChecked()).toBe(true);
    await app.screenshot('browse restore dialog');
    await dialog.getByRole('button', { name: 'Restore “old-letter.txt”' }).click();
    const summary = dialog.locator('.restore-summary');
    await summary.waitFor({ timeout: 90_000 });
    expect(await summary.textContent()).toContain('Restored 1, skipped 0, failed 0');
    expect(await readFile(letter, 'utf8')).toBe(LETTER);
    await dialog.getByRole('button', { name: 'Done' }).click();

    // Again, with the file now there: keep both makes a renamed copy, named in the summary.
    await page.getByRole('button', { name: 'Restore…' }).click();
    await dialog.getByRole('button', { name: 'Restore “old-letter.txt”' }).click();
    await summary.waitFor({ timeout: 90_000 });
    expect(await summary.textContent()).toContain('Restored 1, skipped 0, failed 0');
    expect(await summary.textContent()).toContain('old-letter (restored).txt');
    expect(await readFile(join(fixture.folder, 'notes', 'old-letter (restored).txt'), 'utf8')).toBe(LETTER);
    expect(await readFile(letter, 'utf8')).toBe(LETTER);
    await app.screenshot('browse restore summary');
    await dialog.getByRole('button', { name: 'Done' }).click();
}
