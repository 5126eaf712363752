import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepository } from '../support/borg-fixture.js';
import { runCairnInProcess } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx1b3JlbWlwc3VtZG9sb3JzaXRhbWV0Y29uc2VjdGV0dXI alice@laptop';

/** Runs `cairn ARGS…` in this process with a config of its own. */
const cairn = (args: string[]) => runCairnInProcess(['--config', join(tempDir(), 'config.json'), ...args]);

afterEach(() => {
  process.exitCode = undefined;
});

describe('cairn server', () => {
  it('add-client writes one restricted line, creates the directory 0700 and is idempotent', async () => {
    const root = tempDir();
    const authorizedKeys = join(root, 'home', '.ssh', 'authorized_keys');
    const path = join(root, 'srv', 'alice');
    const args = ['server', 'add-client', 'alice', '--key', KEY, '--path', path, '--append-only', '--quota', '500G', '--authorized-keys', authorizedKeys, '--borg', '/usr/bin/borg'];
    const first = await cairn(args);
    expect(first.code, first.stderr).toBe(0);
    const line = `command="/usr/bin/borg serve --restrict-to-path ${path} --append-only --storage-quota 500G",restrict ${KEY.replace('alice@laptop', 'alice')}`;
    expect(readFileSync(authorizedKeys, 'utf8')).toBe(`${line}\n`);
    expect(statSync(path).mode & 0o777).toBe(0o700);
    expect(statSync(authorizedKeys).mode & 0o777).toBe(0o600);
    expect(statSync(path).uid).toBe(process.getuid?.());
    const second = await cairn(args);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/already set up/);
    expect(readFileSync(authorizedKeys, 'utf8')).toBe(`${line}\n`);
  });

  it('add-client reads a .pub file and keeps unusual existing lines byte for byte', async () => {
    const root = tempDir();
    const authorizedKeys = join(root, 'authorized_keys');
    const existing = Buffer.concat([Buffer.from('# mine\r\nno-pty ssh-ed25519 AAAAC3Nz bob\n'), Buffer.from([0xff, 0x0a]), Buffer.from('last line no newline')]);
    writeFileSync(authorizedKeys, existing, { mode: 0o644 });
    writeFileSync(join(root, 'alice.pub'), `${KEY}\n`);
    const added = await cairn(['server', 'add-client', 'alice', '--key', join(root, 'alice.pub'), '--path', join(root, 'alice'), '--authorized-keys', authorizedKeys, '--borg', '/usr/bin/borg']);
    expect(added.code, added.stderr).toBe(0);
    const after = readFileSync(authorizedKeys);
    expect(after.subarray(0, existing.length).equals(existing)).toBe(true);
    expect(after.subarray(existing.length).toString()).toMatch(/^\ncommand="\/usr\/bin\/borg serve --restrict-to-path \S+",restrict ssh-ed25519 \S+ alice\n$/);
    expect(statSync(authorizedKeys).mode & 0o777).toBe(0o644);
  });

  it('add-client refuses bad input with a clear message and changes nothing', async () => {
    const root = tempDir();
    const authorizedKeys = join(root, 'authorized_keys');
    const quoted = await cairn(['server', 'add-client', 'alice', '--key', KEY, '--path', `${root}/a"b`, '--authorized-keys', authorizedKeys, '--borg', '/usr/bin/borg']);
    expect(quoted.code).toBe(2);
    expect(quoted.stderr).toMatch(/must not contain quotes/);
    const badQuota = await cairn(['server', 'add-client', 'alice', '--key', KEY, '--path', join(root, 'a'), '--quota', '5G;rm', '--authorized-keys', authorizedKeys, '--borg', '/usr/bin/borg']);
    expect(badQuota.code).toBe(2);
    expect(badQuota.stderr).toMatch(/quota/);
    const notAKey = await cairn(['server', 'add-client', 'alice', '--key', join(root, 'missing.pub'), '--path', join(root, 'a'), '--authorized-keys', authorizedKeys]);
    expect(notAKey.code).toBe(2);
    expect(() => statSync(authorizedKeys)).toThrow();
  });

  it('list shows path, size and last backup, and flags clients that stopped backing up', async () => {
    const root = tempDir();
    const authorizedKeys = join(root, 'authorized_keys');
    const active = join(root, 'active');
    const stopped = join(root, 'stopped');
    const other = KEY.replace('IGx1b3Jl', 'IGx1b3JF');
    expect((await cairn(['server', 'add-client', 'active', '--key', KEY, '--path', active, '--append-only', '--authorized-keys', authorizedKeys, '--borg', '/usr/bin/borg'])).code).toBe(0);
    expect((await cairn(['server', 'add-client', 'stopped', '--key', other, '--path', stopped, '--quota', '1G', '--authorized-keys', authorizedKeys, '--borg', '/usr/bin/borg'])).code).toBe(0);
    await makeRepository(join(active, 'repo'));
    await makeRepository(stopped);
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    const age = (dir: string) => {
      for (const name of readdirSync(dir).filter((n) => /^(hints|integrity|index)\.\d+$/.test(n))) utimesSync(join(dir, name), tenDaysAgo, tenDaysAgo);
    };
    age(stopped);

    const listed = await cairn(['--json', 'server', 'list', '--authorized-keys', authorizedKeys]);
    expect(listed.code, listed.stderr).toBe(0);
    const clients = JSON.parse(listed.stdout) as { name: string; path: string; appendOnly: boolean; quota: string | null; sizeBytes: number; lastActivity: string | null; stale: boolean }[];
    expect(clients.map((c) => [c.name, c.path, c.appendOnly, c.quota, c.stale])).toEqual([
      ['active', active, true, null, false],
      ['stopped', stopped, false, '1G', true],
    ]);
    expect(clients[0]?.sizeBytes).toBeGreaterThan(1000);
    expect(Date.now() - Date.parse(clients[0]?.lastActivity ?? '')).toBeLessThan(120_000);
    expect(Math.abs(Date.parse(clients[1]?.lastActivity ?? '') - tenDaysAgo.getTime())).toBeLessThan(1000);

    const relaxed = await cairn(['--json', 'server', 'list', '--authorized-keys', authorizedKeys, '--stale-days', '30']);
    expect((JSON.parse(relaxed.stdout) as { stale: boolean }[]).map((c) => c.stale)).toEqual([false, false]);
    const text = await cairn(['server', 'list', '--authorized-keys', authorizedKeys]);
    expect(text.stdout).toMatch(/stopped .*10 days ago.*STALE/);
    expect(text.stdout).toMatch(/active .*append-only/);
  });
});
