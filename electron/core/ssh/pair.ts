import { parsePublicKey, restrictedLine, validateQuota, validateServerPath } from './authorized-keys.js';
import { SshError } from './errors.js';
import { checkHostKey, fetchHostKey, pinHostKey, type HostKey } from './host-key.js';
import { ensureCairnKeyPair } from './keys.js';
import { checkRemoteBorg, installAuthorizedKey, prepareRemotePath } from './remote-checks.js';
import { openSession, type LoginAuth } from './session.js';

export type { LoginAuth } from './session.js';

/** The steps of a pairing, in order, as the UI and the CLI show them. */
export type PairStepId = 'key' | 'host-key' | 'login' | 'borg' | 'path' | 'authorize';

/** One finished step and what it did (on the server, when `remote` is set). */
export interface PairStep {
  step: PairStepId;
  message: string;
  remote: boolean;
}

export interface PairOptions {
  host: string;
  port?: number | undefined;
  user: string;
  /** How to log in this once; afterwards only Cairn's restricted key is used. */
  auth: LoginAuth;
  /** Directory on the server the key is confined to; the repository is created there. */
  path: string;
  appendOnly: boolean;
  quota?: string | undefined;
  /** Shows an unknown host key's fingerprint to the user; false refuses the server. */
  confirmHostKey: (fingerprint: string, key: HostKey) => Promise<boolean>;
  onStep?: ((step: PairStep) => void) | undefined;
  /** Where Cairn's key pair lives (data dir + `/ssh`). */
  keyDir: string;
  /** Passphrase of a new Cairn key (borg then needs an agent or prompt: leave unset for unattended backups). */
  keyPassphrase?: string | undefined;
  /** Cairn's own known_hosts, the one BORG_RSH uses. */
  knownHostsFile: string;
  /** authorized_keys on the server (relative paths are from the login directory). */
  authorizedKeysFile?: string | undefined;
  /** The borg command on the server (found in the login PATH by default). */
  remoteBorg?: string | undefined;
  /** BORG_* variables set in the forced command (e.g. BORG_BASE_DIR for a borg user without a home). */
  serveEnvironment?: Readonly<Record<string, string>> | undefined;
  /** Re-pin a changed host key: only this exact fingerprint, which the user confirmed, is accepted. */
  replacePinnedHostKey?: string | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

/** What pairing did, and the repository settings to save. */
export interface PairResult {
  /** `ssh://user@host:port/PATH`: the repository location for borg. */
  url: string;
  ssh: { keyFile: string; knownHostsFile: string };
  hostKey: HostKey;
  serverBorg: { path: string; version: string };
  authorizedKeyLine: string;
  keyInstalled: 'added' | 'already-present';
  freeBytes: number | null;
  steps: PairStep[];
}

const DEFAULT_AUTHORIZED_KEYS = '.ssh/authorized_keys';

function validateTarget(options: PairOptions): { host: string; port: number; user: string; path: string } {
  const port = options.port ?? 22;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new SshError('invalid-input', `The port must be a number from 1 to 65535: ${port}`);
  if (!/^[A-Za-z0-9._-]+$/.test(options.host)) throw new SshError('invalid-input', `Not a host name or IPv4 address: ${JSON.stringify(options.host)}`);
  if (!/^[A-Za-z0-9._][A-Za-z0-9._-]*$/.test(options.user)) throw new SshError('invalid-input', `Not a user name: ${JSON.stringify(options.user)}`);
  if (options.quota !== undefined) validateQuota(options.quota);
  return { host: options.host, port, user: options.user, path: validateServerPath(options.path) };
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/**
 * Pairs this computer with a backup server: checks the host key (pinned, or confirmed by the
 * user), logs in once with what the user has, checks borg and the path on the server, and
 * installs Cairn's own key restricted to `borg serve` under the path. Pairing again changes
 * nothing on the server. Each step is reported through onStep.
 */
export async function pairWithServer(options: PairOptions): Promise<PairResult> {
  const target = validateTarget(options);
  const address = { host: target.host, port: target.port };
  const steps: PairStep[] = [];
  const report = (step: PairStepId, message: string, remote = false) => {
    const entry = { step, message, remote };
    steps.push(entry);
    options.onStep?.(entry);
  };
  const checkAborted = () => {
    if (options.signal?.aborted) {
      const done = steps.filter((s) => s.remote).map((s) => s.message);
      throw new SshError('interrupted', `Pairing was cancelled.${done.length ? ` Already done on the server: ${done.join(' ')}` : ' Nothing was changed on the server.'}`);
    }
  };

  const key = await ensureCairnKeyPair({ dir: options.keyDir, passphrase: options.keyPassphrase });
  report('key', key.created ? `Created Cairn's ssh key ${key.privateKeyFile}.` : `Using Cairn's ssh key ${key.privateKeyFile}.`);

  const offered = await fetchHostKey(address, options.timeoutMs);
  let replace = false;
  let pinState: 'pinned' | 'unknown';
  try {
    pinState = await checkHostKey(options.knownHostsFile, address, offered);
  } catch (error) {
    if (options.replacePinnedHostKey === undefined || options.replacePinnedHostKey !== offered.fingerprint) throw error;
    replace = true;
    pinState = 'unknown';
  }
  if (pinState === 'unknown' && !replace && !(await options.confirmHostKey(offered.fingerprint, offered))) {
    throw new SshError('host-key-rejected', `The host key ${offered.fingerprint} of ${target.host} was not confirmed; nothing was done.`, {
      hint: "Compare it with the server's own: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub (run on the server).",
    });
  }
  checkAborted();

  const session = await openSession({ ...address, user: target.user }, options.auth, offered, { timeoutMs: options.timeoutMs, signal: options.signal });
  try {
    const pinned = await pinHostKey(options.knownHostsFile, address, offered, { replace });
    report('host-key', pinned === 'already-pinned' ? `Host key ${offered.fingerprint} matches the pinned one.` : `Pinned host key ${offered.fingerprint} (${offered.type}).`);
    report('login', `Logged in to ${target.host} as ${target.user}.`);
    checkAborted();

    const serverBorg = await checkRemoteBorg(session, options.remoteBorg);
    report('borg', `Found borg ${serverBorg.version} at ${serverBorg.path} on the server.`);
    checkAborted();

    const prepared = await prepareRemotePath(session, target.path);
    const free = prepared.freeBytes === null ? '' : ` ${gib(prepared.freeBytes)} free.`;
    report('path', `${prepared.created ? `Created ${target.path} (mode 0700)` : `${target.path} exists`} and is writable.${free}`, prepared.created);
    checkAborted();

    const line = restrictedLine(parsePublicKey(key.publicKey), {
      path: target.path,
      appendOnly: options.appendOnly,
      quota: options.quota,
      borgPath: serverBorg.path,
      environment: options.serveEnvironment,
    });
    const file = options.authorizedKeysFile ?? DEFAULT_AUTHORIZED_KEYS;
    const shown = file === DEFAULT_AUTHORIZED_KEYS ? '~/.ssh/authorized_keys' : file;
    const installed = await installAuthorizedKey(session, file, line);
    report(
      'authorize',
      installed === 'added'
        ? `Added Cairn's key to ${shown}, restricted to: ${line.slice(0, line.indexOf(',restrict'))}.`
        : `Cairn's key was already in ${shown} with the same restrictions; nothing changed.`,
      installed === 'added',
    );
    return {
      url: `ssh://${target.user}@${target.host}:${target.port}${target.path}`,
      ssh: { keyFile: key.privateKeyFile, knownHostsFile: options.knownHostsFile },
      hostKey: offered,
      serverBorg,
      authorizedKeyLine: line,
      keyInstalled: installed,
      freeBytes: prepared.freeBytes,
      steps,
    };
  } finally {
    session.close();
  }
}
