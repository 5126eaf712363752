import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { fetchHostKey, pinnedHostKeys } from '../ssh/host-key.js';

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
  const pinned = await pinnedHostKeys(target.knownHostsFile, { host: target.host, port: target.port ?? port });
  const offered = await fetchHostKey({ host, port }, timeoutMs).catch(() => null);
  if (offered === null) return null;
  return pinned.some((key) => key.base64 === offered.base64) ? null : 'host-key-changed';
}
