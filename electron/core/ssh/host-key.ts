import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../config/atomic-write.js';
import { HostKeyMismatchError, SshError } from './errors.js';
import { loadSsh2 } from './ssh2.js';

/** A server's host key as known_hosts stores it, with the fingerprint a person compares. */
export interface HostKey {
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`… (read from the key blob). */
  type: string;
  /** base64 of the key blob. */
  base64: string;
  /** `SHA256:…` exactly as `ssh` and `ssh-keygen -l` print it. */
  fingerprint: string;
}

/** Where a server is reached. */
export interface HostAddress {
  host: string;
  port: number;
}

/** OpenSSH's SHA256 fingerprint: unpadded base64 of the SHA-256 of the key blob. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Reads the key type (the blob's first length-prefixed string) and fingerprints the key. */
export function hostKeyFromBlob(blob: Buffer): HostKey {
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const type = blob.subarray(4, 4 + length).toString('latin1');
  if (length === 0 || !/^[a-z0-9@.-]+$/.test(type)) throw new SshError('host-key-rejected', 'The server sent a malformed host key.');
  return { type, base64: blob.toString('base64'), fingerprint: fingerprintOf(blob) };
}

/** The host field of a known_hosts line: `host` on port 22, `[host]:port` otherwise (as ssh looks it up). */
export function knownHostsName({ host, port }: HostAddress): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function describe(address: HostAddress): string {
  return address.port === 22 ? address.host : `${address.host} port ${address.port}`;
}

/** The keys a known_hosts file pins for a server (plain entries, as Cairn writes them). */
export async function pinnedHostKeys(knownHostsFile: string, address: HostAddress): Promise<HostKey[]> {
  const text = await readFile(knownHostsFile, 'utf8').catch(() => '');
  const names = address.port === 22 ? [address.host, `[${address.host}]:22`] : [knownHostsName(address)];
  const keys: HostKey[] = [];
  for (const line of text.split('\n')) {
    const [hosts, type, base64] = line.trim().split(/\s+/);
    if (hosts === undefined || type === undefined || base64 === undefined || hosts.startsWith('#')) continue;
    if (!hosts.split(',').some((h) => names.includes(h))) continue;
    keys.push({ type, base64, fingerprint: fingerprintOf(Buffer.from(base64, 'base64')) });
  }
  return keys;
}

/**
 * Checks an offered host key against the pin: 'pinned' when it matches, 'unknown' when nothing
 * is pinned yet; a different key throws HostKeyMismatchError.
 */
export async function checkHostKey(knownHostsFile: string, address: HostAddress, offered: HostKey): Promise<'pinned' | 'unknown'> {
  const pinned = await pinnedHostKeys(knownHostsFile, address);
  if (pinned.length === 0) return 'unknown';
  if (pinned.some((key) => key.base64 === offered.base64)) return 'pinned';
  throw new HostKeyMismatchError(describe(address), offered.fingerprint, pinned.map((key) => key.fingerprint));
}

/**
 * Pins a host key in Cairn's known_hosts. Refuses to replace a different pinned key unless
 * `replace` is set, which callers do only after the user confirmed the new fingerprint.
 */
export async function pinHostKey(
  knownHostsFile: string,
  address: HostAddress,
  key: HostKey,
  options: { replace?: boolean } = {},
): Promise<'added' | 'already-pinned' | 'replaced'> {
  const pinned = await pinnedHostKeys(knownHostsFile, address);
  if (pinned.some((p) => p.base64 === key.base64)) return 'already-pinned';
  if (pinned.length > 0 && options.replace !== true) {
    throw new HostKeyMismatchError(describe(address), key.fingerprint, pinned.map((p) => p.fingerprint));
  }
  const name = knownHostsName(address);
  const text = await readFile(knownHostsFile, 'utf8').catch(() => '');
  // Replacing drops only the lines naming exactly this server; other servers keep their pins.
  const kept = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => !(pinned.length > 0 && (line.trim().split(/\s+/)[0] ?? '').split(',').includes(name)));
  await writeFileAtomic(knownHostsFile, [...kept, `${name} ${key.type} ${key.base64}`, ''].join('\n'), 0o600);
  return pinned.length > 0 ? 'replaced' : 'added';
}

/**
 * Connects once and reads the host key the server offers, without logging in (the key is
 * refused, which ends the handshake). Throws SshError 'host-unreachable' when nothing answers.
 */
export async function fetchHostKey(address: HostAddress, timeoutMs = 10_000): Promise<HostKey> {
  const { Client } = await loadSsh2();
  return new Promise((resolve, reject) => {
    const client = new Client();
    let offered: HostKey | undefined;
    let failure: unknown;
    const finish = () => {
      client.end();
      if (offered) resolve(offered);
      else reject(unreachable(address, failure));
    };
    client.once('error', (error) => {
      failure ??= error;
      finish();
    });
    client.once('close', finish);
    client.connect({
      host: address.host,
      port: address.port,
      readyTimeout: timeoutMs,
      username: 'cairn-host-key-probe',
      hostVerifier: (blob: Buffer) => {
        try {
          offered = hostKeyFromBlob(blob);
        } catch (error) {
          failure = error;
        }
        return false;
      },
    });
  });
}

/** The error for a server that cannot be reached (closed port, unknown name, timeout). */
export function unreachable(address: HostAddress, cause: unknown): SshError {
  if (cause instanceof SshError) return cause;
  const detail = cause instanceof Error ? cause.message : 'no answer';
  return new SshError('host-unreachable', `Cannot reach an ssh server at ${describe(address)}: ${detail}.`, {
    hint: 'Check the host name and port, that the server is on, and that no firewall blocks the port.',
    cause,
  });
}
