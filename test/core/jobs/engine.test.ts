import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { BackupEngine, type EngineEvent, type StartResult } from '../../../electron/core/jobs/engine.js';
import type { RunRecord } from '../../../electron/core/jobs/history.js';
import { archiveNames, engineFixture, PASSPHRASE } from '../../support/borg-fixture.js';

async function finished(start: StartResult): Promise<RunRecord> {
  if (!('done' in start)) throw new Error(`not started: ${start.status}`);
  return start.done;
}

describe('BackupEngine on real borg', () => {
  it('runs hooks in order around create and prune, with $archiveName and $exitStatus from the environment', async () => {
    const hookLog = 'HOOK_LOG';
    const fixture = await engineFixture([
      {
        name: 'laptop',
        prune: { keep: { last: 2 } },
        hooks: {
          preHook: `echo "pre" >> "$${hookLog}"`,
          postCreate: `echo "postCreate $archiveName" >> "$${hookLog}"`,
          postPrune: `echo "postPrune" >> "$${hookLog}"`,
          postHook: `echo "postHook $exitStatus" >> "$${hookLog}"`,
        },
      },
    ]);
    const log = join(fixture.root, 'hooks.log');
    process.env[hookLog] = log;
    try {
      const records: RunRecord[] = [];
      for (let i = 0; i < 3; i++) records.push(await finished(await fixture.engine.start('laptop')));
      expect(records.map((r) => r.outcome)).toEqual(['ok', 'ok', 'ok']);
      const last = records[2]!;
      expect(last.stats?.nfiles).toBe(3);
      expect(last.pruned).toBe(true);
      const lines = (await readFile(log, 'utf8')).trim().split('\n');
      expect(lines.slice(-4)).toEqual(['pre', `postCreate ${last.archiveName}`, 'postPrune', 'postHook 0']);
      // keep-last 2: the first archive is gone, the two newest remain.
      expect(await archiveNames(fixture.access)).toEqual(records.slice(1).map((r) => r.archiveName));
      expect((await fixture.history.recent({ jobId: 'laptop' })).map((r) => r.id)).toEqual(records.map((r) => r.id).reverse());
      // Each run keeps its own log: the steps, borg's messages and the hooks' output.
      const runLog = await readFile(last.logFile!, 'utf8');
      expect(runLog).toMatch(/--- create/);
      expect(runLog).toMatch(/--- prune/);
      expect(runLog).toContain('[postHook] exit 0');
    } finally {
      delete process.env[hookLog];
    }
  });

  it('aborts the run when the pre-hook fails, saying why, and still runs the post-hook', async () => {
    const fixture = await engineFixture([
      { name: 'laptop', hooks: { preHook: 'echo "database busy" >&2; exit 3', postHook: `echo "$exitStatus" > "${'$'}POST_HOOK_OUT"` } },
    ]);
    process.env.POST_HOOK_OUT = join(fixture.root, 'post.out');
    try {
      const record = await finished(await fixture.engine.start('laptop'));
      expect(record.outcome).toBe('error');
      expect(record.reason).toBe('preHook failed (exit 3): database busy');
      expect(record.archiveName).toBeUndefined();
      expect(await archiveNames(fixture.access)).toEqual([]);
      expect((await readFile(process.env.POST_HOOK_OUT, 'utf8')).trim()).toBe('2');
    } finally {
      delete process.env.POST_HOOK_OUT;
    }
  });

  it('backs up the rest with a warning when a source folder has vanished', async () => {
    const fixture = await engineFixture([{ name: 'laptop' }]);
    await rm(fixture.source.pictures, { recursive: true });
    const record = await finished(await fixture.engine.start('laptop'));
    expect(record.outcome).toBe('warning');
    expect(record.reason).toContain(fixture.source.pictures.slice(1));
    expect(record.stats?.nfiles).toBe(2);
    expect(await archiveNames(fixture.access)).toEqual([record.archiveName]);
  });

  it('records a wrong passphrase as an error that says so', async () => {
    const fixture = await engineFixture([{ name: 'laptop' }], { passphrase: 'not the passphrase' });
    const record = await finished(await fixture.engine.start('laptop'));
    expect(record.outcome).toBe('error');
    expect(record.errorCode).toBe('passphrase-wrong');
    expect(record.reason).toMatch(/passphrase/i);
    expect(record.hint).toBeTruthy();
    expect(await readFile(record.logFile!, 'utf8')).toMatch(/ERROR passphrase supplied .* is incorrect/);
    expect(await readFile(record.logFile!, 'utf8')).not.toContain('not the passphrase');
  });

  it('starts a job only once at a time, and queues other jobs of the same repository behind it', async () => {
    const fixture = await engineFixture([{ name: 'first' }, { name: 'second' }]);
    const events: EngineEvent[] = [];
    fixture.engine.subscribe((event) => events.push(event));
    const first = await fixture.engine.start('first');
    const again = await fixture.engine.start('first');
    const second = await fixture.engine.start('second');
    const secondAgain = await fixture.engine.start('second');
    expect(first.status).toBe('started');
    expect(again).toEqual({ status: 'already-running', message: 'first is already running.' });
    expect(second.status).toBe('queued');
    expect(secondAgain.status).toBe('already-queued');
    const [a, b] = await Promise.all([finished(first), finished(second)]);
    expect(a.outcome).toBe('ok');
    expect(b.outcome).toBe('ok');
    // The second run began after the first had ended: one borg per repository.
    expect(Date.parse(b.start)).toBeGreaterThanOrEqual(Date.parse(a.end));
    expect(events.some((e) => e.type === 'run.progress' && e.progress.jobId === 'first' && e.progress.phase === 'create')).toBe(true);
    expect(events.filter((e) => e.type === 'run.finished')).toHaveLength(2);
  });

  it('checks the repository when its check is due, and not at every run', async () => {
    let now = new Date('2026-03-01T10:00:00Z');
    const fixture = await engineFixture([{ name: 'laptop', checkFrequency: 'weekly' }], { now: () => now });
    const checkedAt = async (date: string) => {
      now = new Date(date);
      const record = await finished(await fixture.engine.start('laptop'));
      expect(record.outcome).toBe('ok');
      return record.checked;
    };
    expect(await checkedAt('2026-03-01T10:00:00Z')).toBe(false); // a brand-new repository
    expect(await checkedAt('2026-03-03T10:00:00Z')).toBe(false);
    expect(await checkedAt('2026-03-09T10:00:00Z')).toBe(true); // a week after the first backup
    expect(await checkedAt('2026-03-10T10:00:00Z')).toBe(false);
    expect(await checkedAt('2026-03-17T10:00:00Z')).toBe(true);
  });

  it('ends every run with run.finished, even when the run itself cannot be carried out', async () => {
    const fixture = await engineFixture([{ name: 'laptop' }]);
    const config = fixture.getConfig();
    let loads = 0;
    const engine = new BackupEngine({
      loadConfig: async () => {
        if (++loads > 1) throw new Error('config.json is not readable');
        return config;
      },
      history: fixture.history,
      locateBorg,
      resolvePassphrase: async () => PASSPHRASE,
      workRoot: join(fixture.root, 'work'),
      logDir: join(fixture.root, 'runs'),
    });
    const finishedEvents: EngineEvent[] = [];
    engine.subscribe((event) => event.type === 'run.finished' && finishedEvents.push(event));
    const record = await finished(await engine.start('laptop'));
    expect(record.outcome).toBe('error');
    expect(record.reason).toMatch(/config.json is not readable/);
    expect(finishedEvents).toHaveLength(1);
    expect(engine.stateOf('laptop')).toBe('idle');
  });

  it('skips, without failing, a job whose removable disk is not connected', async () => {
    const fixture = await engineFixture([{ name: 'laptop' }], { removable: true });
    await rm(fixture.access.url, { recursive: true });
    const record = await finished(await fixture.engine.start('laptop'));
    expect(record.outcome).toBe('skipped');
    expect(record.errorCode).toBe('disk-absent');
  });

  it('keeps the passphrase out of the history and the work files', async () => {
    const fixture = await engineFixture([{ name: 'laptop' }]);
    expect((await finished(await fixture.engine.start('laptop'))).outcome).toBe('ok');
    const dataDir = join(fixture.root, 'data');
    const files = await readdir(dataDir, { recursive: true, withFileTypes: true });
    const contents = await Promise.all(files.filter((f) => f.isFile()).map((f) => readFile(join(f.parentPath, f.name), 'utf8')));
    expect(contents.length).toBeGreaterThan(0);
    for (const text of contents) expect(text).not.toContain(PASSPHRASE);
  });

  it('cancels a running backup: borg keeps a checkpoint and the next run succeeds', async () => {
    const fixture = await engineFixture([{ name: 'laptop', extraCreateArgs: ['--checkpoint-interval', '1'], compression: 'none' }]);
    // Enough incompressible data that the backup is still running when it is cancelled.
    for (let i = 0; i < 40; i++) await writeFile(join(fixture.source.pictures, `big-${i}.bin`), randomBytes(8 * 1024 * 1024));
    let sawFiles = false;
    const start = await fixture.engine.start('laptop');
    await new Promise<void>((resolve) => {
      const off = fixture.engine.subscribe((event) => {
        if (event.type === 'run.progress' && (event.progress.originalSize ?? 0) > 30 * 1024 * 1024) {
          sawFiles = true;
          off();
          resolve(); // a first SIGINT makes borg create write a checkpoint before it stops
        }
      });
    });
    expect(fixture.engine.cancel('laptop')).toBe(true);
    const cancelled = await finished(start);
    expect(sawFiles).toBe(true);
    expect(cancelled.outcome).toBe('cancelled');
    expect((await archiveNames(fixture.access, true)).some((name) => name.endsWith('.checkpoint'))).toBe(true);
    const next = await finished(await fixture.engine.start('laptop'));
    expect(next.outcome).toBe('ok');
    expect(next.stats?.nfiles).toBe(43);
  }, 180_000);
});
