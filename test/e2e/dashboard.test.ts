import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { addBackupJob } from './job-fixture.js';
import { openApp } from './harness.js';

/** The value next to a label in a card's facts ("Archives" → "1"). */
const fact = (card: Locator, label: string): Promise<string | null> =>
  card.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').textContent();

describe('the dashboard', () => {
  it('runs a real backup from "Back up now", shows its progress, then the success with the archive count', async () => {
    const app = await openApp({
      setup: async (ctx) => void (await addBackupJob(ctx, { name: 'Laptop', randomMegabytes: 160, job: { schedule: { kind: 'preset', preset: 'daily' } } })),
    });
    const { page } = app;
    const card = page.getByRole('article', { name: 'Laptop' });
    await card.waitFor();
    expect(await page.locator('.health-summary').textContent()).toContain('1 job needs attention.');
    const idleText = await card.textContent();
    expect(idleText).toContain('Idle');
    expect(await fact(card, 'Last success')).toBe('never');
    expect(await fact(card, 'Next run')).toMatch(/^in \d+ (hours?|minutes?)$/);
    expect(await fact(card, 'Archives')).toBe('—');
    await app.screenshot('dashboard idle');

    await card.getByRole('button', { name: 'Back up now' }).click();
    const progress = card.getByRole('status', { name: 'Backup progress' });
    await progress.waitFor();
    // borg's own counters arrive while it reads the 160 MB of random data.
    await expect.poll(async () => progress.textContent(), { timeout: 60_000, interval: 50 }).toMatch(/Backing up….*\d+ files? · [\d.]+ [KMG]?B read/);
    expect(await card.getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);
    await app.screenshot('dashboard running');

    await card.getByRole('button', { name: 'Back up now' }).waitFor({ timeout: 90_000 });
    await expect.poll(() => fact(card, 'Last success'), { timeout: 10_000 }).toBe('just now');
    await expect.poll(() => fact(card, 'Archives'), { timeout: 30_000 }).toBe('1');
    expect(await fact(card, 'Size')).toMatch(/^1\d\d MB original, 1\d\d MB stored$/);
    expect(await card.textContent()).toContain('OK');
    expect(await progress.count()).toBe(0);
    expect(await page.locator('.health-summary').textContent()).toContain('All good.');
    const [run] = await app.core.history.recent({ limit: 1 });
    expect(run).toMatchObject({ outcome: 'ok', trigger: 'manual' });
    await app.screenshot('dashboard done');
    await app.close();
  });

  it('shows why a backup failed, with its hint, and "Show log" opens that run in the logs', async () => {
    let repositoryPath = '';
    const app = await openApp({
      setup: async (ctx) => {
        repositoryPath = (await addBackupJob(ctx, { name: 'Laptop', job: { schedule: { kind: 'manual' } } })).repositoryPath;
      },
    });
    const { page } = app;
    const card = page.getByRole('article', { name: 'Laptop' });
    await card.waitFor();
    expect(await fact(card, 'Next run')).toBe('manual');
    // The disk was wiped behind Cairn's back: borg says the repository does not exist.
    await rm(repositoryPath, { recursive: true, force: true });
    await card.getByRole('button', { name: 'Back up now' }).click();
    const problem = card.locator('.job-problem', { hasText: 'The last backup failed' });
    await problem.waitFor({ timeout: 60_000 });
    const [run] = await app.core.history.recent({ limit: 1 });
    expect(run?.outcome).toBe('error');
    expect(run?.reason).toBeTruthy();
    const problemText = (await problem.textContent()) ?? '';
    expect(problemText).toContain('The last backup failed');
    expect(problemText).toContain(run?.reason);
    if (run?.hint) expect(problemText).toContain(run.hint);
    expect(await card.textContent()).toContain('Failed');
    const summary = (await page.locator('.health-summary').textContent()) ?? '';
    expect(summary).toContain('1 job needs attention.');
    expect(summary).toContain(`Laptop: ${run?.reason}`);
    await app.screenshot('dashboard failed');

    await problem.getByRole('button', { name: 'Show log' }).click();
    const details = page.locator('.run-details');
    await details.waitFor();
    expect(await details.getByRole('heading', { level: 2 }).textContent()).toContain('Laptop');
    expect(await details.textContent()).toContain(run?.reason);
    // borg's own error is listed, and the full log holds it too.
    const borgError = run?.messages.find((m) => m.level === 'error');
    expect(borgError).toBeDefined();
    expect(await details.locator('.run-messages').textContent()).toContain(borgError?.message);
    const log = details.locator('pre.log');
    await log.waitFor();
    expect(await log.textContent()).toContain('does not exist');
    await app.screenshot('log detail');
    await app.close();
  });

  it('cancels a running backup from its card, and the card then says it was cancelled', async () => {
    const app = await openApp({ setup: async (ctx) => void (await addBackupJob(ctx, { name: 'Laptop', randomMegabytes: 400 })) });
    const card = app.page.getByRole('article', { name: 'Laptop' });
    await card.getByRole('button', { name: 'Back up now' }).click();
    await card.getByRole('status', { name: 'Backup progress' }).filter({ hasText: 'read' }).waitFor({ timeout: 60_000 });
    await card.getByRole('button', { name: 'Cancel' }).click();
    await card.getByRole('button', { name: 'Back up now' }).waitFor({ timeout: 60_000 });
    await expect.poll(async () => card.locator('.badge').allTextContents(), { timeout: 10_000 }).toEqual(['Idle', 'Last run: Cancelled']);
    expect((await app.core.history.recent({ limit: 1 }))[0]?.outcome).toBe('cancelled');
    await app.close();
  });

  it('with no job explains what is missing and offers to set up a backup', async () => {
    const app = await openApp();
    const { page } = app;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Dashboard' }).click();
    await page.getByText('Nothing is being backed up yet.').waitFor();
    await page.getByRole('button', { name: 'Set up a backup' }).click();
    await page.getByRole('button', { name: 'Set up a backup' }).waitFor({ state: 'detached' });
    expect(await page.getByRole('heading', { name: 'Dashboard' }).count()).toBe(0);
    await app.close();
  });

  it('keeps the cards usable in a 480×360 window and in the dark colour scheme', async () => {
    const app = await openApp({
      viewport: { width: 480, height: 360 },
      colorScheme: 'dark',
      setup: async (ctx) => void (await addBackupJob(ctx, { name: 'Laptop', job: { schedule: { kind: 'preset', preset: 'hourly' } } })),
    });
    const { page } = app;
    const button = page.getByRole('article', { name: 'Laptop' }).getByRole('button', { name: 'Back up now' });
    await button.waitFor();
    const box = await button.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(480);
    // Nothing wider than the window: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
    await app.screenshot('dashboard small dark');
    await app.close();
  });
});
