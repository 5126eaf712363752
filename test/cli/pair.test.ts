import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listArchivesArgs } from '../../electron/core/borg/argv/list.js';
import { locateBorg } from '../../electron/core/borg/locate.js';
import { runBorg } from '../../electron/core/borg/runner.js';
import { createCore } from '../../electron/core/core.js';
import { runCairnInProcess } from '../support/cli.js';
import { startSshd, type SshServer } from '../support/sshd.js';
import { tempDir } from '../support/temp-dir.js';

// `cairn repos pair` in this process against a private sshd (public keys only, so the user's
// "existing login" is the fixture's client key given with --identity).

/** Runs `cairn --config CONFIG ARGS…` in this process, with Cairn's data dir under `home`. */
function cairn(home: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  process.env.CAIRN_DATA_DIR = join(home, 'data');
  return runCairnInProcess(['--config', join(home, 'config.json'), ...args]);
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('cairn repos pair', () => {
  let server: SshServer;
  beforeAll(async () => {
    server = await startSshd();
    server.authorize(server.clientPublicKey);
  });
  afterAll(() => server?.stop());

  const pairArgs = (path: string, fingerprint: string | null) => [
    'repos', 'pair', 'offsite',
    '--host', server.host, '--port', String(server.port), '--user', server.user, '--path', path,
    '--append-only', '--identity', server.clientKey,
    ...(fingerprint === null ? [] : ['--yes-fingerprint', fingerprint]),
    '--passphrase-command', 'echo cli pair passphrase',
    '--authorized-keys', server.authorizedKeysFile,
    '--serve-env', `BORG_BASE_DIR=${join(server.dir, 'server-borg-home')}`,
  ];

  it('pairs, creates the repository on the server and saves it with Cairn\'s key and pinned known_hosts', async () => {
    const home = tempDir();
    const path = join(server.dir, 'backups', 'laptop');
    const paired = await cairn(home, ['--json', ...pairArgs(path, server.hostKeyFingerprint)]);
    expect(paired.code, paired.stderr).toBe(0);
    const { repository } = JSON.parse(paired.stdout) as { repository: { name: string; url: string; ssh: { keyFile: string; knownHostsFile: string } } };
    expect(repository.url).toBe(`ssh://${server.user}@${server.host}:${server.port}${path}`);
    expect(repository.ssh).toEqual({ keyFile: join(home, 'data', 'ssh', 'id_ed25519_cairn'), knownHostsFile: join(home, 'data', 'ssh', 'known_hosts') });
    expect(existsSync(join(path, 'config'))).toBe(true); // borg init ran through the restricted key

    const core = createCore({ configFile: join(home, 'config.json') });
    const [saved] = (await core.store.load()).config.repositories;
    expect(saved?.name).toBe('offsite');
    const listed = await runBorg(await locateBorg(), { args: listArchivesArgs(), repository: await core.access(saved!) });
    expect(listed.error?.message ?? '').toBe('');

    const human = await cairn(home, ['repos', 'list']);
    expect(human.stdout).toContain(repository.url);
  });

  it('prints each step with what it did on the server', async () => {
    const home = tempDir();
    const paired = await cairn(home, pairArgs(join(server.dir, 'backups', 'second'), server.hostKeyFingerprint));
    expect(paired.code, paired.stderr).toBe(0);
    expect(paired.stderr).toMatch(/Pinned host key SHA256:/);
    expect(paired.stderr).toMatch(/\[server\] Created .*second \(mode 0700\)/);
    expect(paired.stderr).toMatch(/\[server\] Added Cairn's key to .*restricted to: command=".*--append-only"/);
    expect(paired.stdout).toMatch(/Paired with 127\.0\.0\.1 and created repository offsite/);
  });

  it('refuses a host key other than --yes-fingerprint and changes nothing', async () => {
    const home = tempDir();
    const before = readFileSync(server.authorizedKeysFile);
    const wrong = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const refused = await cairn(home, pairArgs(join(server.dir, 'backups', 'refused'), wrong));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`offers host key ${server.hostKeyFingerprint}, not the expected ${wrong}`);
    expect(readFileSync(server.authorizedKeysFile).equals(before)).toBe(true);
    expect(existsSync(join(server.dir, 'backups', 'refused'))).toBe(false);
    expect(existsSync(join(home, 'data', 'ssh', 'known_hosts'))).toBe(false);
  });

  it('without a terminal or --yes-fingerprint, tells the user which fingerprint to check and pass', async () => {
    const refused = await cairn(tempDir(), pairArgs(join(server.dir, 'backups', 'unasked'), null));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--yes-fingerprint ${server.hostKeyFingerprint}`);
  });
});
