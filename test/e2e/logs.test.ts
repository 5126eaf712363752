import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { CairnCore } from '../../electron/core/core.js';
import { addBackupJob } from './job-fixture.js';
import { openApp, type AppDirs } from './harness.js';

/** Two jobs with real runs: Laptop backed up twice, Photos failed once (its repository is gone). */
async function twoJobsWithHistory(ctx: { core: CairnCore; dirs: AppDirs }): Promise<void> {
  const laptop = await addBackupJob(ctx, { name: 'Laptop', job: { schedule: { kind: 'manual' } } });
  const photos = await addBackupJob(ctx, { name: 'Photos', job: { schedule: { kind: 'manual' } } });
  await rm(photos.repositoryPath, { recursive: true, force: true });
  for (const jobId of [laptop.jobId, photos.jobId, laptop.jobId]) {
    const started = await ctx.core.engine.start(jobId, 'manual');
    if ('done' in started) await started.done;
  }
}

describe('the logs', () => {
  it('lists the runs and filters them by job and by outcome', async () => {
    const app = await openApp({ setup: twoJobsWithHistory });
    const { page } = app;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Logs' }).click();
    const rows = page.locator('table.run-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    const jobCells = () => rows.locator('td:nth-child(2)').allTextContents();
    const outcomeCells = () => rows.locator('td:nth-child(4)').allTextContents();
    // Newest first.
    expect(await jobCells()).toEqual(['Laptop', 'Photos', 'Laptop']);
    expect(await outcomeCells()).toEqual(['OK', 'Failed', 'OK']);
    await app.screenshot('logs');

    const jobFilter = page.getByLabel('Job');
    const outcomeFilter = page.getByLabel('Outcome');
    await jobFilter.selectOption({ label: 'Laptop' });
    expect(await jobCells()).toEqual(['Laptop', 'Laptop']);
    await outcomeFilter.selectOption({ label: 'Failed' });
    await page.getByText('No runs match these filters.').waitFor();
    expect(await rows.count()).toBe(0);
    await jobFilter.selectOption({ label: 'All jobs' });
    expect(await jobCells()).toEqual(['Photos']);
    const photosFailure = (await app.core.history.recent({ limit: 10 })).find((r) => r.outcome === 'error');
    expect(await rows.first().locator('td:nth-child(7)').textContent()).toBe(photosFailure?.reason);
    await page.getByRole('button', { name: 'Show all runs' }).waitFor({ state: 'detached' });
    await jobFilter.selectOption({ label: 'Photos' });
    await outcomeFilter.selectOption({ label: 'OK' });
    await page.getByRole('button', { name: 'Show all runs' }).click();
    expect(await rows.count()).toBe(3);
    await app.close();
  });

  it('opens a failed run with its reason, borg messages and full log, and opens the log folder', async () => {
    const app = await openApp({ setup: twoJobsWithHistory });
    const { page } = app;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Logs' }).click();
    const failedRow = page.locator('table.run-table tbody tr', { hasText: 'Failed' });
    await failedRow.getByRole('button').click();
    const details = page.locator('.run-details');
    await details.waitFor();
    // Focus moves to the details so a keyboard user lands on what they opened.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('run-details-title');
    const run = (await app.core.history.recent({ limit: 10 })).find((r) => r.outcome === 'error');
    expect(run?.reason).toBeTruthy();
    expect(await details.textContent()).toContain(run?.reason);
    const messages = details.locator('.run-messages li');
    expect(await messages.count()).toBe(run?.messages.length);
    expect(await messages.first().textContent()).toContain(run?.messages[0]?.message);
    const log = details.locator('pre.log');
    await log.waitFor();
    expect((await log.textContent())?.length).toBeGreaterThan(0);

    // In a small window the table scrolls inside its box; the page itself never scrolls sideways.
    await page.setViewportSize({ width: 480, height: 360 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
    await app.screenshot('log detail small');
    await page.setViewportSize({ width: 1100, height: 750 });

    await details.getByRole('button', { name: 'Open log folder' }).click();
    await expect.poll(() => app.desktop.calls.filter((c) => c.method === 'openPath').length).toBe(1);
    await details.getByRole('button', { name: 'Close' }).click();
    await details.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(await failedRow.getByRole('button').textContent());
    await app.close();
  });

  it('says so when there are no runs yet', async () => {
    const app = await openApp({ setup: async (ctx) => void (await addBackupJob(ctx, { name: 'Laptop' })) });
    await app.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Logs' }).click();
    await app.page.getByText('No runs yet.').waitFor();
    await app.close();
  });
});
