import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { serveCommand, validateQuota, validateServerPath } from '../../ssh/authorized-keys.js';
import { SshError, type SshErrorCode } from '../../ssh/errors.js';
import { isPassphraseProtected } from '../../ssh/keys.js';
import type { LoginAuth } from '../../ssh/pair.js';
import type { FieldError, MethodInput, PairStep } from '../contract.js';

type PairInput = MethodInput<'ssh.pair'>;

const HOST = /^[A-Za-z0-9._-]+$/;
const USER = /^[A-Za-z0-9._][A-Za-z0-9._-]*$/;
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;
// Files in ~/.ssh that are never private keys.
const NOT_KEYS = new Set(['authorized_keys', 'authorized_keys2', 'known_hosts', 'known_hosts.old', 'config', 'environment', 'rc']);

/** The user's ~/.ssh: the only place a login key may come from (the window is untrusted). */
export function userSshDir(): string {
  return join(homedir(), '.ssh');
}

/** Field errors for a server address, before anything connects. */
export function addressErrors(input: { host: string; port: number; user: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (!HOST.test(input.host)) errors.push({ path: 'host', message: 'Enter a host name or IPv4 address (letters, digits, dots and dashes only).' });
  if (!USER.test(input.user)) errors.push({ path: 'user', message: 'Enter the user name on the server (letters, digits, dots, dashes, underscores).' });
  return errors;
}

function errorOf(path: string, check: () => unknown): FieldError[] {
  try {
    check();
    return [];
  } catch (error) {
    return [{ path, message: error instanceof Error ? error.message : String(error) }];
  }
}

/** Every field problem of a pairing request, so the form can show them all at once. */
export function pairRequestErrors(input: PairInput): FieldError[] {
  const quota = input.quota?.trim() || null;
  const { remoteBorg, serveEnvironment } = input.advanced ?? {};
  return [
    ...addressErrors(input),
    ...(FINGERPRINT.test(input.confirmedFingerprint)
      ? []
      : [{ path: 'confirmedFingerprint', message: 'Not a host key fingerprint (SHA256:… as ssh shows it).' }]),
    ...errorOf('path', () => validateServerPath(input.path)),
    ...(quota === null ? [] : errorOf('quota', () => validateQuota(quota))),
    ...(remoteBorg === undefined ? [] : errorOf('advanced.remoteBorg', () => serveCommand({ path: '/', appendOnly: false, borgPath: remoteBorg }))),
    ...(serveEnvironment === undefined
      ? []
      : errorOf('advanced.serveEnvironment', () => serveCommand({ path: '/', appendOnly: false, environment: serveEnvironment }))),
  ];
}

function expandHome(file: string): string {
  return resolve(file.startsWith('~/') ? join(homedir(), file.slice(2)) : file);
}

/** A key file the user may log in with: directly in ~/.ssh, not a public key or another ssh file. */
export function keyFileError(keyFile: string): string | null {
  const file = expandHome(keyFile);
  if (dirname(file) !== userSshDir() || file.endsWith('.pub') || NOT_KEYS.has(basename(file))) {
    return `Choose one of your private keys in ${userSshDir()} (such as id_ed25519).`;
  }
  return null;
}

/** Turns the request's login choice into what pairWithServer needs, or the field error. */
export async function loginAuthOf(auth: PairInput['auth']): Promise<LoginAuth | FieldError> {
  if (auth.kind === 'password') return { password: auth.password };
  if (auth.kind === 'agent') {
    const agent = process.env.SSH_AUTH_SOCK;
    return agent ? { agent } : { path: 'auth', message: 'No ssh-agent is running for Cairn; choose a password or a key instead.' };
  }
  const problem = keyFileError(auth.keyFile);
  if (problem) return { path: 'auth.keyFile', message: problem };
  const privateKeyFile = expandHome(auth.keyFile);
  if (!auth.passphrase && (await isPassphraseProtected(privateKeyFile))) {
    return { path: 'auth.passphrase', message: `${basename(privateKeyFile)} is protected by a passphrase: enter it.` };
  }
  return { privateKeyFile, passphrase: auth.passphrase || undefined };
}

/** The user's private keys in ~/.ssh, for the login choice. */
export async function listLoginKeys(): Promise<{ file: string; label: string; passphraseProtected: boolean }[]> {
  const dir = userSshDir();
  const names = (await readdir(dir).catch(() => [])).filter((name) => !name.endsWith('.pub') && !NOT_KEYS.has(name)).sort();
  const keys = [];
  for (const name of names) {
    const file = join(dir, name);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile() || info.size > 64 * 1024) continue;
    const text = await readFile(file, 'utf8').catch(() => '');
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) continue;
    keys.push({ file, label: `~/.ssh/${name}`, passphraseProtected: await isPassphraseProtected(file) });
  }
  return keys;
}

const STEP_OF: Partial<Record<SshErrorCode, PairStep>> = {
  'host-unreachable': 'host-key',
  'host-key-rejected': 'host-key',
  'host-key-mismatch': 'host-key',
  'auth-failed': 'login',
  'key-unreadable': 'login',
  'borg-missing': 'borg',
  'borg-too-old': 'borg',
  'path-not-writable': 'path',
  'authorized-keys-unwritable': 'authorize',
  'key-authorized-differently': 'authorize',
};

const FIELD_OF: Partial<Record<SshErrorCode, string>> = {
  'host-unreachable': 'host',
  'host-key-rejected': 'confirmedFingerprint',
  'host-key-mismatch': 'confirmedFingerprint',
  'auth-failed': 'auth',
  'key-unreadable': 'auth.keyFile',
  'path-not-writable': 'path',
};

/** Where a pairing failure belongs: the step it stopped at, and the field to fix (if one). */
export function placeFailure(error: unknown, current: PairStep): { step: PairStep; message: string; hint: string | null; errors: FieldError[] } {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof SshError)) return { step: current, message, hint: null, errors: [] };
  const field = FIELD_OF[error.code];
  return {
    step: STEP_OF[error.code] ?? current,
    message,
    hint: error.hint ?? null,
    errors: field ? [{ path: field, message }] : [],
  };
}
