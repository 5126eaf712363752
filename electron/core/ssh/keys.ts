import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../config/atomic-write.js';
import { SshError } from './errors.js';
import { loadSsh2 } from './ssh2.js';

/** File name of Cairn's dedicated key in its data dir (`.pub` next to it). */
export const CAIRN_KEY_NAME = 'id_ed25519_cairn';

/** Cairn's own ssh key pair: the private key file for BORG_RSH, the public line for authorized_keys. */
export interface CairnKeyPair {
  privateKeyFile: string;
  publicKeyFile: string;
  /** `ssh-ed25519 AAAA… comment`, one line without a newline. */
  publicKey: string;
  /** False when an existing pair was reused. */
  created: boolean;
}

export interface KeyPairOptions {
  /** Directory for the pair (Cairn's data dir + `/ssh`); created 0700 when missing. */
  dir: string;
  /** Encrypts a new private key (bcrypt KDF, aes256-ctr, as ssh-keygen does). */
  passphrase?: string | undefined;
  comment?: string | undefined;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** `type base64 comment` of a parsed private key, as ssh-keygen -y prints it. */
async function publicLineOf(privateKeyText: string, passphrase: string | undefined, file: string): Promise<string> {
  const { utils } = await loadSsh2();
  const parsed = utils.parseKey(privateKeyText, passphrase);
  if (parsed instanceof Error) {
    throw new SshError('key-unreadable', `Cannot read the private key ${file}: ${parsed.message}`, {
      hint: 'If it is passphrase-protected, give its passphrase.',
    });
  }
  const comment = parsed.comment ? ` ${parsed.comment}` : '';
  return `${parsed.type} ${parsed.getPublicSSH().toString('base64')}${comment}`;
}

/**
 * Cairn's dedicated ed25519 key pair, made once: an existing pair in `dir` is reused (so pairing
 * again installs the same key), a missing `.pub` is rebuilt from the private key.
 */
export async function ensureCairnKeyPair(options: KeyPairOptions): Promise<CairnKeyPair> {
  const privateKeyFile = join(options.dir, CAIRN_KEY_NAME);
  const publicKeyFile = `${privateKeyFile}.pub`;
  if (await exists(privateKeyFile)) {
    // ssh refuses a private key others can read; repair the mode rather than fail later in borg.
    await chmod(privateKeyFile, 0o600);
    if (await exists(publicKeyFile)) {
      return { privateKeyFile, publicKeyFile, publicKey: (await readFile(publicKeyFile, 'utf8')).trim(), created: false };
    }
    const publicKey = await publicLineOf(await readFile(privateKeyFile, 'utf8'), options.passphrase, privateKeyFile);
    await writeFile(publicKeyFile, `${publicKey}\n`, { mode: 0o644 });
    return { privateKeyFile, publicKeyFile, publicKey, created: false };
  }
  const comment = options.comment ?? `cairn@${hostname()}`;
  const { utils } = await loadSsh2();
  const pair =
    options.passphrase === undefined || options.passphrase === ''
      ? utils.generateKeyPairSync('ed25519', { comment })
      : utils.generateKeyPairSync('ed25519', { comment, passphrase: options.passphrase, cipher: 'aes256-ctr', rounds: 16 });
  // Public key first: a crash in between leaves no private key, so the next call starts over.
  await writeFileAtomic(publicKeyFile, `${pair.public.trim()}\n`, 0o644);
  await writeFileAtomic(privateKeyFile, pair.private.endsWith('\n') ? pair.private : `${pair.private}\n`, 0o600);
  return { privateKeyFile, publicKeyFile, publicKey: pair.public.trim(), created: true };
}

/** Whether a private key file needs a passphrase (so the CLI asks for one only then). */
export async function isPassphraseProtected(privateKeyFile: string): Promise<boolean> {
  const { utils } = await loadSsh2();
  const text = await readFile(privateKeyFile, 'utf8').catch(() => '');
  const parsed = utils.parseKey(text);
  return parsed instanceof Error && /passphrase|encrypted/i.test(parsed.message);
}
