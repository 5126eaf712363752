import { execFile } from 'node:child_process';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ensureCairnKeyPair, isPassphraseProtected } from '../../../electron/core/ssh/keys.js';
import { tempDir } from '../../support/temp-dir.js';

const run = promisify(execFile);

describe('ensureCairnKeyPair', () => {
  it('creates an OpenSSH ed25519 pair: private key 0600 that ssh-keygen reads, matching .pub', async () => {
    const dir = join(tempDir(), 'ssh');
    const pair = await ensureCairnKeyPair({ dir, comment: 'cairn@test' });
    expect(pair.created).toBe(true);
    expect((await stat(pair.privateKeyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(pair.publicKey).toMatch(/^ssh-ed25519 AAAA\S+ cairn@test$/);
    expect((await readFile(pair.publicKeyFile, 'utf8')).trim()).toBe(pair.publicKey);
    const { stdout } = await run('ssh-keygen', ['-y', '-f', pair.privateKeyFile]);
    expect(stdout.trim().split(' ').slice(0, 2)).toEqual(pair.publicKey.split(' ').slice(0, 2));
    expect(await isPassphraseProtected(pair.privateKeyFile)).toBe(false);
  });

  it('reuses an existing pair instead of making a new key, and rebuilds a lost .pub', async () => {
    const dir = tempDir();
    const first = await ensureCairnKeyPair({ dir });
    const again = await ensureCairnKeyPair({ dir });
    expect(again.created).toBe(false);
    expect(again.publicKey).toBe(first.publicKey);
    await rm(first.publicKeyFile);
    const rebuilt = await ensureCairnKeyPair({ dir });
    expect(rebuilt.publicKey.split(' ').slice(0, 2)).toEqual(first.publicKey.split(' ').slice(0, 2));
  });

  it('encrypts the private key with a passphrase that ssh-keygen needs to open it', async () => {
    const pair = await ensureCairnKeyPair({ dir: tempDir(), passphrase: 'key secret 1' });
    expect(await isPassphraseProtected(pair.privateKeyFile)).toBe(true);
    await expect(run('ssh-keygen', ['-y', '-P', '', '-f', pair.privateKeyFile])).rejects.toThrow();
    const { stdout } = await run('ssh-keygen', ['-y', '-P', 'key secret 1', '-f', pair.privateKeyFile]);
    expect(stdout.trim().split(' ')[1]).toBe(pair.publicKey.split(' ')[1]);
  });
});
