import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBorgRsh, shellQuote } from '../../../electron/core/borg/rsh.js';
import { tempDir } from '../../support/temp-dir.js';

// borg splits BORG_RSH with Python's shlex.split: test against the real thing.
function shlexSplit(command: string): string[] {
  const out = execFileSync('python3', ['-c', 'import json, shlex, sys; print(json.dumps(shlex.split(sys.argv[1])))', command], { encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('BatchMode=yes')).toBe('BatchMode=yes');
    expect(shellQuote('/a b')).toBe("'/a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shlexSplit(`x ${shellQuote("it's a $HOME `x`")}`)).toEqual(['x', "it's a $HOME `x`"]);
  });
});

describe('buildBorgRsh', () => {
  it('builds the non-interactive ssh command with keepalives', () => {
    expect(buildBorgRsh()).toBe('ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -o ServerAliveInterval=10 -o ServerAliveCountMax=30');
  });

  it('adds the pinned known_hosts and the key with IdentitiesOnly', () => {
    expect(buildBorgRsh({ keyFile: '/home/me/.config/cairn/id_ed25519', knownHostsFile: '/home/me/.config/cairn/known_hosts' })).toBe(
      'ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=/home/me/.config/cairn/known_hosts ' +
        '-i /home/me/.config/cairn/id_ed25519 -o IdentitiesOnly=yes -o ServerAliveInterval=10 -o ServerAliveCountMax=30',
    );
  });

  it('survives shlex and ssh with spaces and quotes in the key and known_hosts paths', () => {
    const dir = tempDir("cairn rsh it's ");
    const keyFile = join(dir, "my key's file");
    const knownHostsFile = join(dir, 'known hosts "pinned"');
    writeFileSync(keyFile, 'not really a key\n', { mode: 0o600 });
    writeFileSync(knownHostsFile, '');
    const argv = shlexSplit(buildBorgRsh({ keyFile, knownHostsFile }));
    expect(argv).toEqual([
      'ssh', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes',
      '-o', `UserKnownHostsFile="${knownHostsFile.replaceAll('"', '\\"')}"`,
      '-i', keyFile, '-o', 'IdentitiesOnly=yes', '-o', 'ServerAliveInterval=10', '-o', 'ServerAliveCountMax=30',
    ]);
    // `ssh -G` prints the configuration ssh would use, without connecting.
    const config = execFileSync(argv[0] ?? 'ssh', [...argv.slice(1), '-G', 'backup.example'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(config).toContain(`userknownhostsfile ${knownHostsFile}\n`);
    expect(config).toContain(`identityfile ${keyFile}\n`);
    expect(config).toContain('batchmode yes\n');
    expect(config).toContain('stricthostkeychecking true\n');
  });

  it('refuses a key path with % (ssh would expand it as a token)', () => {
    expect(() => buildBorgRsh({ keyFile: '/home/me/100%key' })).toThrow(RangeError);
  });
});
