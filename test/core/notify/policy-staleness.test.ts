import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, type NotificationPolicy } from '../../../electron/core/notify/index.js';
import { DAY, harness, T0, testConfig, unreachable } from './harness.js';

const HOUR = 60 * 60 * 1000;
const started: NotificationPolicy[] = [];

beforeEach(() => {
  // Date is faked too: the policy's default clock and the timers move together.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: T0 });
});
afterEach(() => {
  while (started.length > 0) started.pop()!.stop();
  vi.useRealTimers();
});

/** A harness on the fake clock (no injected `now`: the policy's default reads the faked Date). */
function staleHarness(config = testConfig()) {
  return harness({ config, now: () => new Date() });
}

async function start(policy: NotificationPolicy): Promise<void> {
  started.push(policy);
  await policy.start();
}

/** Moves the fake clock, fires what is due, and waits for the checks the timer started. */
async function advance(policy: NotificationPolicy, ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await policy.settled();
}

describe('NotificationPolicy: staleness', () => {
  it('warns once when a job has had no success for staleAfterDays, and not again', async () => {
    const h = staleHarness();
    h.state.config.jobs.splice(1); // Documents only
    await h.finish('docs-usb', 'ok');
    await start(h.policy);
    expect(h.shown).toEqual([]);
    await advance(h.policy, 3 * DAY - 1000);
    expect(h.shown).toEqual([]);
    await advance(h.policy, 1000);
    expect(h.shown).toHaveLength(1);
    expect(h.shown[0]).toMatchObject({
      kind: 'stale',
      title: 'No successful backup of Documents for 3 days',
      jobId: 'docs-usb',
      actions: [
        { id: 'retry', label: 'Back up now' },
        { id: 'open-app', label: 'Open Cairn' },
      ],
    });
    expect(h.shown[0]?.body).toMatch(/^The last one was on .+\. Check that its repository is reachable, then back up now\.$/);
    await advance(h.policy, 30 * DAY);
    await h.policy.start();
    expect(h.shown).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0); // nothing left to wait for
  });

  it('says what went wrong with the last attempt', async () => {
    const h = staleHarness();
    await h.finish('photos-nas', 'ok');
    await start(h.policy);
    await advance(h.policy, 2 * DAY);
    await h.finish('photos-nas', 'error', unreachable);
    await advance(h.policy, 1 * DAY);
    const stale = h.shown.filter((n) => n.kind === 'stale' && n.jobId === 'photos-nas');
    expect(stale.map((n) => n.body)).toEqual([`The last attempt failed: ${unreachable.reason} Check that its repository is reachable, then back up now.`]);
  });

  it('is resolved by a success: the next stale period warns again', async () => {
    const h = staleHarness();
    await h.finish('docs-usb', 'ok');
    await h.finish('photos-nas', 'ok');
    await start(h.policy);
    await advance(h.policy, 3 * DAY);
    expect(h.shown.map((n) => n.jobId)).toEqual(['docs-usb', 'photos-nas']);
    await h.finish('docs-usb', 'ok');
    await advance(h.policy, 3 * DAY - 1000);
    expect(h.shown).toHaveLength(2);
    await advance(h.policy, 1000);
    expect(h.shown.map((n) => [n.jobId, n.title])).toEqual([
      ['docs-usb', 'No successful backup of Documents for 3 days'],
      ['photos-nas', 'No successful backup of Photos for 3 days'],
      ['docs-usb', 'No successful backup of Documents for 3 days'],
    ]);
  });

  it('counts a job that never ran from when it was first seen, kept in the state file across restarts', async () => {
    const h = staleHarness();
    await start(h.policy);
    const saved = JSON.parse(await readFile(h.stateFile, 'utf8')) as { firstSeen: Record<string, string> };
    expect(saved.firstSeen).toEqual({ 'docs-usb': new Date(T0).toISOString(), 'photos-nas': new Date(T0).toISOString() });
    h.policy.stop();
    await advance(h.policy, 2 * DAY);
    const restarted = h.make();
    await start(restarted);
    await advance(restarted, DAY - 1000);
    expect(h.shown).toEqual([]);
    await advance(restarted, 1000);
    expect(h.shown.map((n) => n.title)).toEqual(['No successful backup of Documents for 3 days', 'No successful backup of Photos for 3 days']);
    expect(h.shown[0]?.body).toBe('Documents has not completed a backup yet. Check that its repository is reachable, then back up now.');
  });

  it('does not warn again after a restart in the same stale period', async () => {
    const h = staleHarness();
    await h.finish('photos-nas', 'ok');
    await start(h.policy);
    await advance(h.policy, 4 * DAY);
    expect(h.shown).toHaveLength(2);
    h.policy.stop();
    const restarted = h.make();
    await start(restarted);
    expect(h.shown).toHaveLength(2);
  });

  it('arms one timer, for the job that becomes stale first, and re-arms it for the next', async () => {
    const h = staleHarness();
    await h.finish('docs-usb', 'ok');
    await advance(h.policy, 10 * HOUR);
    await h.finish('photos-nas', 'ok');
    await start(h.policy);
    expect(vi.getTimerCount()).toBe(1);
    await advance(h.policy, 3 * DAY - 10 * HOUR);
    expect(h.shown.map((n) => n.jobId)).toEqual(['docs-usb']);
    expect(vi.getTimerCount()).toBe(1);
    await advance(h.policy, 10 * HOUR - 1000);
    expect(h.shown).toHaveLength(1);
    await advance(h.policy, 1000);
    expect(h.shown.map((n) => n.jobId)).toEqual(['docs-usb', 'photos-nas']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('re-arms the timer after a run that resolves a stale job (none was armed while it was stale)', async () => {
    const h = staleHarness();
    h.state.config.jobs.splice(1);
    await start(h.policy);
    await advance(h.policy, 3 * DAY);
    expect(h.shown).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
    await h.finish('docs-usb', 'ok');
    expect(vi.getTimerCount()).toBe(1);
    await advance(h.policy, 3 * DAY);
    expect(h.shown.map((n) => n.kind)).toEqual(['stale', 'stale']);
  });

  it('re-arms the timer after a run: a success pushes the warning back', async () => {
    const h = staleHarness();
    h.state.config.jobs.splice(1);
    await h.finish('docs-usb', 'ok');
    await start(h.policy);
    await advance(h.policy, 2 * DAY);
    await h.finish('docs-usb', 'ok');
    expect(vi.getTimerCount()).toBe(1);
    await advance(h.policy, 2 * DAY);
    expect(h.shown).toEqual([]);
    await advance(h.policy, DAY);
    expect(h.shown).toHaveLength(1);
  });

  it("clamps a wait longer than setTimeout's limit and re-arms when it ends", async () => {
    const h = staleHarness(testConfig({ staleAfterDays: 40 }));
    h.state.config.jobs.splice(1);
    await h.finish('docs-usb', 'ok');
    await start(h.policy);
    expect(vi.getTimerCount()).toBe(1);
    await advance(h.policy, MAX_TIMER_MS);
    expect(h.shown).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    await advance(h.policy, 40 * DAY - MAX_TIMER_MS);
    expect(h.shown.map((n) => n.title)).toEqual(['No successful backup of Documents for 40 days']);
  });

  it('gives a weekly job a week and a day, and never warns about a manual job', async () => {
    const h = staleHarness(
      testConfig({}, [
        { id: 'weekly', name: 'Weekly', stateIds: ['docs'], repositoryId: 'nas', schedule: { kind: 'preset', preset: 'weekly' } },
        { id: 'by-hand', name: 'By hand', stateIds: ['docs'], repositoryId: 'nas', schedule: { kind: 'manual' } },
      ]),
    );
    h.state.config.jobs.splice(0, 2);
    await start(h.policy);
    await advance(h.policy, 8 * DAY - 1000);
    expect(h.shown).toEqual([]);
    await advance(h.policy, 1000);
    await advance(h.policy, 60 * DAY);
    expect(h.shown.map((n) => n.title)).toEqual(['No successful backup of Weekly for 8 days']);
  });

  it('stop() clears the timer: nothing fires afterwards', async () => {
    const h = staleHarness();
    await start(h.policy);
    expect(vi.getTimerCount()).toBe(1);
    h.policy.stop();
    expect(vi.getTimerCount()).toBe(0);
    await advance(h.policy, 10 * DAY);
    expect(h.shown).toEqual([]);
  });

  it('arms no timer before start(), even when runs finish', async () => {
    const h = staleHarness();
    await h.finish('docs-usb', 'error', unreachable);
    expect(h.shown).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
