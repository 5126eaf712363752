import { randomBytes, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSourceTree } from '../support/borg-fixture.js';
import { CLI, runCairn, userEnv } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

/** A user with one state, one keychain repository and one job, ready to back up. */
async function configuredUser() {
  const home = tempDir('cairn-cli-');
  const env = userEnv(home);
  const cairn = (args: string[], input?: string) => runCairn(args, { env, input, cwd: home });
  const source = await makeSourceTree(join(home, 'src'));
  const repo = `disk-${randomUUID().slice(0, 8)}`;
  expect((await cairn(['states', 'add', 'docs', source.documents, source.pictures])).code).toBe(0);
  const added = await cairn(['repos', 'add', repo, join(home, 'repo'), '--init', '--passphrase-stdin'], 'pass phrase\n');
  expect(added.code, added.stderr).toBe(0);
  expect((await cairn(['jobs', 'add', 'laptop', '--state', 'docs', '--repo', repo, '--keep-last', '3'])).code).toBe(0);
  return { home, env, cairn, source, repo };
}

describe('cairn commands', () => {
  it('backs up with --json, lists by job and by repository, and reports status', async () => {
    const { cairn, repo } = await configuredUser();
    const created = await cairn(['backups', 'create', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const [record] = JSON.parse(created.stdout) as { outcome: string; archiveName: string; stats: { nfiles: number } }[];
    expect(record?.outcome).toBe('ok');
    expect(record?.stats.nfiles).toBe(3);
    const byJob = JSON.parse((await cairn(['backups', 'list', 'laptop', '--json'])).stdout) as { name: string }[];
    const byRepo = JSON.parse((await cairn(['backups', 'list', '--repo', repo, '--json'])).stdout) as { name: string }[];
    expect(byJob.map((a) => a.name)).toEqual([record?.archiveName]);
    expect(byRepo.map((a) => a.name)).toEqual([record?.archiveName]);
    const status = JSON.parse((await cairn(['status', '--json'])).stdout) as { jobs: { job: string; stale: boolean; lastRun: { outcome: string } }[] };
    expect(status.jobs).toMatchObject([{ job: 'laptop', stale: false, lastRun: { outcome: 'ok' } }]);
  });

  it("runs borg itself on a job's repository with its passphrase", async () => {
    const { cairn } = await configuredUser();
    await cairn(['backups', 'create', 'laptop']);
    const run = await cairn(['borg', 'laptop', '--', 'list', '--short', '::']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toMatch(/-laptop-\d{4}-/);
    const failing = await cairn(['borg', 'laptop', '--', 'info', '::no-such-archive']);
    expect(failing.code).toBe(2);
    expect(failing.stderr).toMatch(/does not exist/);
  });

  it('never overwrites an existing file on restore unless asked', async () => {
    const { cairn, source } = await configuredUser();
    await cairn(['backups', 'create', 'laptop']);
    const file = join(source.documents, 'welcome.md');
    await writeFile(file, 'edited after the backup\n');
    const keepBoth = await cairn(['backups', 'restore', 'laptop', 'latest', file]);
    expect(keepBoth.code, keepBoth.stderr).toBe(0);
    expect(await readFile(file, 'utf8')).toBe('edited after the backup\n');
    expect(await readFile(join(source.documents, 'welcome (restored).md'), 'utf8')).toBe('Hello World!\n');
    const skip = await cairn(['backups', 'restore', 'laptop', 'latest', file, '--on-conflict', 'skip']);
    expect(skip.stdout).toMatch(/skipped \(exists\)/);
    expect(await readFile(file, 'utf8')).toBe('edited after the backup\n');
    const overwrite = await cairn(['backups', 'restore', 'laptop', 'latest', file, '--on-conflict', 'overwrite']);
    expect(overwrite.stdout).toMatch(/overwritten/);
    expect(await readFile(file, 'utf8')).toBe('Hello World!\n');
  });

  it('restores under another folder with --target', async () => {
    const { cairn, source, home } = await configuredUser();
    await cairn(['backups', 'create', 'laptop']);
    const target = join(home, 'restored');
    const run = await cairn(['backups', 'restore', 'laptop', 'latest', source.pictures, '--target', target]);
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(join(target, source.pictures, 'hero.bin'))).toEqual(await readFile(join(source.pictures, 'hero.bin')));
  });

  it('exports the repository key', async () => {
    const { cairn, home, repo } = await configuredUser();
    const file = join(home, 'repo.key');
    expect((await cairn(['repos', 'key-export', repo, file])).code).toBe(0);
    expect(await readFile(file, 'utf8')).toMatch(/^BORG_KEY [0-9a-f]{64}\n/);
    expect((await cairn(['repos', 'key-export', repo, `${file}.txt`, '--paper'])).code).toBe(0);
    expect(await readFile(`${file}.txt`, 'utf8')).toContain('BORG PAPER KEY v1');
  });

  it('replaces a keychain passphrase only with one that opens the repository', async () => {
    const { cairn, repo } = await configuredUser();
    const wrong = await cairn(['repos', 'passphrase', repo, '--passphrase-stdin'], 'not it\n');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/passphrase .*wrong/i);
    expect((await cairn(['repos', 'passphrase', repo, '--passphrase-stdin'], 'pass phrase\n')).code).toBe(0);
    expect((await cairn(['backups', 'create', 'laptop'])).code).toBe(0);
  });

  it('recovers from a borg killed mid-backup: its stale lock is cleared and the next run succeeds', async () => {
    const { cairn, env, home, source } = await configuredUser();
    for (let i = 0; i < 12; i++) await writeFile(join(source.pictures, `big-${i}.bin`), randomBytes(16 * 1024 * 1024));
    const running = spawn(process.execPath, [CLI, 'backups', 'create', 'laptop', '--json'], { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    running.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => running.on('close', resolve));
    // borg writes its pid into the lock roster while it holds the repository.
    const roster = join(home, 'repo', 'lock.roster');
    let pid: number | undefined;
    for (let i = 0; i < 300 && pid === undefined; i++) {
      await new Promise((r) => setTimeout(r, 100));
      if (existsSync(roster)) pid = (JSON.parse(await readFile(roster, 'utf8').catch(() => '{}')) as { exclusive?: [string, number, number][] }).exclusive?.[0]?.[1];
    }
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    expect(await exited).toBe(2);
    expect((JSON.parse(stdout) as { outcome: string }[])[0]?.outcome).toBe('error');
    expect(existsSync(join(home, 'repo', 'lock.exclusive'))).toBe(true);
    const next = await cairn(['backups', 'create', 'laptop', '--json']);
    expect(next.code, next.stderr).toBe(0);
    expect((JSON.parse(next.stdout) as { outcome: string }[])[0]?.outcome).toBe('ok');
  }, 120_000);
});
