import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';

/** What a failed ssh connection turned out to be, when Cairn can tell. */
export type SshDiagnosis = 'host-unreachable' | 'host-key-changed';

const DEFAULT_TIMEOUT_MS = 5_000;

/** Can anything be reached at host:port? Resolves false on refusal, timeout or an unknown name. */
function tcpReachable(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The host key the server offers (base64 of its blob), read without logging in. */
async function offeredHostKey(host: string, port: number, timeoutMs: number): Promise<string | null> {
  // Loaded only when a connection failed: every other borg run spares the CLI its start-up cost.
  const { Client } = await import('ssh2');
  return new Promise((resolve) => {
    const client = new Client();
    let offered: string | null = null;
    const finish = () => {
      client.end();
      resolve(offered);
    };
    client.once('error', finish);
    client.once('close', finish);
    client.connect({
      host,
      port,
      readyTimeout: timeoutMs,
      username: 'cairn-host-key-probe',
      // Refusing the key ends the handshake before any authentication is attempted.
      hostVerifier: (key: Buffer) => {
        offered = key.toString('base64');
        return false;
      },
    });
  });
}

/** The base64 keys a known_hosts file pins for host:port (plain entries, as Cairn writes them). */
export async function pinnedHostKeys(knownHostsFile: string, host: string, port: number): Promise<string[]> {
  const text = await readFile(knownHostsFile, 'utf8').catch(() => '');
  const names = port === 22 ? [host, `[${host}]:22`] : [`[${host}]:${port}`];
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([hosts, , key]) => hosts !== undefined && key !== undefined && hosts.split(',').some((h) => names.includes(h)))
    .map(([, , key]) => key ?? '');
}

/** Host and port as ssh itself will use them, after the user's ~/.ssh/config (`Host` aliases, `Port`). */
function resolveWithSshConfig(host: string, port: number | undefined): Promise<{ host: string; port: number }> {
  const args = ['-G', ...(port === undefined ? [] : ['-p', String(port)]), host];
  return new Promise((resolve) => {
    execFile('ssh', args, { timeout: 5_000 }, (error, stdout) => {
      const value = (key: string) => new RegExp(`^${key} (.+)$`, 'm').exec(stdout)?.[1];
      const resolvedPort = Number(value('port'));
      if (error) resolve({ host, port: port ?? 22 });
      else resolve({ host: value('hostname') ?? host, port: Number.isInteger(resolvedPort) && resolvedPort > 0 ? resolvedPort : (port ?? 22) });
    });
  });
}

/**
 * borg reports every ssh failure as "connection closed", and relays ssh's own words only sometimes.
 * This looks for itself: is the server reachable at all, and does it offer the pinned host key?
 * Returns null when neither explains the failure (then it was the login or borg on the server).
 */
export async function diagnoseSshFailure(
  target: { host: string; port?: number | undefined; knownHostsFile?: string | undefined },
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<SshDiagnosis | null> {
  const { host, port } = await resolveWithSshConfig(target.host, target.port);
  if (!(await tcpReachable(host, port, timeoutMs))) return 'host-unreachable';
  if (target.knownHostsFile === undefined) return null;
  // known_hosts names the host as the user wrote it (ssh's HostKeyAlias aside).
  const pinned = await pinnedHostKeys(target.knownHostsFile, target.host, target.port ?? port);
  const offered = await offeredHostKey(host, port, timeoutMs);
  if (offered === null) return null;
  return pinned.includes(offered) ? null : 'host-key-changed';
}
