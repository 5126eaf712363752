import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactArgs } from '../../../electron/core/borg/argv/compact.js';
import { createArgs } from '../../../electron/core/borg/argv/create.js';
import { deleteArgs } from '../../../electron/core/borg/argv/delete.js';
import { extractArgs } from '../../../electron/core/borg/argv/extract.js';
import { initArgs } from '../../../electron/core/borg/argv/init.js';
import { listArchivesArgs } from '../../../electron/core/borg/argv/list.js';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { runBorg } from '../../../electron/core/borg/runner.js';
import type { BorgBinary, BorgRunResult, RepositoryAccess } from '../../../electron/core/borg/types.js';
import { initRepository } from '../../../electron/core/repositories/init.js';
import { HostKeyMismatchError, SshError } from '../../../electron/core/ssh/errors.js';
import { CAIRN_KEY_NAME } from '../../../electron/core/ssh/keys.js';
import { pairWithServer, type PairOptions, type PairResult, type PairStep } from '../../../electron/core/ssh/pair.js';
import { freePort, startSshd, type SshServer } from '../../support/sshd.js';
import { readTree } from '../../support/read-tree.js';
import { tempDir } from '../../support/temp-dir.js';

// Pairing against a private sshd on 127.0.0.1 (user root, no passwords: the fixture disables them),
// then real borg through the key Cairn installed. Password login is not tested here: the fixture
// allows public keys only and the root password is unknown.

const PASSPHRASE = 'pairing passphrase 9';
let borg: BorgBinary;
beforeAll(async () => {
  borg = await locateBorg();
});

/** Pairing options for one "Cairn install" (its own key dir and known_hosts under `home`). */
function options(server: SshServer, home: string, path: string, extra: Partial<PairOptions> = {}): PairOptions {
  return {
    host: server.host,
    port: server.port,
    user: server.user,
    auth: { privateKeyFile: server.clientKey },
    path,
    appendOnly: true,
    confirmHostKey: async () => true,
    keyDir: join(home, 'ssh'),
    knownHostsFile: join(home, 'ssh', 'known_hosts'),
    authorizedKeysFile: server.authorizedKeysFile,
    // The server's borg keeps its own files out of root's real home.
    serveEnvironment: { BORG_BASE_DIR: join(server.dir, 'server-borg-home') },
    timeoutMs: 10_000,
    ...extra,
  };
}

function access(result: PairResult, url = result.url, extraPassphrase = PASSPHRASE): RepositoryAccess {
  return { url, encryption: 'repokey-blake2', passphrase: extraPassphrase, ssh: result.ssh };
}

function expectOk(result: BorgRunResult): void {
  expect(result.error?.message ?? '', JSON.stringify(result.messages)).toBe('');
}

async function archiveNames(repository: RepositoryAccess, extraEnv?: Record<string, string>): Promise<string[]> {
  const listed = await runBorg(borg, { args: listArchivesArgs(), repository, extraEnv });
  expectOk(listed);
  return (JSON.parse(listed.stdout) as { archives: { name: string }[] }).archives.map((a) => a.name);
}


/** ssh with Cairn's key and pin, as borg would run it, but asking for a shell command. */
function sshWithKey(server: SshServer, result: PairResult, command: string): Promise<{ code: number | null; output: string }> {
  const args = ['-F', '/dev/null', '-i', result.ssh.keyFile, '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${result.ssh.knownHostsFile}`,
    '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-p', String(server.port),
    `${server.user}@${server.host}`, command];
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });
}

function linesWith(file: string, needle: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.includes(needle));
}

async function failure(promise: Promise<unknown>): Promise<SshError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SshError);
  return error as SshError;
}

describe('a repository paired with an existing key, append-only', () => {
  let server: SshServer;
  let home: string;
  let path: string;
  let result: PairResult;
  const confirmed: string[] = [];
  const steps: PairStep[] = [];
  let source: string;

  beforeAll(async () => {
    server = await startSshd();
    server.authorize(server.clientPublicKey); // the user's own key, unrestricted
    home = join(server.dir, 'laptop');
    path = join(server.dir, 'backups', 'laptop');
    result = await pairWithServer(
      options(server, home, path, {
        confirmHostKey: async (fingerprint) => {
          confirmed.push(fingerprint);
          return true;
        },
        onStep: (step) => steps.push(step),
      }),
    );
    source = join(server.dir, 'source');
    mkdirSync(join(source, 'docs', 'sub'), { recursive: true });
    writeFileSync(join(source, 'docs', 'hello.txt'), 'hello through the restricted key\n');
    writeFileSync(join(source, 'docs', 'sub', 'random.bin'), randomBytes(200_000));
  });
  afterAll(() => server?.stop());

  it('shows the fingerprint ssh-keygen prints, pins it and reports every step', () => {
    expect(confirmed).toEqual([server.hostKeyFingerprint]);
    expect(result.hostKey.fingerprint).toBe(server.hostKeyFingerprint);
    expect(readFileSync(result.ssh.knownHostsFile, 'utf8')).toBe(`[${server.host}]:${server.port} ${server.hostPublicKey}\n`);
    expect(steps.map((s) => s.step)).toEqual(['key', 'host-key', 'login', 'borg', 'path', 'authorize']);
    expect(steps.filter((s) => s.remote).map((s) => s.step)).toEqual(['path', 'authorize']);
    expect(result.url).toBe(`ssh://${server.user}@${server.host}:${server.port}${path}`);
    expect(result.ssh.keyFile).toBe(join(home, 'ssh', CAIRN_KEY_NAME));
    expect(statSync(path).mode & 0o777).toBe(0o700);
    expect(result.serverBorg.version).toMatch(/^1\.2\./);
  });

  it('installs one line forcing borg serve with the path and append-only for Cairn\'s key', () => {
    const cairnKey = readFileSync(`${result.ssh.keyFile}.pub`, 'utf8').trim().split(' ')[1] ?? '';
    const lines = linesWith(server.authorizedKeysFile, cairnKey);
    expect(lines).toEqual([result.authorizedKeyLine]);
    expect(result.authorizedKeyLine).toBe(
      `command="BORG_BASE_DIR=${join(server.dir, 'server-borg-home')} ${result.serverBorg.path} serve --restrict-to-path ${path} --append-only",restrict ssh-ed25519 ${cairnKey} ${readFileSync(`${result.ssh.keyFile}.pub`, 'utf8').trim().split(' ')[2]}`,
    );
  });

  it('backs up and restores through the restricted key, and only under the path', async () => {
    const repository = access(result);
    await initRepository(borg, repository);
    expectOk(await runBorg(borg, { args: createArgs({ archiveName: 'first', paths: ['docs'] }), repository, cwd: source }));
    expect(await archiveNames(repository)).toEqual(['first']);
    const target = tempDir();
    expectOk(await runBorg(borg, { args: extractArgs({ archive: 'first' }), repository, cwd: target }));
    const original = readTree(join(source, 'docs'));
    const restored = readTree(join(target, 'docs'));
    expect([...restored.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [name, bytes] of original) expect(restored.get(name)?.equals(bytes), name).toBe(true);

    const outside = await runBorg(borg, { args: initArgs({ encryption: 'repokey-blake2', makeParentDirs: true }), repository: access(result, `ssh://${server.user}@${server.host}:${server.port}${server.dir}/elsewhere`) });
    expect(outside.error?.code).toBe('path-not-allowed');
    expect(existsSync(join(server.dir, 'elsewhere'))).toBe(false);
  });

  it('keeps the data of an archive deleted through the append-only key (the delete can be rolled back)', async () => {
    const repository = access(result);
    const segmentsBefore = readTree(join(path, 'data'));
    expectOk(await runBorg(borg, { args: deleteArgs({ archive: 'first' }), repository }));
    expectOk(await runBorg(borg, { args: compactArgs(), repository }));
    expect(await archiveNames(repository)).toEqual([]); // hidden from listings…
    const segmentsAfter = readTree(join(path, 'data'));
    for (const [name, bytes] of segmentsBefore) expect(segmentsAfter.get(name)?.equals(bytes), `segment ${name} untouched`).toBe(true);

    // …but nothing was removed: dropping the transactions after the backup brings it back (borg's documented recovery).
    for (const name of segmentsAfter.keys()) if (!segmentsBefore.has(name)) rmSync(join(path, 'data', name));
    for (const name of readdirSync(path)) if (/^(index|hints|integrity)\.\d+$/.test(name)) rmSync(join(path, name));
    expect(await archiveNames(repository, { BORG_BASE_DIR: tempDir('cairn-fresh-borg-home-') })).toEqual(['first']);
  });

  it('does not let the restricted key run a shell command', async () => {
    const marker = join(server.dir, 'pwned');
    const run = await sshWithKey(server, result, `echo pwned-$((6*7)); touch ${marker}`);
    expect(run.output).not.toContain('pwned-42');
    expect(existsSync(marker)).toBe(false);
    expect(run.code).not.toBe(0);
  });

  it('changes nothing when paired again: same key, one line, the pin is reused without asking', async () => {
    const before = readFileSync(server.authorizedKeysFile);
    const again = await pairWithServer(options(server, home, path, { confirmHostKey: async () => Promise.reject(new Error('must not ask')) }));
    expect(again.keyInstalled).toBe('already-present');
    expect(again.authorizedKeyLine).toBe(result.authorizedKeyLine);
    expect(readFileSync(server.authorizedKeysFile).equals(before)).toBe(true);
    expect(again.steps.some((s) => s.remote)).toBe(false);
  });

  it('pairs through an ssh-agent holding the existing key', async () => {
    const agentDir = tempDir('cairn-agent-');
    const socket = join(agentDir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise<void>((resolve, reject) => {
        const add = spawn('ssh-add', [server.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
        add.once('error', reject);
        add.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`ssh-add exited ${code}`))));
      });
      const viaAgent = await pairWithServer(options(server, home, path, { auth: { agent: socket } }));
      expect(viaAgent.keyInstalled).toBe('already-present');
    } finally {
      agent.kill('SIGTERM');
    }
  });
});

describe('a server with a storage quota', () => {
  let server: SshServer;
  beforeAll(async () => {
    server = await startSshd();
    server.authorize(server.clientPublicKey);
  });
  afterAll(() => server?.stop());

  it('stops a backup that exceeds the quota with quota-exceeded', async () => {
    const path = join(server.dir, 'backups', 'small');
    const result = await pairWithServer(options(server, join(server.dir, 'quota-laptop'), path, { appendOnly: false, quota: '10M' }));
    expect(result.authorizedKeyLine).toContain('--storage-quota 10M');
    const repository = access(result);
    await initRepository(borg, repository);
    const source = tempDir();
    writeFileSync(join(source, 'big.bin'), randomBytes(12 * 1024 * 1024));
    const created = await runBorg(borg, { args: createArgs({ archiveName: 'too-big', paths: ['big.bin'], compression: 'none' }), repository, cwd: source });
    expect(created.outcome).toBe('error');
    expect(created.error?.code).toBe('quota-exceeded');
  });
});

describe('pairing that must fail', () => {
  let server: SshServer;
  beforeAll(async () => {
    server = await startSshd();
    server.authorize(server.clientPublicKey);
  });
  afterAll(() => server?.stop());

  it('refuses a host key the user did not confirm, pinning and installing nothing', async () => {
    const home = tempDir();
    const before = readFileSync(server.authorizedKeysFile);
    const error = await failure(pairWithServer(options(server, home, join(server.dir, 'never'), { confirmHostKey: async () => false })));
    expect(error.code).toBe('host-key-rejected');
    expect(error.message).toContain(server.hostKeyFingerprint);
    expect(existsSync(join(home, 'ssh', 'known_hosts'))).toBe(false);
    expect(readFileSync(server.authorizedKeysFile).equals(before)).toBe(true);
    expect(existsSync(join(server.dir, 'never'))).toBe(false);
  });

  it('reports a key the server does not accept as auth-failed', async () => {
    const home = tempDir();
    const stranger = join(tempDir(), 'stranger');
    const { ensureCairnKeyPair } = await import('../../../electron/core/ssh/keys.js');
    const pair = await ensureCairnKeyPair({ dir: stranger });
    const error = await failure(pairWithServer(options(server, home, join(server.dir, 'x'), { auth: { privateKeyFile: pair.privateKeyFile } })));
    expect(error.code).toBe('auth-failed');
  });

  it('reports a closed port as host-unreachable', async () => {
    const port = await freePort();
    const error = await failure(pairWithServer({ ...options(server, tempDir(), join(server.dir, 'x')), port }));
    expect(error.code).toBe('host-unreachable');
  });

  it('reports borg missing on the server before touching anything', async () => {
    const before = readFileSync(server.authorizedKeysFile);
    const error = await failure(pairWithServer(options(server, tempDir(), join(server.dir, 'no-borg'), { remoteBorg: '/nonexistent/borg' })));
    expect(error.code).toBe('borg-missing');
    expect(error.hint).toMatch(/Install BorgBackup/);
    expect(readFileSync(server.authorizedKeysFile).equals(before)).toBe(true);
    expect(existsSync(join(server.dir, 'no-borg'))).toBe(false);
  });

  it('reports a path that cannot be created or written as path-not-writable', async () => {
    const before = readFileSync(server.authorizedKeysFile);
    const error = await failure(pairWithServer(options(server, tempDir(), '/proc/cairn-cannot-write-here')));
    expect(error.code).toBe('path-not-writable');
    expect(readFileSync(server.authorizedKeysFile).equals(before)).toBe(true);
  });

  it('reports an authorized_keys it cannot write, leaving the existing file as it was', async () => {
    const blocker = join(server.dir, 'not-a-dir');
    writeFileSync(blocker, 'a file where ~/.ssh should be\n');
    const error = await failure(pairWithServer(options(server, tempDir(), join(server.dir, 'ok'), { authorizedKeysFile: join(blocker, 'authorized_keys') })));
    expect(error.code).toBe('authorized-keys-unwritable');
    expect(readFileSync(blocker, 'utf8')).toBe('a file where ~/.ssh should be\n');
  });

  it('stops when cancelled between steps, says what was already done on the server and installs no key', async () => {
    const before = readFileSync(server.authorizedKeysFile);
    const controller = new AbortController();
    const path = join(server.dir, 'cancelled');
    const pairing = pairWithServer(
      options(server, tempDir(), path, { signal: controller.signal, onStep: (step) => step.step === 'path' && controller.abort() }),
    );
    const error = await failure(pairing);
    expect(error.code).toBe('interrupted');
    expect(error.message).toContain(`Already done on the server: Created ${path}`);
    expect(readFileSync(server.authorizedKeysFile).equals(before)).toBe(true);
  });

  it('rejects a path with quotes before connecting', async () => {
    const error = await failure(pairWithServer(options(server, tempDir(), `${server.dir}/a"b`)));
    expect(error.code).toBe('invalid-input');
  });
});

describe('authorized_keys with unusual lines', () => {
  let server: SshServer;
  beforeAll(async () => {
    server = await startSshd();
  });
  afterAll(() => server?.stop());

  it('appends Cairn\'s line and leaves every existing byte as it was', async () => {
    const unusual = Buffer.concat([
      Buffer.from(`# hand-written, with CRLF and odd bytes\r\n${server.clientPublicKey}\n`),
      Buffer.from('from="10.0.0.0/8",no-pty,environment="A=b c" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE90aGVyb3RoZXJvdGhlcm90aGVyb3RoZXJvdGhlcm90aGVy x\n'),
      Buffer.from([0xff, 0xfe, 0x20, 0x6e, 0x6f, 0x74, 0x20, 0x61, 0x20, 0x6b, 0x65, 0x79, 0x0a]),
      Buffer.from('   \n\tssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ trailing-without-newline'),
    ]);
    writeFileSync(server.authorizedKeysFile, unusual);
    const result = await pairWithServer(options(server, tempDir(), join(server.dir, 'repo')));
    const after = readFileSync(server.authorizedKeysFile);
    expect(after.subarray(0, unusual.length).equals(unusual)).toBe(true);
    expect(after.subarray(unusual.length).toString('utf8')).toBe(`\n${result.authorizedKeyLine}\n`);
    expect(statSync(server.authorizedKeysFile).mode & 0o777).toBe(0o600);
  });
});

describe('a server whose host key changed', () => {
  let server: SshServer;
  beforeAll(async () => {
    server = await startSshd();
    server.authorize(server.clientPublicKey);
  });
  afterAll(() => server?.stop());

  it('refuses to pair again, and re-pins only the exact new fingerprint the user confirmed', async () => {
    const home = tempDir();
    const path = join(server.dir, 'repo');
    const first = await pairWithServer(options(server, home, path));
    const oldFingerprint = server.hostKeyFingerprint;
    await server.regenerateHostKey();
    const asked: string[] = [];
    const refused = await failure(pairWithServer(options(server, home, path, { confirmHostKey: async (fp) => (asked.push(fp), true) })));
    expect(refused).toBeInstanceOf(HostKeyMismatchError);
    expect(refused.code).toBe('host-key-mismatch');
    expect(refused.message).toContain(server.hostKeyFingerprint);
    expect(refused.message).toContain(oldFingerprint);
    expect(asked).toEqual([]); // a changed key is never just "confirmed" like a new one
    expect(readFileSync(first.ssh.knownHostsFile, 'utf8')).toContain(first.hostKey.base64);

    const wrongRepin = await failure(pairWithServer(options(server, home, path, { replacePinnedHostKey: oldFingerprint })));
    expect(wrongRepin.code).toBe('host-key-mismatch');
    const repinned = await pairWithServer(options(server, home, path, { replacePinnedHostKey: server.hostKeyFingerprint }));
    expect(repinned.hostKey.fingerprint).toBe(server.hostKeyFingerprint);
    expect(readFileSync(first.ssh.knownHostsFile, 'utf8')).toBe(`[${server.host}]:${server.port} ${server.hostPublicKey}\n`);
  });
});
