import { shellQuote } from '../borg/rsh.js';
import { SshError } from './errors.js';

/** What a client key may do on the server: borg serve under one path, like NixOS `services.borgbackup.repos`. */
export interface ServeRestriction {
  /** Absolute directory the key is confined to (`--restrict-to-path`). */
  path: string;
  /** A stolen laptop cannot delete its backups: deletes only hide archives until the owner compacts. */
  appendOnly: boolean;
  /** borg `--storage-quota`, e.g. `500G`. */
  quota?: string | undefined;
  /** borg on the server; an absolute path does not depend on the forced command's PATH. */
  borgPath?: string | undefined;
  /** BORG_* variables for the server's borg (clients cannot send them), e.g. BORG_BASE_DIR. */
  environment?: Readonly<Record<string, string>> | undefined;
}

const QUOTA = /^[1-9]\d{0,5}(\.\d{1,3})?[KMGTP]?$/;
// Inside command="…" sshd only unescapes \" and the value goes through the login shell: quotes,
// backslashes and control characters are refused rather than escaped.
const UNSAFE = /["'\\`$\p{Cc}]/u;

/** Checks a server path for the forced command; throws SshError 'invalid-input' with the reason. */
export function validateServerPath(path: string): string {
  if (!path.startsWith('/')) throw new SshError('invalid-input', `The path on the server must be absolute (start with /): ${path}`);
  if (UNSAFE.test(path)) throw new SshError('invalid-input', `The path on the server must not contain quotes, backslashes, $, \` or control characters: ${JSON.stringify(path)}`);
  if (path.split('/').includes('..')) throw new SshError('invalid-input', `The path on the server must not contain "..": ${path}`);
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** Checks a storage quota such as `500G` (borg's own minimum is 10M). */
export function validateQuota(quota: string): string {
  if (!QUOTA.test(quota)) throw new SshError('invalid-input', `The quota must be a number with an optional K, M, G, T or P suffix, like 500G: ${JSON.stringify(quota)}`);
  return quota;
}

/** The forced command: borg serve confined to the path, with the chosen limits. */
export function serveCommand(restriction: ServeRestriction): string {
  const path = validateServerPath(restriction.path);
  const borg = restriction.borgPath ?? 'borg';
  if (UNSAFE.test(borg) || /\s/.test(borg)) throw new SshError('invalid-input', `Unusable borg path on the server: ${JSON.stringify(borg)}`);
  const env = Object.entries(restriction.environment ?? {}).map(([name, value]) => {
    if (!/^BORG_[A-Z_]+$/.test(name) || UNSAFE.test(value)) throw new SshError('invalid-input', `Unusable server environment ${name}=${JSON.stringify(value)}`);
    return `${name}=${shellQuote(value)}`;
  });
  const args = [borg, 'serve', '--restrict-to-path', shellQuote(path)];
  if (restriction.appendOnly) args.push('--append-only');
  if (restriction.quota !== undefined) args.push('--storage-quota', validateQuota(restriction.quota));
  return [...env, ...args].join(' ');
}

/** One parsed public key: `type base64 [comment]`. */
export interface PublicKey {
  type: string;
  base64: string;
  comment: string;
}

/** Parses `ssh-ed25519 AAAA… comment` (a .pub file's content); throws 'invalid-input' otherwise. */
export function parsePublicKey(text: string): PublicKey {
  const [type, base64, ...comment] = text.trim().split(/\s+/);
  if (type === undefined || base64 === undefined || !/^(ssh-|ecdsa-|sk-)[a-z0-9@.-]+$/.test(type) || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    throw new SshError('invalid-input', 'Not an ssh public key (expected "ssh-ed25519 AAAA… comment").');
  }
  if (/[\r\n]/.test(text.trim())) throw new SshError('invalid-input', 'The public key must be a single line.');
  return { type, base64, comment: comment.join(' ') };
}

/** The authorized_keys line that lets a key run only the restricted borg serve. */
export function restrictedLine(key: PublicKey, restriction: ServeRestriction, comment = key.comment): string {
  if (/[\r\n]/.test(comment)) throw new SshError('invalid-input', 'The key comment must be a single line.');
  return `command="${serveCommand(restriction)}",restrict ${key.type} ${key.base64}${comment ? ` ${comment}` : ''}`;
}

/** One authorized_keys line as sshd reads it: options (if any), then the key. */
export interface AuthorizedKeyLine {
  options: string;
  key: PublicKey;
}

/** Parses one authorized_keys line, or null for blanks, comments and lines it cannot read. */
export function parseAuthorizedKeyLine(line: string): AuthorizedKeyLine | null {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  // Options end at the first whitespace outside double quotes (sshd's own rule).
  let inQuotes = false;
  let end = 0;
  for (; end < trimmed.length; end++) {
    const char = trimmed[end];
    if (char === '\\' && inQuotes) end++;
    else if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === ' ' || char === '\t')) break;
  }
  const first = trimmed.slice(0, end);
  try {
    if (/^(ssh-|ecdsa-|sk-)/.test(first)) return { options: '', key: parsePublicKey(trimmed) };
    return { options: first, key: parsePublicKey(trimmed.slice(end)) };
  } catch {
    return null;
  }
}

/** Reads the value of `command="…"` from an options field. */
export function forcedCommandOf(options: string): string | null {
  const match = /(?:^|,)command="((?:[^"\\]|\\.)*)"/.exec(options);
  return match?.[1]?.replaceAll('\\"', '"') ?? null;
}

/**
 * Adds `line` to an authorized_keys text, keeping every existing byte as it was. A line for the
 * same key that is identical leaves the text unchanged; one with other options is an error (sshd
 * would use the first one, so appending would silently not apply the new restrictions).
 */
export function mergeAuthorizedKey(existing: string, line: string): { text: string; changed: boolean } {
  const wanted = parseAuthorizedKeyLine(line);
  if (!wanted) throw new SshError('invalid-input', 'Internal error: the authorized_keys line to add does not parse.');
  for (const current of existing.split('\n')) {
    const parsed = parseAuthorizedKeyLine(current);
    if (!parsed || parsed.key.base64 !== wanted.key.base64) continue;
    if (parsed.options === wanted.options) return { text: existing, changed: false };
    throw new SshError('key-authorized-differently', `This key is already in authorized_keys with other options: ${current.trim()}`, {
      hint: 'Cairn never edits existing lines: remove or edit that line on the server yourself, then pair again.',
    });
  }
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  return { text: `${existing}${separator}${line}\n`, changed: true };
}
