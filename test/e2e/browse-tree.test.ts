import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addBackupJob, type JobFixture } from './job-fixture.js';
import { openApp, type E2eApp } from './harness.js';

// More subfolders than the tree asks for at once (TREE_PAGE = 200): the rest behind "More folders…".
const MANY = 205;

/** The folder the breadcrumb says we are in. */
const here = (page: Page) => page.getByRole('navigation', { name: 'Folder path' }).locator('[aria-current="location"]').textContent();
// includeHidden: in a narrow window the tree is there, folded away.
const tree = (page: Page) => page.getByRole('tree', { name: 'Folders', includeHidden: true });
const item = (page: Page, path: string): Locator => tree(page).locator(`[role="treeitem"][data-path=${JSON.stringify(path)}]`);
const focusedPath = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-path'));
const selectedPaths = (page: Page) => tree(page).locator('[role="treeitem"][aria-selected="true"]').evaluateAll((items) => items.map((i) => i.getAttribute('data-path')));
const rows = (page: Page) => page.locator('table.browse-table tbody tr[data-index]');

describe('the browse screen’s folder tree', () => {
  it('expands by keyboard and mouse, opens folders in the contents pane, follows the contents pane, and folds behind a button in a narrow window', async () => {
    let fixture: JobFixture | undefined;
    const app = await openApp({
      setup: async (ctx) => {
        fixture = await addBackupJob(ctx, { name: 'Photos', job: { schedule: { kind: 'manual' } } });
        await mkdir(join(fixture.folder, 'albums', '2023', 'summer'), { recursive: true });
        await mkdir(join(fixture.folder, 'albums', '2024'), { recursive: true });
        await writeFile(join(fixture.folder, 'albums', '2023', 'summer', 'beach.jpg'), 'not really a photo\n');
        for (let i = 0; i < MANY; i++) await mkdir(join(fixture.folder, 'many', `folder-${String(i).padStart(3, '0')}`), { recursive: true });
        await writeFile(join(fixture.folder, 'many', 'folder-204', 'deep-needle.txt'), 'found\n');
        const started = await ctx.core.engine.start(fixture.jobId, 'manual');
        if ('done' in started) expect((await started.done).outcome).toBe('ok');
      },
    });
    if (!fixture) throw new Error('the fixture did not run');
    await useTheTree(app, fixture);
    await app.close();
  });
});

async function useTheTree(app: E2eApp, fixture: JobFixture): Promise<void> {
  const { page } = app;
  const parts = fixture.folder.split('/').filter((p) => p !== '');
  const top = parts.join('/');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Archives' }).click();
  await page.getByRole('button', { name: /^Browse archive / }).first().click({ timeout: 60_000 });
  await rows(page).first().waitFor({ timeout: 90_000 });

  // The archive's top is the tree's only top item, expanded and selected (the contents show it).
  const root = item(page, '');
  await root.waitFor();
  expect(await root.getAttribute('aria-level')).toBe('1');
  expect(await root.getAttribute('aria-expanded')).toBe('true');
  expect(await root.getAttribute('aria-selected')).toBe('true');
  await item(page, parts[0] ?? '').waitFor({ timeout: 90_000 });

  // Keyboard: Down to the first folder, then Right expands it and Right again enters it, down the path.
  await root.click();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedPath(page)).toBe(parts[0]);
  for (let i = 0; i < parts.length; i++) {
    const path = parts.slice(0, i + 1).join('/');
    expect(await item(page, path).getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => item(page, path).getAttribute('aria-expanded')).toBe('true');
    const child = i + 1 < parts.length ? parts.slice(0, i + 2).join('/') : `${top}/albums`;
    await item(page, child).waitFor();
    expect(await item(page, child).getAttribute('aria-level')).toBe(String(i + 3));
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusedPath(page)).toBe(child);
  }
  // Folders only, in name order; files (readme, welcome.md) are not in the tree.
  const children = await tree(page).locator(`[role="treeitem"][aria-level="${parts.length + 2}"]`).evaluateAll((items) => items.map((i) => i.getAttribute('data-path')?.split('/').at(-1)));
  expect(children).toEqual(['albums', 'many', 'notes']);
  // Enter opens the focused folder in the contents pane; the tree keeps the focus.
  await page.keyboard.press('Enter');
  await expect.poll(() => here(page)).toBe('albums');
  await expect.poll(() => selectedPaths(page)).toEqual([`${top}/albums`]);
  expect(await focusedPath(page)).toBe(`${top}/albums`);
  // Left on a closed folder goes to its parent; Left again folds the parent.
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => focusedPath(page)).toBe(top);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => item(page, top).getAttribute('aria-expanded')).toBe('false');
  expect(await item(page, `${top}/albums`).count()).toBe(0);

  // Mouse: the triangle unfolds without moving the contents pane; a click on a name opens it.
  await item(page, top).locator('.tree-twisty').click();
  await expect.poll(() => item(page, top).getAttribute('aria-expanded')).toBe('true');
  await item(page, `${top}/albums`).locator('.tree-twisty').click();
  await item(page, `${top}/albums/2023`).waitFor();
  expect(await here(page)).toBe('albums');
  await item(page, `${top}/albums/2023`).locator('.tree-label').click();
  await expect.poll(() => here(page)).toBe('2023');
  await expect.poll(() => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-path')?.split('/').at(-1)))).toEqual(['summer']);
  await expect.poll(() => selectedPaths(page)).toEqual([`${top}/albums/2023`]);
  await app.screenshot('browse tree');

  // The contents pane moves, the tree follows: a row, the breadcrumb, back.
  await rows(page).first().getByRole('button', { name: 'summer' }).click();
  await expect.poll(() => here(page)).toBe('summer');
  await expect.poll(() => selectedPaths(page)).toEqual([`${top}/albums/2023/summer`]);
  expect(await item(page, `${top}/albums/2023`).getAttribute('aria-expanded')).toBe('true');
  await page.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: parts.at(-1) }).click();
  await expect.poll(() => selectedPaths(page)).toEqual([top]);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect.poll(() => selectedPaths(page)).toEqual([`${top}/albums/2023/summer`]);

  // A search result in a folder beyond the first page of 200: the tree shows the way to it anyway.
  await page.getByLabel('Search by name or pattern').fill('deep-needle');
  await page.getByRole('button', { name: 'Search' }).click();
  const result = page.locator('.search-results li').filter({ hasText: 'deep-needle.txt' });
  await result.waitFor({ timeout: 90_000 });
  await result.getByRole('button', { name: 'deep-needle.txt' }).click();
  await expect.poll(() => here(page)).toBe('folder-204');
  await expect.poll(() => selectedPaths(page)).toEqual([`${top}/many/folder-204`]);
  const manyChildren = tree(page).locator(`[role="treeitem"][data-path^=${JSON.stringify(`${top}/many/`)}]`);
  const more = tree(page).getByRole('treeitem', { name: 'More folders…' });
  expect(await more.count()).toBe(1);
  expect([200, 201]).toContain(await manyChildren.count());
  await more.click();
  await expect.poll(() => manyChildren.count()).toBe(MANY);
  expect(await more.count()).toBe(0);
  expect(await item(page, `${top}/many/folder-204`).count()).toBe(1);

  // Narrow: the tree folds behind "Folders" and the contents keep the window's width.
  await page.setViewportSize({ width: 480, height: 360 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: parts.at(-1) }).click();
  await expect.poll(() => here(page)).toBe(parts.at(-1));
  const toggle = page.getByRole('button', { name: 'Folders of this archive' });
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  expect(await tree(page).isVisible()).toBe(false);
  const table = await page.locator('table.browse-table').boundingBox();
  expect(table?.width ?? 0).toBeGreaterThan(480 * 0.85);
  await app.screenshot('browse tree narrow');
  await toggle.click();
  await expect.poll(() => tree(page).isVisible()).toBe(true);
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  await item(page, `${top}/albums/2024`).scrollIntoViewIfNeeded();
  await app.screenshot('browse tree narrow open');
  // Choosing a folder shows the contents again.
  await item(page, `${top}/notes`).locator('.tree-label').click();
  await expect.poll(() => here(page)).toBe('notes');
  await expect.poll(() => tree(page).isVisible()).toBe(false);
  expect(await selectedPaths(page)).toEqual([`${top}/notes`]);
}
