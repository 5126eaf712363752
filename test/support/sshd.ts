import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// A real OpenSSH server on a free loopback port, for tests of remote repositories.
// Everything it uses (host key, config, authorized_keys, log, client key) lives in one temp dir.
// Callers must stop it: `const sshd = await startSshd(); afterAll(() => sshd.stop());`
// (a process 'exit' hook also kills it if the worker dies before afterAll runs).

const run = promisify(execFile);
const SSHD = '/usr/sbin/sshd';
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

/** A running sshd and the client-side files a test needs to reach it. */
export interface SshServer {
  host: string;
  port: number;
  user: string;
  /** Private client key (ed25519, no passphrase); not authorized until a test calls authorize(). */
  clientKey: string;
  /** The client's public key line (`ssh-ed25519 AAAA… comment`), without a newline. */
  clientPublicKey: string;
  /** known_hosts pinning the server's first host key for `[127.0.0.1]:PORT`. */
  knownHostsFile: string;
  authorizedKeysFile: string;
  /** SHA256 fingerprint of the current host key (changes after regenerateHostKey). */
  readonly hostKeyFingerprint: string;
  /** The current host public key as `type base64` (to pin a regenerated key deliberately). */
  readonly hostPublicKey: string;
  /** sshd's log (LogLevel VERBOSE; kept across restarts), e.g. to count accepted logins. */
  logFile: string;
  /** The fixture's temp dir; tests may put repositories under it. Removed by stop(). */
  dir: string;
  /** Appends one line to authorized_keys (read by sshd at each login). */
  authorize(line: string): void;
  /** New host key and sshd restarted on the same port; knownHostsFile keeps the old key. */
  regenerateHostKey(): Promise<void>;
  /** Kills sshd, waits for it, removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts a private sshd on 127.0.0.1 so remote-repository tests need no outside server. */
export async function startSshd(): Promise<SshServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-sshd-'));
  const files = {
    hostKey: join(dir, 'ssh_host_ed25519_key'),
    config: join(dir, 'sshd_config'),
    pid: join(dir, 'sshd.pid'),
    log: join(dir, 'sshd.log'),
    authorizedKeys: join(dir, 'authorized_keys'),
    knownHosts: join(dir, 'known_hosts'),
    clientKey: join(dir, 'client_ed25519'),
  };
  let child: ChildProcess | null = null;
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const stopChild = async (): Promise<void> => {
    const current = child;
    child = null;
    if (current) await stopProcess(current);
  };
  const cleanup = async (): Promise<void> => {
    await stopChild();
    process.removeListener('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // The privilege separation directory must exist or sshd refuses to start.
    mkdirSync('/run/sshd', { recursive: true });
    writeFileSync(files.authorizedKeys, '');
    await generateKey(files.hostKey, 'cairn-test-host');
    await generateKey(files.clientKey, 'cairn-test-client');
    let hostKeyFingerprint = await fingerprint(`${files.hostKey}.pub`);

    const { child: started, port } = await startOnFreePort(files);
    child = started;
    writeFileSync(files.knownHosts, knownHostsLine(port, files.hostKey));

    return {
      host: HOST,
      port,
      user: userInfo().username,
      clientKey: files.clientKey,
      clientPublicKey: readFileSync(`${files.clientKey}.pub`, 'utf8').trim(),
      knownHostsFile: files.knownHosts,
      authorizedKeysFile: files.authorizedKeys,
      get hostKeyFingerprint() {
        return hostKeyFingerprint;
      },
      get hostPublicKey() {
        return publicKeyOf(files.hostKey);
      },
      logFile: files.log,
      dir,
      authorize(line: string): void {
        appendFileSync(files.authorizedKeys, `${line.trim()}\n`);
      },
      async regenerateHostKey(): Promise<void> {
        await stopChild();
        rmSync(files.hostKey, { force: true });
        rmSync(`${files.hostKey}.pub`, { force: true });
        await generateKey(files.hostKey, 'cairn-test-host-regenerated');
        hostKeyFingerprint = await fingerprint(`${files.hostKey}.pub`);
        child = await startSshdOn(port, files);
      },
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

type Files = { hostKey: string; config: string; pid: string; log: string; authorizedKeys: string };

async function generateKey(path: string, comment: string): Promise<void> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
}

async function fingerprint(publicKeyFile: string): Promise<string> {
  // "256 SHA256:abc… comment (ED25519)"
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile]);
  const field = stdout.trim().split(/\s+/)[1];
  if (!field) throw new Error(`ssh-keygen -l printed nothing usable: ${stdout}`);
  return field;
}

function publicKeyOf(hostKey: string): string {
  const [type, key] = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/);
  return `${type} ${key}`;
}

function knownHostsLine(port: number, hostKey: string): string {
  return `[${HOST}]:${port} ${publicKeyOf(hostKey)}\n`;
}

/** Another process may grab the port between our probe and sshd's bind: retry a few times. */
async function startOnFreePort(files: Files): Promise<{ child: ChildProcess; port: number }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return { child: await startSshdOn(port, files), port };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** Asks the kernel for an unused port by binding port 0, then releases it for sshd. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

async function startSshdOn(port: number, files: Files): Promise<ChildProcess> {
  writeFileSync(files.config, sshdConfig(port, files));
  // -D: stay in the foreground as our child; -E: log to a file we can show when it fails.
  const child = spawn(SSHD, ['-D', '-f', files.config, '-E', files.log], { stdio: 'ignore' });
  let exited = false;
  child.once('exit', () => (exited = true));
  child.once('error', () => (exited = true));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) break;
    if (await accepts(port)) return child;
    await sleep(50);
  }
  await stopProcess(child);
  throw new Error(`sshd did not start on port ${port}:\n${readLog(files.log)}`);
}

function sshdConfig(port: number, files: Files): string {
  return [
    `ListenAddress ${HOST}`,
    `Port ${port}`,
    `HostKey ${files.hostKey}`,
    `PidFile ${files.pid}`,
    `AuthorizedKeysFile ${files.authorizedKeys}`,
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    // The temp dir's modes are not what StrictModes expects of a home directory.
    'StrictModes no',
    'UsePAM no',
    'UseDNS no',
    'PrintMotd no',
    'ClientAliveInterval 10',
    'LogLevel VERBOSE',
    '',
  ].join('\n');
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    socket.setTimeout(500);
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** SIGTERM, then SIGKILL if sshd has not exited after a while; resolves once it is gone. */
async function stopProcess(child: ChildProcess): Promise<void> {
  // No pid: spawn itself failed and there is nothing to stop.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '(no sshd log)';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
