import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CairnCore } from '../../electron/core/core.js';
import { addBackupJob, type JobFixture } from './job-fixture.js';
import { openApp } from './harness.js';

/** The folder the breadcrumb says we are in. */
const here = (page: Page) => page.getByRole('navigation', { name: 'Folder path' }).locator('[aria-current="location"]').textContent();
const rows = (page: Page) => page.locator('table.browse-table tbody tr[data-index]');
/** The paths a list of link buttons shows, in order. */
const linkTexts = (page: Page, selector: string) => page.locator(selector).getByRole('button').allTextContents();

/** Runs the job once and returns the name of the archive it made. */
async function backUp(core: CairnCore, jobId: string): Promise<string> {
  const started = await core.engine.start(jobId, 'manual');
  if (!('done' in started)) throw new Error(`the backup did not start: ${started.status}`);
  const record = await started.done;
  expect(record.outcome).toBe('ok');
  if (!record.archiveName) throw new Error('the run made no archive');
  return record.archiveName;
}

describe('search across archives and diff on the browse screen', () => {
  it('finds a name in every archive of the job, opens a hit in the older archive, and lists exactly what changed between the two', async () => {
    let fixture: JobFixture | undefined;
    const names = { older: '', newer: '' };
    const app = await openApp({
      setup: async (ctx) => {
        fixture = await addBackupJob(ctx, { name: 'Photos', job: { schedule: { kind: 'manual' } } });
        const notes = join(fixture.folder, 'notes');
        await writeFile(join(notes, 'plan-kept.txt'), 'in both archives\n');
        await writeFile(join(notes, 'plan-old.txt'), 'only in the older archive\n');
        names.older = await backUp(ctx.core, fixture.jobId);
        // Archive names carry the time to the second: the next one must not collide.
        await new Promise((r) => setTimeout(r, 1100));
        await writeFile(join(notes, 'plan-new.txt'), 'only in the newer archive\n');
        await rm(join(notes, 'plan-old.txt'));
        await writeFile(join(notes, 'welcome.md'), 'Hello World, again!\n');
        names.newer = await backUp(ctx.core, fixture.jobId);
      },
    });
    if (!fixture) throw new Error('the fixture did not run');
    const root = fixture.folder.replace(/^\//, '');
    const { page } = app;

    // Open the newest archive from the list.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Archives' }).click();
    await page.getByRole('button', { name: `Browse archive ${names.newer}` }).click({ timeout: 60_000 });
    await rows(page).first().waitFor({ timeout: 90_000 });

    // Search every archive of the job: the older one is indexed on demand, then searched.
    await page.getByLabel('Search in').selectOption({ label: 'All archives of Photos' });
    await page.getByLabel('Search by name or pattern').fill('plan-*');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const group = (name: string) => page.locator(`.search-group[data-archive="${name}"]`);
    await group(names.older).waitFor({ timeout: 90_000 });
    await group(names.newer).waitFor({ timeout: 90_000 });
    await expect.poll(() => page.locator('.search-pending').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.locator('.search-group').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-archive')))).toEqual([names.newer, names.older]);
    expect(await linkTexts(page, `.search-group[data-archive="${names.newer}"] tbody`)).toEqual([`/${root}/notes/plan-kept.txt`, `/${root}/notes/plan-new.txt`]);
    expect(await linkTexts(page, `.search-group[data-archive="${names.older}"] tbody`)).toEqual([`/${root}/notes/plan-kept.txt`, `/${root}/notes/plan-old.txt`]);
    expect(await page.locator('.browse-search').textContent()).toContain('4 found in 2 of 2 archives');
    await app.screenshot('browse search all archives');
    await page.setViewportSize({ width: 480, height: 360 });
    await app.screenshot('browse search all archives 480x360');
    await page.setViewportSize({ width: 1100, height: 750 });

    // A hit of the older archive opens that archive at the file's folder, the file highlighted and focused.
    await group(names.older).getByRole('button', { name: `/${root}/notes/plan-old.txt` }).click();
    await expect.poll(() => page.locator('.browse-header h1').textContent()).toBe(names.older);
    await expect.poll(() => here(page), { timeout: 90_000 }).toBe('notes');
    await rows(page).filter({ hasText: 'plan-old.txt' }).waitFor({ timeout: 90_000 });
    await expect.poll(() => page.locator('table.browse-table tr.highlighted').getAttribute('data-path')).toBe(`${root}/notes/plan-old.txt`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-path'))).toBe(`${root}/notes/plan-old.txt`);

    // Compare with the other archive (the only one): exactly what the second backup changed.
    await page.getByRole('button', { name: 'Compare with…' }).click();
    const panel = page.locator('.diff-panel');
    expect(await panel.getByLabel('Compare with').inputValue()).toBe(names.newer);
    await panel.locator('.diff-groups').waitFor({ timeout: 90_000 });
    const kind = (title: string) => `.diff-panel .diff-group[aria-label="${title}"]`;
    expect(await linkTexts(page, `${kind('Added')} .diff-list`)).toEqual([`/${root}/notes/plan-new.txt`]);
    expect(await linkTexts(page, `${kind('Removed')} .diff-list`)).toEqual([`/${root}/notes/plan-old.txt`]);
    // The folder itself changed too (its modification time), as borg reports it.
    expect(await linkTexts(page, `${kind('Modified')} .diff-list`)).toEqual([`/${root}/notes`, `/${root}/notes/welcome.md`]);
    expect(await page.locator(`${kind('Modified')} .diff-count`).textContent()).toBe('2');
    expect(await page.locator(`${kind('Modified')} li`).filter({ hasText: 'welcome.md' }).textContent()).toContain('contents');
    expect(await panel.textContent()).not.toContain('only part of it is shown');
    await app.screenshot('browse diff');
    await page.setViewportSize({ width: 480, height: 360 });
    await app.screenshot('browse diff 480x360');
    await page.setViewportSize({ width: 1100, height: 750 });

    // An added path lives in the newer archive: it opens there.
    await page.locator(`${kind('Added')} .diff-list`).getByRole('button', { name: `/${root}/notes/plan-new.txt` }).click();
    await expect.poll(() => page.locator('.browse-header h1').textContent()).toBe(names.newer);
    await expect.poll(() => here(page), { timeout: 90_000 }).toBe('notes');
    await rows(page).filter({ hasText: 'plan-new.txt' }).waitFor({ timeout: 90_000 });
    await expect.poll(() => page.locator('table.browse-table tr.highlighted').getAttribute('data-path')).toBe(`${root}/notes/plan-new.txt`);
    await app.close();
  });
});
