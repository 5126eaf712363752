import { mkdtempSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArgs } from '../../electron/core/borg/argv/create.js';
import { initArgs } from '../../electron/core/borg/argv/init.js';
import { locateBorg } from '../../electron/core/borg/locate.js';
import { ensureOk, runBorg } from '../../electron/core/borg/runner.js';
import type { RepositoryAccess } from '../../electron/core/borg/types.js';
import { configSchema, CONFIG_VERSION, type PruneKeep } from '../../electron/core/config/schema.js';
import type { CairnCore } from '../../electron/core/core.js';
import { expandArchiveName } from '../../electron/core/jobs/archive-name.js';
import { archiveNames } from '../support/borg-fixture.js';
import { openApp, type E2eApp } from './harness.js';

// One real, unencrypted repository shared by the tests of this file (25 borg creates take a while
// on this machine); the tests run in order and only the last one deletes an archive.
const ARCHIVE_COUNT = 25;
const KEEP: PruneKeep = { daily: 7, weekly: 4 };
const identity = { hostname: hostname(), user: userInfo().username };

let root: string;
let access: RepositoryAccess;
/** Archive names with their timestamps, newest first. */
let made: { name: string; time: Date }[] = [];

/** 25 archives at noon UTC: the last 10 days one a day, then one every 3 days back to day 54. */
function archiveTimes(): Date[] {
  const newest = Date.UTC(2024, 4, 29, 12); // a Wednesday
  const days = [...Array.from({ length: 10 }, (_, i) => i), ...Array.from({ length: ARCHIVE_COUNT - 10 }, (_, i) => 12 + 3 * i)];
  return days.map((d) => new Date(newest - d * 86_400_000));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cairn-e2e-archives-'));
  const source = join(root, 'src');
  await mkdir(source, { recursive: true });
  await writeFile(join(source, 'notes.txt'), 'Remember the milk.\n');
  access = { url: join(root, 'repo'), encryption: 'none', passphrase: null, name: 'Disk' };
  const borg = await locateBorg();
  ensureOk(await runBorg(borg, { args: initArgs({ encryption: 'none', makeParentDirs: true }), repository: access }));
  for (const [index, time] of archiveTimes().entries()) {
    const name = expandArchiveName('{hostname}-{job}-{now}', { ...identity, job: 'laptop', now: time });
    // A second file that changes each time, so deduplicated sizes differ between archives.
    await writeFile(join(source, 'counter.txt'), 'x'.repeat(index * 100));
    const stamp = time.toISOString().slice(0, 19);
    ensureOk(await runBorg(borg, { args: createArgs({ archiveName: name, paths: [source], extraArgs: ['--timestamp', stamp] }), repository: access }));
    made.push({ name, time });
  }
  made = made.sort((a, b) => b.time.getTime() - a.time.getTime());
}, 300_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** The config: the shared repository (and any others given) and one job backing up to it with daily 7, weekly 4. */
async function configure({ core }: { core: CairnCore }, others: { id: string; name: string; url: string }[] = []): Promise<void> {
  await core.store.save(
    configSchema.parse({
      version: CONFIG_VERSION,
      states: [{ id: 'docs', name: 'Documents', folders: [join(root, 'src')] }],
      repositories: [{ id: 'disk', name: 'Disk', url: access.url }, ...others].map((r) => ({ ...r, encryption: 'none', passphrase: { source: 'none' } })),
      jobs: [{ id: 'laptop', name: 'Laptop', stateIds: ['docs'], repositoryId: 'disk', schedule: { kind: 'manual' }, checkFrequency: 'never', prune: { keep: KEEP } }],
    }),
  );
}

/**
 * What borg 1.2's prune keeps (its prune_split, in UTC as the core runs borg): per rule, newest
 * first, the first archive of each new period not kept already, until the count is reached.
 */
function expectedKeep(archives: { name: string; time: Date }[], keep: PruneKeep): Map<string, string> {
  const period = {
    daily: (d: Date) => d.toISOString().slice(0, 10),
    weekly: (d: Date) => isoWeek(d),
  };
  const kept = new Map<string, string>();
  for (const rule of ['daily', 'weekly'] as const) {
    const n = keep[rule] ?? 0;
    let last: string | null = null;
    let count = 0;
    for (const a of archives) {
      if (count === n) break;
      const p = period[rule](a.time);
      if (p === last) continue;
      last = p;
      if (kept.has(a.name)) continue;
      count++;
      kept.set(a.name, `${rule} #${count}`);
    }
  }
  return kept;
}

function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return `${t.getUTCFullYear()}-${Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7)}`;
}

const rows = (page: Page) => page.locator('table.archives-table tbody tr[data-archive]');

async function openArchives(app: E2eApp): Promise<void> {
  await app.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Archives' }).click();
  await rows(app.page).first().waitFor({ timeout: 60_000 });
}

describe('the archives screen', () => {
  it('lists every archive newest first with its sizes, and sorts by date and size from the headers', async () => {
    const app = await openApp({ setup: configure });
    await openArchives(app);
    await expect.poll(() => rows(app.page).count()).toBe(ARCHIVE_COUNT);
    expect(await rows(app.page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-archive')))).toEqual(made.map((a) => a.name));
    const first = rows(app.page).first();
    // Date, original size, deduplicated size, duration, files, name.
    expect(await first.locator('td').nth(1).textContent()).toMatch(/^\d+(\.\d)? (B|KB)$/);
    expect(await first.locator('td').nth(2).textContent()).toMatch(/^\d+(\.\d)? (B|KB)$/);
    expect(await first.locator('td').nth(3).textContent()).toMatch(/ s$/);
    expect(await first.locator('td').nth(4).textContent()).toBe('2');
    expect(await first.locator('td').nth(5).textContent()).toBe(made[0]?.name);
    await expect.poll(() => app.page.getByRole('heading', { name: `${ARCHIVE_COUNT} archives` }).count()).toBe(1);

    const dateHeader = app.page.getByRole('columnheader', { name: 'Date' });
    expect(await dateHeader.getAttribute('aria-sort')).toBe('descending');
    await dateHeader.getByRole('button').click();
    expect(await dateHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await rows(app.page).first().getAttribute('data-archive')).toBe(made.at(-1)?.name);
    const dedup = app.page.getByRole('columnheader', { name: 'Deduplicated' });
    await dedup.getByRole('button').click();
    expect(await dedup.getAttribute('aria-sort')).toBe('descending');
    expect(await dateHeader.getAttribute('aria-sort')).toBe('none');

    // The time from the core's answer to painted rows, for the report.
    const requestsBefore = app.requests.filter((r) => r.method === 'archives.list').length;
    app.context.emit('config.changed', {});
    await expect.poll(() => app.requests.filter((r) => r.method === 'archives.list').length).toBeGreaterThan(requestsBefore);

    await app.page.setViewportSize({ width: 480, height: 360 });
    await dateHeader.getByRole('button').click();
    await app.screenshot('archives list');
    await app.close();
  });

  it('previews a prune with the job\'s keep rules (daily 7, weekly 4), marking each archive, and deletes nothing', async () => {
    const app = await openApp({ setup: configure, viewport: { width: 480, height: 360 } });
    // Opened from the tray's "Browse" on a job: the job is preselected.
    app.context.emit('ui.navigate', { view: 'browse', jobId: 'laptop' });
    await rows(app.page).first().waitFor({ timeout: 60_000 });
    expect(await app.page.getByLabel('Repository', { exact: true }).inputValue()).toBe('disk');
    expect(await app.page.getByLabel('Job', { exact: true }).inputValue()).toBe('laptop');

    await app.page.getByRole('button', { name: 'Preview prune' }).click();
    const expected = expectedKeep(made, KEEP);
    const counts = app.page.locator('.prune-counts');
    await counts.waitFor({ timeout: 60_000 });
    expect(await counts.textContent()).toContain(`Keeps ${expected.size}, would delete ${ARCHIVE_COUNT - expected.size}.`);
    expect(await counts.textContent()).toContain('Nothing was deleted');
    const decisions = await rows(app.page).evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-archive'), tr.getAttribute('data-decision'), tr.querySelector('.badge')?.textContent ?? null]),
    );
    expect(decisions).toEqual(
      made.map((a) => [a.name, expected.has(a.name) ? 'keep' : 'prune', expected.has(a.name) ? `Keep (${expected.get(a.name)})` : 'Would delete']),
    );
    await app.screenshot('archives prune preview');

    // Other rules, tried inline, are sent as `keep`; the job keeps its own.
    await app.page.getByText('Try other keep rules').click();
    await app.page.getByRole('radio', { name: 'Custom' }).check();
    await app.page.getByLabel('Daily', { exact: true }).fill('3');
    await app.page.getByLabel('Weekly', { exact: true }).fill('');
    await app.page.getByRole('button', { name: 'Preview prune' }).click();
    await expect.poll(() => counts.textContent(), { timeout: 60_000 }).toContain(`Keeps 3, would delete ${ARCHIVE_COUNT - 3}.`);
    expect(app.requests.filter((r) => r.method === 'prune.preview').at(-1)?.input).toEqual({ jobId: 'laptop', keep: { daily: 3 } });
    expect((await app.core.store.load()).config.jobs[0]?.prune.keep).toEqual(KEEP);
    expect(await archiveNames(access)).toHaveLength(ARCHIVE_COUNT);
    await app.close();
  });

  it('shows "no archives yet" for an empty repository and the error, with a retry, for one that cannot be read', async () => {
    const empty = join(root, 'empty');
    ensureOk(await runBorg(await locateBorg(), { args: initArgs({ encryption: 'none', makeParentDirs: true }), repository: { ...access, url: empty } }));
    const others = [
      { id: 'empty', name: 'Empty disk', url: empty },
      { id: 'gone', name: 'Unplugged disk', url: join(root, 'not-there') },
    ];
    const app = await openApp({ setup: (ready) => configure(ready, others) });
    await openArchives(app);
    const repositorySelect = app.page.getByLabel('Repository', { exact: true });
    await repositorySelect.selectOption('empty');
    await app.page.getByText('No archives yet: run a backup').waitFor({ timeout: 60_000 });
    expect(await rows(app.page).count()).toBe(0);
    expect(await app.page.getByLabel('Job', { exact: true }).inputValue()).toBe('');
    await repositorySelect.selectOption('gone');
    const alert = app.page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toMatch(/no repository at this location/);
    const listsBefore = app.requests.filter((r) => r.method === 'archives.list').length;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => app.requests.filter((r) => r.method === 'archives.list').length).toBe(listsBefore + 1);
    await repositorySelect.selectOption('disk');
    await expect.poll(() => rows(app.page).count(), { timeout: 60_000 }).toBe(ARCHIVE_COUNT);
    await app.close();
  });

  it('checks the repository on request and shows the result, buttons disabled while it runs', async () => {
    const app = await openApp({ setup: configure });
    await openArchives(app);
    await app.page.getByRole('button', { name: 'Check repository' }).click();
    expect(await app.page.getByRole('button', { name: 'Compact' }).isDisabled()).toBe(true);
    const result = app.page.locator('[data-testid="maintenance-status"] .result');
    await result.waitFor({ timeout: 90_000 });
    expect((await result.textContent())?.length).toBeGreaterThan(0);
    expect(await result.getAttribute('class')).toContain('ok');
    expect(await app.page.getByRole('button', { name: 'Check repository' }).isEnabled()).toBe(true);
    await app.screenshot('archives check result');
    await app.close();
  });

  it('deletes one archive after a confirmation naming it and saying when space comes back', async () => {
    const app = await openApp({ setup: configure, viewport: { width: 480, height: 360 } });
    await openArchives(app);
    const victim = made[12]!;
    await app.page.getByRole('button', { name: `Delete archive ${victim.name}` }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Delete this archive?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(victim.name);
    expect(await dialog.textContent()).toMatch(/space .* comes back only after the repository is compacted/);
    await app.screenshot('archives delete confirm');
    await dialog.getByRole('button', { name: 'Delete archive' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(() => rows(app.page).count(), { timeout: 30_000 }).toBe(ARCHIVE_COUNT - 1);
    expect(await app.page.locator(`tr[data-archive="${victim.name}"]`).count()).toBe(0);
    const left = await archiveNames(access);
    expect(left).toHaveLength(ARCHIVE_COUNT - 1);
    expect(left).not.toContain(victim.name);
    await app.close();
  });
});

describe('rendering many archives', () => {
  it('shows 1,000 archives by drawing only the rows near the viewport (their paint time is measured by npm run bench -- ui)', async () => {
    const app = await openApp({ setup: configure });
    // A second page of the app whose window.cairn answers archives.list with 1,000 rows, without 1,000 borg creates.
    const page = await app.page.context().newPage();
    await page.addInitScript({ content: syntheticBridge(1000) });
    await page.goto(app.page.url());
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Archives' }).click();
    await page.getByRole('heading', { name: '1,000 archives' }).waitFor();
    const rendered = await rows(page).count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(100);
    // Scrolling to the end brings the oldest archives in, the newest ones out.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(() => rows(page).last().getAttribute('aria-rowindex')).toBe('1001');
    expect(await rows(page).first().getAttribute('data-archive')).not.toBe('laptop-laptop-2024-05-29T12:00:00');
    await page.close();
    await app.close();
  });
});

/** A window.cairn (plain JS, run before the page's scripts) with a config and `count` archives. */
function syntheticBridge(count: number): string {
  const archives = Array.from({ length: count }, (_, i) => {
    const start = new Date(Date.UTC(2024, 4, 29, 12) - i * 3_600_000);
    return {
      name: `laptop-laptop-${start.toISOString().slice(0, 19)}`,
      id: i.toString(16).padStart(64, '0'),
      start: start.toISOString(),
      end: new Date(start.getTime() + 42_000).toISOString(),
      durationSeconds: 42 + (i % 17),
      nfiles: 120_000 + i,
      originalSize: 52_000_000_000 + i * 1_000_003,
      deduplicatedSize: i % 10 === 0 ? null : 1_000_000 + i * 9_999,
      jobId: 'laptop',
    };
  });
  const answers = {
    'system.info': {
      borg: { found: true, version: '1.2.4', path: '/usr/bin/borg' },
      keychain: { available: true, message: null },
      platform: 'linux',
      firstRun: false,
      configProblem: null,
      logFolder: '/tmp',
    },
    'config.get': {
      states: [{ id: 'docs', name: 'Documents', folders: ['/home/me'] }],
      repositories: [configSchema.parse({ version: CONFIG_VERSION, repositories: [{ id: 'disk', name: 'Disk', url: '/media/disk/repo' }] }).repositories[0]],
      jobs: [],
      settings: configSchema.parse({ version: CONFIG_VERSION }).settings,
    },
    'archives.list': { archives },
  };
  return `(() => {
    const answers = ${JSON.stringify(answers)};
    Object.defineProperty(window, 'cairn', { value: {
      invoke: async (method) => {
        if (!(method in answers)) throw new Error('not in this page: ' + method);
        const value = structuredClone(answers[method]);
        return value;
      },
      on: () => () => {},
    } });
  })();`;
}
