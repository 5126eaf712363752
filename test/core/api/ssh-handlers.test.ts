import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload, MethodInput, MethodOutput } from '../../../electron/core/api/contract.js';
import type { RouterContext } from '../../../electron/core/api/ports.js';
import { handleRequest, InvalidRequestError } from '../../../electron/core/api/router.js';
import { createCore } from '../../../electron/core/core.js';
import { freePort, startSshd, type SshServer } from '../../support/sshd.js';
import { tempDir } from '../../support/temp-dir.js';

// The window's ssh pairing requests, through the router, against a private sshd. The fixture
// allows public keys only: "the user's key" is its client key copied into a temporary ~/.ssh.

type Progress = EventPayload<'pair.progress'>;

/** A router context over a fresh core (own data dir: own Cairn key and known_hosts) that records events. */
function context() {
  const dir = tempDir();
  const core = createCore({ env: { CAIRN_CONFIG_DIR: join(dir, 'config'), CAIRN_DATA_DIR: join(dir, 'data'), CAIRN_CACHE_DIR: join(dir, 'cache') } });
  const progress: Progress[] = [];
  const unused = () => Promise.reject(new Error('not used by ssh pairing'));
  const ctx: RouterContext = {
    core,
    desktop: { pickFolders: unused, pickSaveFile: unused, openPath: unused, setStartAtLogin: unused },
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event === 'pair.progress') progress.push(payload as Progress);
    },
    chosenPaths: new Map(),
  };
  const sshDir = join(dir, 'data', 'ssh');
  return {
    ctx,
    progress,
    knownHostsFile: join(sshDir, 'known_hosts'),
    cairnKeyFile: join(sshDir, 'id_ed25519_cairn'),
    hostKey: (input: MethodInput<'ssh.hostKey'>) => handleRequest(ctx, 'ssh.hostKey', input) as Promise<MethodOutput<'ssh.hostKey'>>,
    pair: (input: MethodInput<'ssh.pair'>) => handleRequest(ctx, 'ssh.pair', input) as Promise<MethodOutput<'ssh.pair'>>,
  };
}

describe('ssh pairing from the window', () => {
  let server: SshServer;
  let home: string;
  let userKey: string;
  const savedHome = process.env.HOME;
  const savedAgent = process.env.SSH_AUTH_SOCK;

  beforeAll(async () => {
    server = await startSshd();
    server.authorize(server.clientPublicKey);
    home = mkdtempSync(join(tmpdir(), 'cairn-home-'));
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    userKey = join(home, '.ssh', 'id_ed25519');
    copyFileSync(server.clientKey, userKey);
    copyFileSync(`${server.clientKey}.pub`, `${userKey}.pub`);
    writeFileSync(join(home, '.ssh', 'known_hosts'), '');
    process.env.HOME = home;
    delete process.env.SSH_AUTH_SOCK;
  });
  afterAll(async () => {
    process.env.HOME = savedHome;
    if (savedAgent === undefined) delete process.env.SSH_AUTH_SOCK;
    else process.env.SSH_AUTH_SOCK = savedAgent;
    rmSync(home, { recursive: true, force: true });
    await server?.stop();
  });

  const address = () => ({ host: server.host, port: server.port, user: server.user });
  const request = (path: string, fingerprint: string, auth: MethodInput<'ssh.pair'>['auth'] = { kind: 'key', keyFile: userKey }) => ({
    ...address(),
    auth,
    confirmedFingerprint: fingerprint,
    path,
    appendOnly: true,
    quota: null,
    advanced: { authorizedKeysFile: server.authorizedKeysFile },
  });

  it('offers the keys in ~/.ssh and says whether an ssh-agent runs', async () => {
    const { ctx } = context();
    expect(await handleRequest(ctx, 'ssh.loginOptions', {})).toEqual({
      agentAvailable: false,
      keys: [{ file: userKey, label: '~/.ssh/id_ed25519', passphraseProtected: false }],
    });
  });

  it('shows an unknown host key as ssh prints it, pairs with the confirmed key, then reports it pinned', async () => {
    const { hostKey, pair, progress, knownHostsFile, cairnKeyFile } = context();
    const probe = await hostKey(address());
    expect(probe).toEqual({ ok: true, fingerprint: server.hostKeyFingerprint, keyType: 'ssh-ed25519', status: 'unknown', pinnedFingerprints: [] });

    const path = join(server.dir, 'backups', 'laptop');
    const paired = await pair(request(path, server.hostKeyFingerprint));
    expect(paired.ok, JSON.stringify(paired)).toBe(true);
    if (!paired.ok) return;
    expect(paired.repository).toEqual({ url: `ssh://${server.user}@${server.host}:${server.port}${path}`, ssh: { keyFile: cairnKeyFile, knownHostsFile } });
    expect(paired.done).toEqual([
      expect.stringContaining(`Pinned host key ${server.hostKeyFingerprint}`),
      expect.stringMatching(new RegExp(`^Created ${path} \\(mode 0700\\)`)),
      expect.stringMatching(/^Added Cairn's key to .*restricted to: command=".*borg serve --restrict-to-path .*laptop --append-only"/),
    ]);
    expect(existsSync(path)).toBe(true);
    const cairnPublicKey = readFileSync(`${cairnKeyFile}.pub`, 'utf8').trim().split(' ')[1]!;
    expect(readFileSync(server.authorizedKeysFile, 'utf8')).toMatch(new RegExp(`^command=".*--append-only",restrict ssh-ed25519 ${cairnPublicKey.replaceAll('+', '\\+')}`, 'm'));

    // Every step ran then finished, in order, and nothing failed.
    expect(progress.filter((p) => p.status === 'done').map((p) => p.step)).toEqual(['key', 'host-key', 'login', 'borg', 'path', 'authorize']);
    expect(progress.filter((p) => p.status === 'running').map((p) => p.step)).toEqual(['key', 'host-key', 'login', 'borg', 'path', 'authorize']);

    expect(await hostKey(address())).toMatchObject({ ok: true, status: 'pinned', pinnedFingerprints: [server.hostKeyFingerprint] });
    // Pairing again changes nothing on the server.
    const again = await pair(request(path, server.hostKeyFingerprint));
    expect(again).toMatchObject({ ok: true, done: [expect.stringContaining('matches the pinned one'), expect.stringContaining('exists'), expect.stringContaining('nothing changed')] });
  });

  it('refuses a host key other than the one the user confirmed and changes nothing', async () => {
    const { pair, progress, knownHostsFile } = context();
    const before = readFileSync(server.authorizedKeysFile);
    const path = join(server.dir, 'backups', 'refused');
    const wrong = `SHA256:${'A'.repeat(43)}`;
    const refused = await pair(request(path, wrong));
    expect(refused).toMatchObject({ ok: false, step: 'host-key', errors: [{ path: 'confirmedFingerprint' }] });
    expect(refused.ok || refused.message).toContain(`now offers host key ${server.hostKeyFingerprint}, not the ${wrong} you confirmed`);
    expect(progress.at(-1)).toMatchObject({ step: 'host-key', status: 'failed' });
    expect(readFileSync(server.authorizedKeysFile).equals(before)).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(knownHostsFile)).toBe(false);
  });

  it('answers a refused password login with the login step and the core\'s sentence, keeping the password out of every answer', async () => {
    // The fixture has PasswordAuthentication off, so every password is refused: this pins the
    // wrong-password path; a successful password login cannot be tested against it.
    const { pair, progress } = context();
    const password = 'hunter2-never-shown';
    const refused = await pair(request(join(server.dir, 'backups', 'pw'), server.hostKeyFingerprint, { kind: 'password', password }));
    expect(refused).toMatchObject({ ok: false, step: 'login', errors: [{ path: 'auth' }] });
    expect(refused.ok || refused.message).toBe(`The server refused the login as ${server.user} with the password.`);
    expect(JSON.stringify([refused, progress])).not.toContain(password);
    expect(existsSync(join(server.dir, 'backups', 'pw'))).toBe(false);
  });

  it('logs in through the ssh-agent when the user picks it', async () => {
    const agentDir = mkdtempSync(join(tmpdir(), 'cairn-agent-'));
    const socket = join(agentDir, 'agent.sock');
    const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      execFileSync('ssh-add', [userKey], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
      process.env.SSH_AUTH_SOCK = socket;
      const { ctx, pair } = context();
      expect(await handleRequest(ctx, 'ssh.loginOptions', {})).toMatchObject({ agentAvailable: true });
      const paired = await pair(request(join(server.dir, 'backups', 'agent'), server.hostKeyFingerprint, { kind: 'agent' }));
      expect(paired, JSON.stringify(paired)).toMatchObject({ ok: true });
    } finally {
      delete process.env.SSH_AUTH_SOCK;
      agent.kill();
      rmSync(agentDir, { recursive: true, force: true });
    }
  });

  it('refuses a login key outside ~/.ssh and an agent that is not running, before connecting', async () => {
    const { pair, progress } = context();
    const outside = await pair(request(join(server.dir, 'backups', 'outside'), server.hostKeyFingerprint, { kind: 'key', keyFile: server.clientKey }));
    expect(outside).toMatchObject({ ok: false, step: null, errors: [{ path: 'auth.keyFile', message: expect.stringContaining(join(home, '.ssh')) }] });
    const publicKey = await pair(request(join(server.dir, 'backups', 'outside'), server.hostKeyFingerprint, { kind: 'key', keyFile: '~/.ssh/id_ed25519.pub' }));
    expect(publicKey).toMatchObject({ ok: false, step: null, errors: [{ path: 'auth.keyFile' }] });
    const noAgent = await pair(request(join(server.dir, 'backups', 'outside'), server.hostKeyFingerprint, { kind: 'agent' }));
    expect(noAgent).toMatchObject({ ok: false, step: null, errors: [{ path: 'auth', message: expect.stringContaining('No ssh-agent') }] });
    expect(progress).toEqual([]);
  });

  it('lists every field problem at once and does nothing', async () => {
    const { pair, progress } = context();
    const refused = await pair({ ...request('relative/path', 'SHA256:short'), host: 'bad host!', quota: 'lots', advanced: { serveEnvironment: { PATH: '/tmp' } } });
    expect(refused).toMatchObject({ ok: false, step: null, message: '5 fields need attention; nothing was done.' });
    expect(refused.ok ? [] : refused.errors.map((e) => e.path)).toEqual(['host', 'confirmedFingerprint', 'path', 'quota', 'advanced.serveEnvironment']);
    expect(progress).toEqual([]);
  });

  it('stops at the path step when the folder cannot be created, naming the path field', async () => {
    const { pair, progress } = context();
    const file = join(server.dir, 'a-file');
    writeFileSync(file, '');
    const refused = await pair(request(join(file, 'repo'), server.hostKeyFingerprint));
    expect(refused).toMatchObject({ ok: false, step: 'path', errors: [{ path: 'path' }], hint: expect.stringContaining('Choose a directory') });
    expect(refused.ok || refused.message).toContain(`Cannot create or write to ${join(file, 'repo')} on the server`);
    expect(progress.at(-1)).toMatchObject({ step: 'path', status: 'failed' });
  });

  it('stops at the borg step when the server has no borg', async () => {
    const { pair } = context();
    const refused = await pair({ ...request(join(server.dir, 'backups', 'noborg'), server.hostKeyFingerprint), advanced: { authorizedKeysFile: server.authorizedKeysFile, remoteBorg: 'cairn-no-such-borg' } });
    expect(refused).toMatchObject({ ok: false, step: 'borg', message: expect.stringContaining('borg is not installed on the server'), hint: expect.stringContaining('Install BorgBackup') });
    expect(existsSync(join(server.dir, 'backups', 'noborg'))).toBe(false);
  });

  it('answers an unreachable server with an error on the host field', async () => {
    const { hostKey } = context();
    const port = await freePort();
    const probe = await hostKey({ host: '127.0.0.1', port, user: 'nobody' });
    expect(probe).toMatchObject({ ok: false, errors: [{ path: 'host' }], message: expect.stringContaining(`Cannot reach an ssh server at 127.0.0.1 port ${port}`) });
  });

  it('refuses malformed requests before acting', async () => {
    const { ctx } = context();
    await expect(handleRequest(ctx, 'ssh.pair', { ...request('/x', server.hostKeyFingerprint), auth: { kind: 'password' } })).rejects.toThrow(InvalidRequestError);
    await expect(handleRequest(ctx, 'ssh.hostKey', { ...address(), port: 70000 })).rejects.toThrow(/port/);
  });
});

describe('a server whose host key changed after pairing', () => {
  let server: SshServer;
  beforeAll(async () => {
    server = await startSshd();
    server.authorize(server.clientPublicKey);
  });
  afterAll(() => server?.stop());

  it('is reported as changed with the pinned fingerprint, and pairing is refused with either key', async () => {
    const home = tempDir();
    mkdirSync(join(home, '.ssh'));
    copyFileSync(server.clientKey, join(home, '.ssh', 'id_ed25519'));
    const savedHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const { hostKey, pair } = context();
      const input = (fingerprint: string) => ({
        host: server.host, port: server.port, user: server.user,
        auth: { kind: 'key' as const, keyFile: '~/.ssh/id_ed25519' },
        confirmedFingerprint: fingerprint, path: join(server.dir, 'repo'), appendOnly: false, quota: '10G',
        advanced: { authorizedKeysFile: server.authorizedKeysFile },
      });
      const old = server.hostKeyFingerprint;
      expect(await pair(input(old))).toMatchObject({ ok: true });
      await server.regenerateHostKey();
      const before = readFileSync(server.authorizedKeysFile);

      expect(await hostKey({ host: server.host, port: server.port, user: server.user })).toEqual({
        ok: true, fingerprint: server.hostKeyFingerprint, keyType: 'ssh-ed25519', status: 'changed', pinnedFingerprints: [old],
      });
      const withNew = await pair(input(server.hostKeyFingerprint));
      expect(withNew).toMatchObject({ ok: false, step: 'host-key', message: expect.stringContaining('has changed'), hint: expect.stringContaining('ssh-keygen -lf') });
      const withOld = await pair(input(old));
      expect(withOld).toMatchObject({ ok: false, step: 'host-key', message: expect.stringContaining(`it now offers ${server.hostKeyFingerprint}`) });
      expect(readFileSync(server.authorizedKeysFile).equals(before)).toBe(true);
    } finally {
      process.env.HOME = savedHome;
    }
  });
});
