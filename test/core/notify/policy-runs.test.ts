import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { harness, passphraseWrong, testConfig, unreachable } from './harness.js';

describe('NotificationPolicy: failed runs', () => {
  it('tells once which job failed, why and what to do, with open-log and retry', async () => {
    const h = harness();
    const record = await h.finish('photos-nas', 'error', passphraseWrong);
    expect(h.shown).toEqual([
      {
        key: 'failure:photos-nas:passphrase-wrong',
        kind: 'failure',
        title: 'Backup of Photos failed',
        body: `${passphraseWrong.reason} ${passphraseWrong.hint}`,
        jobId: 'photos-nas',
        runId: record.id,
        actions: [
          { id: 'open-log', label: 'Open log' },
          { id: 'retry', label: 'Try again' },
        ],
      },
    ]);
  });

  it('does not repeat the same failure, but tells a different failure of the same job', async () => {
    const h = harness();
    await h.finish('photos-nas', 'error', passphraseWrong);
    h.clock.t += 60 * 60 * 1000;
    await h.finish('photos-nas', 'error', passphraseWrong);
    expect(h.shown).toHaveLength(1);
    h.clock.t += 60 * 60 * 1000;
    await h.finish('photos-nas', 'error', unreachable);
    expect(h.shown.map((n) => n.key)).toEqual(['failure:photos-nas:passphrase-wrong', 'failure:photos-nas:host-unreachable']);
  });

  it('treats reasons without an error code that differ only in numbers as the same problem', async () => {
    const h = harness();
    await h.finish('photos-nas', 'error', { reason: 'The backup failed (exit 2)' });
    await h.finish('photos-nas', 'error', { reason: 'The backup failed (exit 3)' });
    await h.finish('photos-nas', 'error', { reason: 'preHook failed: exit 1' });
    expect(h.shown.map((n) => n.body)).toEqual([
      'The backup failed (exit 2). Open the log to see what happened.',
      'preHook failed: exit 1. Open the log to see what happened.',
    ]);
  });

  it('keeps failures of different jobs apart', async () => {
    const h = harness();
    await h.finish('photos-nas', 'error', unreachable);
    await h.finish('docs-usb', 'error', unreachable);
    expect(h.shown.map((n) => n.title)).toEqual(['Backup of Photos failed', 'Backup of Documents failed']);
  });

  it('a success resolves the failure, so the same failure later is told again', async () => {
    const h = harness();
    await h.finish('photos-nas', 'error', unreachable);
    h.clock.t += 60 * 60 * 1000;
    await h.finish('photos-nas', 'ok');
    h.clock.t += 60 * 60 * 1000;
    await h.finish('photos-nas', 'error', unreachable);
    expect(h.shown.map((n) => n.kind)).toEqual(['failure', 'failure']);
  });

  it('a run with warnings also resolves a failure (it made an archive)', async () => {
    const h = harness();
    await h.finish('photos-nas', 'error', unreachable);
    h.clock.t += 60 * 60 * 1000;
    await h.finish('photos-nas', 'warning', { reason: 'The backup finished with 1 warning(s): /home/ann/Pictures/x: permission denied' });
    h.clock.t += 60 * 60 * 1000;
    await h.finish('photos-nas', 'error', unreachable);
    expect(h.shown.map((n) => n.kind)).toEqual(['failure', 'warning', 'failure']);
  });
});

describe('NotificationPolicy: warnings, disks, cancels, successes', () => {
  const unreadable = (count: number, path = '/home/ann/Documents/locked.txt') => ({
    reason: `The backup finished with ${count} warning(s): ${path}: open: [Errno 13] Permission denied`,
  });

  it('tells a warning once per distinct reason, in the words of the record', async () => {
    const h = harness();
    await h.finish('docs-usb', 'warning', unreadable(1));
    await h.finish('docs-usb', 'warning', unreadable(4));
    await h.finish('docs-usb', 'warning', unreadable(1, '/home/ann/Documents/other.db'));
    expect(h.shown).toHaveLength(2);
    expect(h.shown[0]).toMatchObject({
      kind: 'warning',
      title: 'Backup of Documents finished with warnings',
      body: `${unreadable(1).reason}. Open the log to see the details.`,
      actions: [{ id: 'open-log', label: 'Open log' }],
    });
  });

  it('only a clean run resolves a warning', async () => {
    const h = harness();
    await h.finish('docs-usb', 'warning', unreadable(1));
    h.clock.t += 60_000;
    await h.finish('docs-usb', 'error', unreachable);
    h.clock.t += 60_000;
    await h.finish('docs-usb', 'warning', unreadable(1));
    expect(h.shown.map((n) => n.kind)).toEqual(['warning', 'failure']);
    h.clock.t += 60_000;
    await h.finish('docs-usb', 'ok');
    h.clock.t += 60_000;
    await h.finish('docs-usb', 'warning', unreadable(1));
    expect(h.shown.map((n) => n.kind)).toEqual(['warning', 'failure', 'warning']);
  });

  it('says nothing about a run the user cancelled', async () => {
    const h = harness();
    await h.finish('docs-usb', 'cancelled', { reason: 'The backup was cancelled' });
    expect(h.shown).toEqual([]);
  });

  it('asks once for the missing disk, by name, until the job next succeeds', async () => {
    const h = harness();
    const skipped = { reason: 'the disk of USB disk is not connected (/media/ann/usb/cairn)', hint: 'Connect the disk; the backup runs when it is due again.', errorCode: 'disk-absent' };
    await h.finish('docs-usb', 'skipped', skipped);
    await h.finish('docs-usb', 'skipped', skipped);
    expect(h.shown).toHaveLength(1);
    expect(h.shown[0]).toMatchObject({ key: 'disk-needed:docs-usb', kind: 'disk-needed', title: 'Connect USB disk to back up Documents' });
    expect(h.shown[0]?.body).toContain('not connected');
    h.clock.t += 60_000;
    await h.finish('docs-usb', 'ok');
    h.clock.t += 60_000;
    await h.finish('docs-usb', 'skipped', skipped);
    expect(h.shown.map((n) => n.kind)).toEqual(['disk-needed', 'disk-needed']);
  });

  it('says nothing about a success unless notifyOnSuccess is on (off by default)', async () => {
    const h = harness();
    expect(h.state.config.settings.notifyOnSuccess).toBe(false);
    await h.finish('docs-usb', 'ok', { stats: { nfiles: 12, originalSize: 9e6, compressedSize: 8e6, deduplicatedSize: 5_200_000, durationSeconds: 3 } });
    expect(h.shown).toEqual([]);
  });

  it('tells every success when notifyOnSuccess is on, with files and new data, and never remembers it', async () => {
    const h = harness({ config: testConfig({ notifyOnSuccess: true }) });
    const stats = { nfiles: 12, originalSize: 9e6, compressedSize: 8e6, deduplicatedSize: 5_200_000, durationSeconds: 3 };
    await h.finish('docs-usb', 'ok', { stats });
    await h.finish('docs-usb', 'ok', { stats: { ...stats, nfiles: 1, deduplicatedSize: 0 } });
    expect(h.shown.map((n) => [n.kind, n.title, n.body])).toEqual([
      ['success', 'Documents backed up', '12 files, 5.2 MB new.'],
      ['success', 'Documents backed up', '1 file, 0 B new.'],
    ]);
    const saved = JSON.parse(await readFile(h.stateFile, 'utf8')) as { active: Record<string, unknown> };
    expect(saved.active).toEqual({});
  });
});

describe('NotificationPolicy: memory across restarts', () => {
  it('does not repeat a problem already told before a restart', async () => {
    const h = harness();
    await h.finish('photos-nas', 'error', unreachable);
    const restarted = h.make();
    await restarted.start();
    h.clock.t += 60 * 60 * 1000;
    await h.finish('photos-nas', 'error', unreachable, restarted);
    restarted.stop();
    expect(h.shown).toHaveLength(1);
    const saved = JSON.parse(await readFile(h.stateFile, 'utf8')) as { active: Record<string, { jobId: string; kind: string }> };
    expect(saved.active['failure:photos-nas:host-unreachable']).toMatchObject({ jobId: 'photos-nas', kind: 'failure' });
  });

  it('forgets a problem resolved by a run it did not see (a CLI backup while the app was closed)', async () => {
    const h = harness();
    await h.finish('photos-nas', 'error', unreachable);
    h.clock.t += 60 * 60 * 1000;
    await h.history.append({ ...(await h.history.recent({ limit: 1 }))[0]!, id: 'cli-run', trigger: 'cli', outcome: 'ok', end: new Date(h.clock.t).toISOString() });
    const restarted = h.make();
    await restarted.start();
    restarted.stop();
    h.clock.t += 60 * 60 * 1000;
    await h.finish('photos-nas', 'error', unreachable, restarted);
    expect(h.shown.map((n) => n.kind)).toEqual(['failure', 'failure']);
  });

  it('starts afresh from a corrupt state file and overwrites it', async () => {
    const h = harness();
    await writeFile(h.stateFile, '{"version": 1, "active": {"half');
    await h.finish('photos-nas', 'error', unreachable);
    expect(h.shown).toHaveLength(1);
    const saved = JSON.parse(await readFile(h.stateFile, 'utf8')) as { version: number; active: Record<string, unknown> };
    expect(saved.version).toBe(1);
    expect(Object.keys(saved.active)).toEqual(['failure:photos-nas:host-unreachable']);
  });

  it('starts afresh from a state file of the wrong shape', async () => {
    const h = harness();
    await writeFile(h.stateFile, JSON.stringify({ version: 7, active: [] }));
    await h.policy.start();
    h.policy.stop();
    const saved = JSON.parse(await readFile(h.stateFile, 'utf8')) as { version: number; firstSeen: Record<string, string> };
    expect(saved.version).toBe(1);
    expect(Object.keys(saved.firstSeen).sort()).toEqual(['docs-usb', 'photos-nas']);
  });

  it('forgets the notices of a job that was deleted from the config', async () => {
    const h = harness();
    await h.finish('photos-nas', 'error', unreachable);
    h.state.config = { ...h.state.config, jobs: h.state.config.jobs.filter((j) => j.id !== 'photos-nas') };
    await h.policy.start();
    h.policy.stop();
    const saved = JSON.parse(await readFile(h.stateFile, 'utf8')) as { active: Record<string, unknown>; firstSeen: Record<string, string> };
    expect(saved.active).toEqual({});
    expect(Object.keys(saved.firstSeen)).toEqual(['docs-usb']);
  });
});
