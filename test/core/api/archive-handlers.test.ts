import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArgs } from '../../../electron/core/borg/argv/create.js';
import { initArgs } from '../../../electron/core/borg/argv/init.js';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { ensureOk, runBorg } from '../../../electron/core/borg/runner.js';
import type { RepositoryAccess } from '../../../electron/core/borg/types.js';
import { validateConfig } from '../../../electron/core/config/validate.js';
import type { RunRecord } from '../../../electron/core/jobs/run-record.js';
import { archiveNames, makeSourceTree } from '../../support/borg-fixture.js';
import { testRouter, type TestRouter } from '../../support/router-context.js';

// One repository for the whole file (each borg run costs about a second): 14 archives of the job
// "daily" spread over ten weeks, and one archive no job made.
const stamps = [
  '2024-01-10T09:00:00',
  '2024-02-14T09:00:00',
  '2024-02-21T09:00:00',
  '2024-02-28T09:00:00',
  '2024-03-06T09:00:00',
  '2024-03-13T09:00:00',
  '2024-03-14T09:00:00',
  '2024-03-15T09:00:00',
  '2024-03-16T09:00:00',
  '2024-03-17T09:00:00',
  '2024-03-18T09:00:00',
  '2024-03-19T09:00:00',
  '2024-03-20T09:00:00',
  '2024-03-20T18:00:00',
];
const archiveOf = (stamp: string) => `${hostname()}-daily-${stamp}`;
const foreign = 'another-laptop-2024-03-21';

let root: string;
let router: TestRouter;
let access: RepositoryAccess;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cairn-archives-'));
  const source = join(root, 'src');
  await makeSourceTree(source);
  // Unencrypted: no key derivation, so the 15 creates below cost less.
  access = { url: join(root, 'repo'), encryption: 'none', passphrase: null };
  const borg = await locateBorg();
  ensureOk(await runBorg(borg, { args: initArgs({ encryption: 'none' }), repository: access }));
  for (const [name, stamp] of [...stamps.map((s) => [archiveOf(s), s]), [foreign, '2024-03-21T08:00:00']] as const) {
    ensureOk(await runBorg(borg, { args: createArgs({ archiveName: name, paths: ['documents'], extraArgs: ['--timestamp', stamp] }), repository: access, cwd: source }));
  }
  router = testRouter({ root: join(root, 'cairn') });
  await router.core.store.save(
    validateConfig({
      version: 1,
      states: [{ id: 'docs', name: 'Docs', folders: [join(source, 'documents')] }],
      repositories: [{ id: 'usb', name: 'USB disk', url: access.url, encryption: 'none', passphrase: { source: 'none' } }],
      jobs: [{ id: 'daily', name: 'Daily', stateIds: ['docs'], repositoryId: 'usb', prune: { keep: { daily: 7, weekly: 3 } } }],
    }),
  );
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('archives.list', () => {
  it('lists every archive newest first with times, sizes and the job that made it, and answers again from its cache', async () => {
    const first = await router.invoke('archives.list', { repositoryId: 'usb' });
    expect(first.archives.map((a) => a.name)).toEqual([foreign, ...stamps.map(archiveOf).reverse()]);
    expect(first.archives[0]).toMatchObject({ start: '2024-03-21T08:00:00.000Z', end: '2024-03-21T08:00:00.000Z', nfiles: 2, jobId: null });
    expect(first.archives[1]).toMatchObject({ name: archiveOf('2024-03-20T18:00:00'), jobId: 'daily' });
    for (const row of first.archives) {
      expect(row.originalSize).toBeGreaterThan(30);
      expect(row.deduplicatedSize).not.toBeNull();
      expect(row.durationSeconds).not.toBeNull();
    }
    const second = await router.invoke('archives.list', { repositoryId: 'usb' });
    expect(second).toEqual(first);
  });

  it('keeps to one job when asked, and refuses a job of another repository or none', async () => {
    const { archives } = await router.invoke('archives.list', { repositoryId: 'usb', jobId: 'daily' });
    expect(archives).toHaveLength(stamps.length);
    expect(archives.every((a) => a.jobId === 'daily')).toBe(true);
    await expect(router.invoke('archives.list', { repositoryId: 'usb', jobId: 'weekly' })).rejects.toThrow(/no job with id "weekly"/);
    await expect(router.invoke('archives.list', { repositoryId: 'nas' })).rejects.toThrow(/no repository with id "nas"/);
  });

  it("gives the dashboard the repository's figures, measured by the listing, without running borg in status.get", async () => {
    const { jobs } = await router.invoke('status.get', {});
    const stats = jobs.find((j) => j.id === 'daily')?.repositoryStats;
    expect(stats?.archiveCount).toBe(stamps.length + 1);
    expect(stats?.originalSize).toBeGreaterThan(30 * (stamps.length + 1));
    expect(stats?.deduplicatedSize).toBeGreaterThan(0);
  });
});

describe('prune.preview', () => {
  it("shows what the job's keep rules keep (and by which rule) and prune, and deletes nothing", async () => {
    const { archives } = await router.invoke('prune.preview', { jobId: 'daily' });
    const byStamp = new Map(archives.map((a) => [a.start.slice(0, 16), a]));
    expect(archives).toHaveLength(stamps.length);
    expect(archives.map((a) => a.name)).not.toContain(foreign);
    expect(byStamp.get('2024-03-20T18:00')).toMatchObject({ decision: 'keep', rule: 'daily #1' });
    expect(byStamp.get('2024-03-20T09:00')).toMatchObject({ decision: 'prune', rule: null });
    expect(byStamp.get('2024-03-14T09:00')).toMatchObject({ decision: 'keep', rule: 'daily #7' });
    expect(byStamp.get('2024-03-13T09:00')).toMatchObject({ decision: 'prune' });
    expect(byStamp.get('2024-03-06T09:00')).toMatchObject({ decision: 'keep', rule: 'weekly #1' });
    expect(byStamp.get('2024-02-21T09:00')).toMatchObject({ decision: 'keep', rule: 'weekly #3' });
    expect(archives.filter((a) => a.decision === 'prune').map((a) => a.start.slice(0, 10))).toEqual(['2024-03-20', '2024-03-13', '2024-02-14', '2024-01-10']);
    expect(await archiveNames(access)).toHaveLength(stamps.length + 1);
  });

  it('previews rules being edited instead of the saved ones; with no rule at all it keeps everything', async () => {
    const last = await router.invoke('prune.preview', { jobId: 'daily', keep: { last: 3 } });
    expect(last.archives.filter((a) => a.decision === 'keep').map((a) => a.rule)).toEqual(['last #1', 'last #2', 'last #3']);
    expect(last.archives.filter((a) => a.decision === 'prune')).toHaveLength(stamps.length - 3);
    const none = await router.invoke('prune.preview', { jobId: 'daily', keep: {} });
    expect(none.archives).toHaveLength(stamps.length);
    expect(none.archives.every((a) => a.decision === 'keep' && a.rule === null)).toBe(true);
    expect(none.archives[0]?.start).toBe('2024-03-20T18:00:00.000Z');
    expect(await archiveNames(access)).toHaveLength(stamps.length + 1);
  });
});

describe('archives.delete', () => {
  it('deletes one archive, forgets it, and answers deleted: false for one that is not there', async () => {
    expect(await router.invoke('archives.delete', { repositoryId: 'usb', archiveName: foreign })).toEqual({ deleted: true });
    expect(await archiveNames(access)).not.toContain(foreign);
    const { archives } = await router.invoke('archives.list', { repositoryId: 'usb' });
    expect(archives.map((a) => a.name)).not.toContain(foreign);
    const { jobs } = await router.invoke('status.get', {});
    expect(jobs[0]?.repositoryStats?.archiveCount).toBe(stamps.length);
    expect(await router.invoke('archives.delete', { repositoryId: 'usb', archiveName: foreign })).toEqual({ deleted: false });
    await expect(router.invoke('archives.delete', { repositoryId: 'usb', archiveName: 'a/b' })).rejects.toThrow(/must not contain/);
  });
});

describe('runs.log', () => {
  function record(id: string, logFile?: string): RunRecord {
    const at = new Date().toISOString();
    return { id, jobId: 'daily', repositoryId: 'usb', trigger: 'manual', start: at, end: at, outcome: 'ok', logFile, pruned: false, checked: false, messages: [] };
  }

  it("returns a run's log as lines, only the last 5,000 with a first line saying so, and nothing for a run without one", async () => {
    const logs = join(root, 'logs');
    await mkdir(logs);
    writeFileSync(join(logs, 'short.log'), '--- create\n2024 WARNING x: permission denied\n');
    writeFileSync(join(logs, 'long.log'), `${Array.from({ length: 6000 }, (_, i) => `line ${i + 1}`).join('\n')}\n`);
    await router.core.history.append(record('short', join(logs, 'short.log')));
    await router.core.history.append(record('long', join(logs, 'long.log')));
    await router.core.history.append(record('no-log'));
    await router.core.history.append(record('log-gone', join(logs, 'removed.log')));

    expect(await router.invoke('runs.log', { runId: 'short' })).toEqual({ lines: ['--- create', '2024 WARNING x: permission denied'], file: join(logs, 'short.log') });
    const long = await router.invoke('runs.log', { runId: 'long' });
    expect(long.lines).toHaveLength(5001);
    expect(long.lines[0]).toMatch(/^… 1000 earlier lines are not shown; the whole log is in .*long\.log$/);
    expect(long.lines[1]).toBe('line 1001');
    expect(long.lines.at(-1)).toBe('line 6000');
    expect(await router.invoke('runs.log', { runId: 'no-log' })).toEqual({ lines: [], file: null });
    expect(await router.invoke('runs.log', { runId: 'log-gone' })).toEqual({ lines: [], file: null });
    await expect(router.invoke('runs.log', { runId: 'nope' })).rejects.toThrow(/no run with id "nope"/);
  });
});
