import { randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepository, makeSourceTree } from '../support/borg-fixture.js';
import { runCairn, userEnv } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

/** A user home with Cairn's config in it, and `cairn` bound to it. */
function user() {
  const home = tempDir('cairn-cli-');
  const env = userEnv(home);
  // Keychain entries are shared by every test in this session: give each repository its own name.
  const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
  return { home, env, unique, cairn: (args: string[], input?: string) => runCairn(args, { env, input, cwd: home }) };
}

const mounts: string[] = [];
afterEach(() => {
  while (mounts.length > 0) execFileSync('umount', [mounts.pop()!]);
});

describe('cairn on bad input', () => {
  it('rejects an invalid cron schedule, naming the field, and saves nothing', async () => {
    const { cairn, home } = user();
    await mkdir(join(home, 'docs'));
    expect((await cairn(['states', 'add', 'docs', join(home, 'docs')])).code).toBe(0);
    expect((await cairn(['repos', 'add', 'plain', join(home, 'repo'), '--init', '--encryption', 'none'])).code).toBe(0);
    const run = await cairn(['jobs', 'add', 'nightly', '--state', 'docs', '--repo', 'plain', '--schedule', 'every night']);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/jobs\[0\]\.schedule\.expression: is not a valid cron expression/);
    expect((await cairn(['jobs', 'list', '--json'])).stdout.trim()).toBe('[]');
  });

  it('refuses a duplicate name', async () => {
    const { cairn, home } = user();
    await mkdir(join(home, 'docs'));
    await cairn(['states', 'add', 'Docs', join(home, 'docs')]);
    const run = await cairn(['states', 'add', 'docs', join(home, 'docs')]);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/states\[1\]\.name: duplicate name "docs"/);
  });

  it('refuses to remove a state a job still uses, naming the job', async () => {
    const { cairn, home } = user();
    await mkdir(join(home, 'docs'));
    await cairn(['states', 'add', 'docs', join(home, 'docs')]);
    await cairn(['repos', 'add', 'plain', join(home, 'repo'), '--init', '--encryption', 'none']);
    await cairn(['jobs', 'add', 'nightly', '--state', 'docs', '--repo', 'plain']);
    const run = await cairn(['states', 'remove', 'docs']);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/nightly/);
    expect(JSON.parse((await cairn(['states', 'list', '--json'])).stdout)).toHaveLength(1);
  });

  it('keeps a corrupt config file as it is, copies it aside and says what is wrong', async () => {
    const { cairn, home } = user();
    const file = join(home, '.config/Cairn/config.json');
    await mkdir(join(home, '.config/Cairn'), { recursive: true });
    await writeFile(file, '{"version": 1, "states": [');
    const run = await cairn(['states', 'list']);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/not valid JSON/i);
    expect(run.stderr).toMatch(/config\.json\.corrupt-/);
    await mkdir(join(home, 'docs'));
    const add = await cairn(['states', 'add', 'docs', join(home, 'docs')]);
    expect(add.code).toBe(64);
    expect(await readFile(file, 'utf8')).toBe('{"version": 1, "states": [');
    expect((await readdir(join(home, '.config/Cairn'))).some((n) => n.startsWith('config.json.corrupt-'))).toBe(true);
  });

  it('says a repository path does not exist, and does not add it', async () => {
    const { cairn, home, unique } = user();
    const run = await cairn(['repos', 'add', unique('missing'), join(home, 'nowhere'), '--passphrase-stdin'], 'secret\n');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no repository at this location/i);
    expect(run.stderr).toMatch(/add --init/);
    expect((await cairn(['repos', 'list', '--json'])).stdout.trim()).toBe('[]');
  });

  it('says a folder is not a borg repository', async () => {
    const { cairn, home, unique } = user();
    await mkdir(join(home, 'photos'));
    await writeFile(join(home, 'photos/cat.jpg'), 'meow');
    const run = await cairn(['repos', 'add', unique('photos'), join(home, 'photos'), '--passphrase-stdin'], 'secret\n');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a borg repository|not a valid repository/i);
  });

  it('says a passphrase is wrong and keeps neither the repository nor the passphrase', async () => {
    const { cairn, home, unique } = user();
    const path = join(home, 'repo');
    await makeRepository(path, 'the right one');
    const name = unique('existing');
    const wrong = await cairn(['repos', 'add', name, path, '--passphrase-stdin'], 'the wrong one\n');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/passphrase/i);
    expect((await cairn(['repos', 'list', '--json'])).stdout.trim()).toBe('[]');
    const right = await cairn(['repos', 'add', name, path, '--passphrase-stdin'], 'the right one\n');
    expect(right.code, right.stderr).toBe(0);
  });

  it('says an SSH server cannot be reached, without hanging', async () => {
    const { cairn, unique } = user();
    const run = await cairn(['repos', 'add', unique('server'), 'ssh://backup@127.0.0.1:1/srv/borg', '--passphrase-stdin'], 'secret\n');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/The backup server could not be reached/);
  });

  it.skipIf(process.getuid?.() !== 0)('reports a full repository disk as such (mounts a small tmpfs: needs root)', async () => {
    const { cairn, home, unique } = user();
    const disk = join(home, 'small-disk');
    await mkdir(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12m', 'tmpfs', disk]);
    mounts.push(disk);
    const source = await makeSourceTree(join(home, 'src'));
    await writeFile(join(source.pictures, 'big.bin'), randomBytes(30 * 1024 * 1024));
    const repo = unique('small');
    await cairn(['states', 'add', 'docs', source.documents, source.pictures]);
    expect((await cairn(['repos', 'add', repo, join(disk, 'repo'), '--init', '--passphrase-stdin'], 'secret\n')).code).toBe(0);
    await cairn(['jobs', 'add', 'laptop', '--state', 'docs', '--repo', repo, '--compression', 'none']);
    const run = await cairn(['backups', 'create', 'laptop', '--json']);
    expect(run.code).toBe(2);
    const [record] = JSON.parse(run.stdout) as { outcome: string; errorCode: string; reason: string }[];
    expect(record?.outcome).toBe('error');
    expect(record?.errorCode).toBe('disk-full');
    expect(record?.reason).toMatch(/full|space/i);
  }, 120_000);
});
