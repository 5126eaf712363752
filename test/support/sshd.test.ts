import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type SshServer } from './sshd.js';

interface SshResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one command through ssh the way Cairn does: pinned known_hosts, no prompts. */
function ssh(server: SshServer, command: string): Promise<SshResult> {
  const args = [
    '-F', '/dev/null',
    '-i', server.clientKey,
    '-o', 'IdentitiesOnly=yes',
    '-o', `UserKnownHostsFile=${server.knownHostsFile}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', 'BatchMode=yes',
    '-o', 'ConnectTimeout=10',
    '-p', String(server.port),
    `${server.user}@${server.host}`,
    command,
  ];
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

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startSshd', () => {
  let server: SshServer;
  beforeAll(async () => {
    server = await startSshd();
  });
  afterAll(() => server?.stop());

  it('accepts an authorized client key with the pinned host key and strict checking', async () => {
    server.authorize(server.clientPublicKey);
    const result = await ssh(server, 'echo hello-from-sshd');
    expect(result.stderr).not.toMatch(/Host key verification failed/);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('hello-from-sshd');
  });

  it('refuses the connection after regenerateHostKey because the pinned key no longer matches', async () => {
    const before = { fingerprint: server.hostKeyFingerprint, key: server.hostPublicKey };
    await server.regenerateHostKey();
    expect(server.hostKeyFingerprint).not.toBe(before.fingerprint);
    expect(server.hostPublicKey).not.toBe(before.key);
    expect(await portAccepts(server.port)).toBe(true);

    const result = await ssh(server, 'echo should-not-run');
    expect(result.code).toBe(255);
    expect(result.stdout).not.toContain('should-not-run');
    expect(result.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
  });
});

describe('SshServer.stop', () => {
  it('stops sshd, frees the port and removes the temp dir', async () => {
    const server = await startSshd();
    try {
      expect(await portAccepts(server.port)).toBe(true);
      expect(existsSync(server.dir)).toBe(true);
    } finally {
      await server.stop();
    }
    expect(await portAccepts(server.port)).toBe(false);
    expect(existsSync(server.dir)).toBe(false);
    await server.stop(); // a second stop is harmless
  });
});
