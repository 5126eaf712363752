import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArgs } from '../../../electron/core/borg/argv/create.js';
import { extractArgs } from '../../../electron/core/borg/argv/extract.js';
import { initArgs } from '../../../electron/core/borg/argv/init.js';
import { listArchivesArgs } from '../../../electron/core/borg/argv/list.js';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { ensureOk, runBorg } from '../../../electron/core/borg/runner.js';
import type { BorgBinary, RepositoryAccess } from '../../../electron/core/borg/types.js';

let borg: BorgBinary;
let root: string;
let source: string;
let repo: RepositoryAccess;

beforeAll(async () => {
  borg = await locateBorg();
  root = mkdtempSync(join(tmpdir(), 'cairn-cancel-'));
  source = join(root, 'data');
  mkdirSync(join(source, 'big'), { recursive: true });
  // ~200 MB of incompressible data, enough for the create to be interrupted mid-way.
  for (let i = 0; i < 8; i += 1) writeFileSync(join(source, 'big', `part${i}.bin`), randomBytes(25 * 1024 * 1024));
  repo = { url: join(root, 'repo'), encryption: 'repokey-blake2', passphrase: 'cancel me' };
  ensureOk(await runBorg(borg, { args: initArgs({ encryption: 'repokey-blake2' }), repository: repo }));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const archiveNames = async (): Promise<string[]> => {
  const result = ensureOk(await runBorg(borg, { args: listArchivesArgs({ considerCheckpoints: true }), repository: repo }));
  return (JSON.parse(result.stdout) as { archives: Array<{ name: string }> }).archives.map((a) => a.name);
};

describe('cancelling borg', () => {
  it('interrupts a create with SIGINT, which leaves a checkpoint, and a following create succeeds', async () => {
    const controller = new AbortController();
    const cancelled = await runBorg(borg, {
      args: createArgs({ archiveName: 'big', paths: ['big'], progress: true, checkpointInterval: 1, compression: 'none' }),
      repository: repo,
      cwd: source,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'archive_progress' && (event.originalSize ?? 0) > 40 * 1024 * 1024) controller.abort();
      },
    });
    expect(controller.signal.aborted).toBe(true);
    expect(cancelled.outcome).toBe('cancelled');
    expect(cancelled.exitCode).toBe(2); // borg's own exit after the first Ctrl-C, not our SIGTERM
    expect(cancelled.error?.code).toBe('interrupted');
    expect(cancelled.messages).toContainEqual(expect.objectContaining({ message: 'Got Ctrl-C / SIGINT.' }));
    expect(() => ensureOk(cancelled)).toThrow(cancelled.error);
    expect(await archiveNames()).toContain('big.checkpoint');

    const resumed = await runBorg(borg, {
      args: createArgs({ archiveName: 'big', paths: ['big'], json: true, compression: 'none' }),
      repository: repo,
      cwd: source,
    });
    expect(resumed.outcome).toBe('ok');
    expect(await archiveNames()).toContain('big');
  });

  it('stops other commands with SIGTERM at once, without waiting for the create grace period', async () => {
    const target = join(root, 'restore');
    mkdirSync(target);
    const controller = new AbortController();
    const result = await runBorg(borg, {
      args: extractArgs({ archive: 'big', progress: true }),
      repository: repo,
      cwd: target,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'progress_percent' && (event.current ?? 0) > 0) controller.abort();
      },
    });
    expect(controller.signal.aborted).toBe(true);
    expect(result.outcome).toBe('cancelled');
    expect(result.exitCode).toBe(143);
    expect(result.error?.code).toBe('interrupted');
  });

  it('does not start borg when the signal is already aborted', async () => {
    const spawned: number[] = [];
    const result = await runBorg(borg, { args: listArchivesArgs(), repository: repo, signal: AbortSignal.abort(), onSpawn: (pid) => spawned.push(pid) });
    expect(result.outcome).toBe('cancelled');
    expect(spawned).toEqual([]);
  });
});
