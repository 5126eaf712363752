import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseSshFailure } from '../../../electron/core/borg/diagnose-ssh.js';
import { freePort, startSshd, type SshServer } from '../../support/sshd.js';
import { tempDir } from '../../support/temp-dir.js';

describe('diagnoseSshFailure against a real sshd', () => {
  let server: SshServer;
  beforeAll(async () => {
    server = await startSshd();
  });
  afterAll(() => server?.stop());

  it('says a port nobody listens on is unreachable', async () => {
    expect(await diagnoseSshFailure({ host: '127.0.0.1', port: await freePort(), knownHostsFile: server.knownHostsFile })).toBe('host-unreachable');
  });

  it('finds nothing wrong with the host key when it is the pinned one', async () => {
    expect(await diagnoseSshFailure({ host: server.host, port: server.port, knownHostsFile: server.knownHostsFile })).toBeNull();
  });

  it('says the host key changed when the server offers another one', async () => {
    const stale = join(tempDir(), 'known_hosts');
    await writeFile(stale, `[${server.host}]:${server.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n`);
    expect(await diagnoseSshFailure({ host: server.host, port: server.port, knownHostsFile: stale })).toBe('host-key-changed');
  });
});
