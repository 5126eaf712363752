import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostKeyMismatchError, SshError } from '../../../electron/core/ssh/errors.js';
import { checkHostKey, fetchHostKey, pinHostKey, pinnedHostKeys } from '../../../electron/core/ssh/host-key.js';
import { freePort, startSshd, type SshServer } from '../../support/sshd.js';
import { tempDir } from '../../support/temp-dir.js';

/** OpenSSH itself, trusting only `knownHostsFile`: proves Cairn's pin is what ssh expects. */
function sshWith(server: SshServer, knownHostsFile: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const args = ['-F', '/dev/null', '-i', server.clientKey, '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${knownHostsFile}`,
    '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-p', String(server.port),
    `${server.user}@${server.host}`, 'echo pinned-ok'];
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('host keys against a real sshd', () => {
  let server: SshServer;
  beforeAll(async () => {
    server = await startSshd();
    server.authorize(server.clientPublicKey);
  });
  afterAll(() => server?.stop());

  it('reads the fingerprint exactly as ssh-keygen -lf prints it, and pins a line OpenSSH accepts', async () => {
    const address = { host: server.host, port: server.port };
    const key = await fetchHostKey(address);
    expect(key.fingerprint).toBe(server.hostKeyFingerprint);
    expect(`${key.type} ${key.base64}`).toBe(server.hostPublicKey);
    const knownHosts = join(tempDir(), 'known_hosts');
    expect(await checkHostKey(knownHosts, address, key)).toBe('unknown');
    expect(await pinHostKey(knownHosts, address, key)).toBe('added');
    expect(await readFile(knownHosts, 'utf8')).toBe(`[${server.host}]:${server.port} ${server.hostPublicKey}\n`);
    expect(await pinHostKey(knownHosts, address, key)).toBe('already-pinned');
    expect(await checkHostKey(knownHosts, address, key)).toBe('pinned');
    const ssh = await sshWith(server, knownHosts);
    expect(ssh.stderr).not.toMatch(/verification failed/);
    expect(ssh.stdout.trim()).toBe('pinned-ok');
  });

  it('refuses a changed host key explicitly and replaces the pin only when asked, keeping other servers', async () => {
    const address = { host: server.host, port: server.port };
    const knownHosts = join(tempDir(), 'known_hosts');
    const otherServer = '[10.1.2.3]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE90aGVyb3RoZXJvdGhlcm90aGVyb3RoZXJvdGhlcm90aGVy\n';
    await writeFile(knownHosts, otherServer);
    const old = await fetchHostKey(address);
    await pinHostKey(knownHosts, address, old);
    await server.regenerateHostKey();
    const offered = await fetchHostKey(address);
    expect(offered.fingerprint).toBe(server.hostKeyFingerprint);
    const refused = await checkHostKey(knownHosts, address, offered).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HostKeyMismatchError);
    expect((refused as HostKeyMismatchError).code).toBe('host-key-mismatch');
    expect((refused as HostKeyMismatchError).message).toContain(offered.fingerprint);
    expect((refused as HostKeyMismatchError).pinnedFingerprints).toEqual([old.fingerprint]);
    await expect(pinHostKey(knownHosts, address, offered)).rejects.toBeInstanceOf(HostKeyMismatchError);
    expect((await pinnedHostKeys(knownHosts, address)).map((k) => k.fingerprint)).toEqual([old.fingerprint]);
    expect(await pinHostKey(knownHosts, address, offered, { replace: true })).toBe('replaced');
    expect(await readFile(knownHosts, 'utf8')).toBe(`${otherServer}[${server.host}]:${server.port} ${server.hostPublicKey}\n`);
  });

  it('reports a closed port as host-unreachable without hanging', async () => {
    const port = await freePort();
    const error = await fetchHostKey({ host: '127.0.0.1', port }, 5_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SshError);
    expect((error as SshError).code).toBe('host-unreachable');
    expect((error as SshError).message).toContain(`port ${port}`);
  });
});
