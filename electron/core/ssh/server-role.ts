import { chmod, lstat, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../config/atomic-write.js';
import {
  forcedCommandOf,
  mergeAuthorizedKey,
  parseAuthorizedKeyLine,
  parsePublicKey,
  restrictedLine,
  validateServerPath,
} from './authorized-keys.js';
import { SshError } from './errors.js';

/** The current user's authorized_keys, where `cairn server add-client` writes by default. */
export function defaultAuthorizedKeysFile(): string {
  return join(homedir(), '.ssh', 'authorized_keys');
}

export interface AddClientOptions {
  /** Shown by `server list`; stored as the key's comment. */
  name: string;
  /** The client's public key line (`ssh-ed25519 AAAA… comment`). */
  publicKey: string;
  path: string;
  appendOnly: boolean;
  quota?: string | undefined;
  authorizedKeysFile: string;
  /** borg on this server, absolute so the forced command does not depend on PATH. */
  borgPath?: string | undefined;
  serveEnvironment?: Readonly<Record<string, string>> | undefined;
}

/**
 * Lets a client back up to this machine, like NixOS `services.borgbackup.repos`: creates its
 * directory (0700, owned by the current user) and adds its key restricted to borg serve there.
 * Idempotent; existing authorized_keys lines are never changed.
 */
export async function addClient(options: AddClientOptions): Promise<{ line: string; keyAdded: boolean; directoryCreated: boolean }> {
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(options.name)) {
    throw new SshError('invalid-input', `A client name is 1 to 64 letters, digits, dots, dashes, underscores or @: ${JSON.stringify(options.name)}`);
  }
  const path = validateServerPath(options.path);
  const line = restrictedLine(parsePublicKey(options.publicKey), { ...options, path, environment: options.serveEnvironment }, options.name);
  const file = options.authorizedKeysFile;
  const existing = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return Buffer.alloc(0);
    throw new SshError('authorized-keys-unwritable', `Cannot read ${file}: ${error.message}`);
  });
  // latin1 round-trips every byte, so unusual lines stay exactly as they were.
  const merged = mergeAuthorizedKey(existing.toString('latin1'), Buffer.from(line, 'utf8').toString('latin1'));
  const directoryCreated = await stat(path).then(
    () => false,
    async () => {
      try {
        await mkdir(path, { recursive: true, mode: 0o700 });
        await chmod(path, 0o700); // mkdir's mode is filtered by the umask
      } catch (error) {
        throw new SshError('path-not-writable', `Cannot create ${path}: ${(error as Error).message}`, { cause: error });
      }
      return true;
    },
  );
  if (merged.changed) {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 }).catch(() => undefined);
    const mode = await stat(file).then((s) => s.mode & 0o777, () => 0o600);
    try {
      await writeFileAtomic(file, Buffer.from(merged.text, 'latin1'), mode);
    } catch (error) {
      throw new SshError('authorized-keys-unwritable', `Cannot write ${file}: ${(error as Error).message}`, { cause: error });
    }
  }
  return { line, keyAdded: merged.changed, directoryCreated };
}

/** One client as `cairn server list` shows it. */
export interface ClientStatus {
  name: string;
  path: string;
  appendOnly: boolean;
  quota: string | null;
  /** Bytes on disk under the path; null when it cannot be read. */
  sizeBytes: number | null;
  /** Newest write of a repository transaction (hints/integrity/index file), a proxy for the last archive. */
  lastActivity: Date | null;
  /** No activity for longer than the stale limit (or never). */
  stale: boolean;
}

/** Reads the value after a flag in a forced command (plain or single-quoted). */
function flagValue(command: string, flag: string): string | null {
  const match = new RegExp(`${flag}(?:=|\\s+)('([^']*)'|(\\S+))`).exec(command);
  return match ? (match[2] ?? match[3] ?? null) : null;
}

/** Size on disk and newest transaction file under a repository directory. */
async function scan(root: string): Promise<{ size: number; newest: number | null } | null> {
  let size = 0;
  let newest: number | null = null;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const info = await lstat(path);
      size += info.blocks * 512;
      if (entry.isDirectory()) await walk(path);
      else if (/^(hints|integrity|index)\.\d+$/.test(entry.name)) newest = Math.max(newest ?? 0, info.mtimeMs);
    }
  };
  try {
    size += (await lstat(root)).blocks * 512;
    await walk(root);
    return { size, newest };
  } catch {
    return null;
  }
}

/**
 * The clients of this server: every authorized_keys line whose forced command is a restricted
 * borg serve, with its repository size and last activity; `stale` flags a client that stopped.
 */
export async function listClients(options: { authorizedKeysFile: string; staleDays: number; now?: Date }): Promise<ClientStatus[]> {
  const now = options.now ?? new Date();
  const text = await readFile(options.authorizedKeysFile, 'latin1').catch(() => '');
  const clients: ClientStatus[] = [];
  for (const raw of text.split('\n')) {
    const parsed = parseAuthorizedKeyLine(raw);
    const command = parsed ? forcedCommandOf(parsed.options) : null;
    if (!parsed || !command || !/\bborg\S*\s+serve\b/.test(command)) continue;
    const path = flagValue(command, '--restrict-to-(?:path|repository)');
    if (path === null) continue;
    const found = await scan(path);
    const lastActivity = found?.newest == null ? null : new Date(found.newest);
    clients.push({
      name: Buffer.from(parsed.key.comment, 'latin1').toString('utf8') || `${parsed.key.type} …${parsed.key.base64.slice(-8)}`,
      path,
      appendOnly: /--append-only\b/.test(command),
      quota: flagValue(command, '--storage-quota'),
      sizeBytes: found?.size ?? null,
      lastActivity,
      stale: lastActivity === null || now.getTime() - lastActivity.getTime() > options.staleDays * 86_400_000,
    });
  }
  return clients;
}
