import { shellQuote } from '../borg/rsh.js';
import { mergeAuthorizedKey } from './authorized-keys.js';
import { SshError } from './errors.js';
import type { SshSession } from './session.js';

/** The oldest borg the server may run: `compact` and the 1.2 protocol are needed. */
export const MIN_SERVER_BORG = [1, 2] as const;

/** borg on the server: where it is (absolute, for the forced command) and its version. */
export async function checkRemoteBorg(session: SshSession, borg = 'borg'): Promise<{ path: string; version: string }> {
  const q = shellQuote(borg);
  const result = await session.exec(`p=$(command -v ${q}) && "$p" --version && printf '%s\\n' "$p"`);
  const [versionLine, path] = result.stdout.trim().split('\n').map((line) => line.trim());
  if (result.code !== 0 || versionLine === undefined || path === undefined) {
    throw new SshError('borg-missing', `borg is not installed on the server (or not in the PATH of a non-interactive login): ${(result.stderr.trim() || `"${borg}" not found`)}`, {
      hint: 'Install BorgBackup 1.2 or later on the server (e.g. apt install borgbackup), then pair again.',
    });
  }
  const match = /(\d+)\.(\d+)\.(\d+)\S*/.exec(versionLine);
  const version = match?.[0] ?? versionLine;
  const [major, minor] = [Number(match?.[1] ?? 0), Number(match?.[2] ?? 0)];
  if (major < MIN_SERVER_BORG[0] || (major === MIN_SERVER_BORG[0] && minor < MIN_SERVER_BORG[1])) {
    throw new SshError('borg-too-old', `The server has borg ${version}; Cairn needs ${MIN_SERVER_BORG.join('.')} or later there.`, {
      hint: 'Upgrade BorgBackup on the server (the 1.2 series or newer), then pair again.',
    });
  }
  return { path: path.startsWith('/') ? path : borg, version };
}

/** Creates the directory if needed, proves it is writable, and reads the free space (df -Pk). */
export async function prepareRemotePath(session: SshSession, path: string): Promise<{ created: boolean; freeBytes: number | null }> {
  const q = shellQuote(path);
  const script = [
    `if [ -d ${q} ]; then echo existed; else mkdir -p -- ${q} && chmod 700 -- ${q} && echo created; fi`,
    `t=${q}/.cairn-write-test.$$ && : > "$t" && rm -f -- "$t"`,
    `df -Pk -- ${q} | tail -n 1`,
  ].join(' && ');
  const result = await session.exec(script);
  if (result.code !== 0) {
    throw new SshError('path-not-writable', `Cannot create or write to ${path} on the server: ${result.stderr.trim() || `exit code ${result.code}`}`, {
      hint: 'Choose a directory this user can write to, or ask the server admin to create it and give this user ownership.',
    });
  }
  const [state, df] = result.stdout.trim().split('\n');
  const available = Number(df?.trim().split(/\s+/)[3]);
  return { created: state === 'created', freeBytes: Number.isFinite(available) ? available * 1024 : null };
}

/**
 * Adds `line` to the server's authorized_keys. Existing lines are kept byte for byte; the new
 * file is written to a temp file in the same directory and renamed over the old one, so an
 * interrupted pairing leaves either the old file or the complete new one.
 */
export async function installAuthorizedKey(session: SshSession, file: string, line: string): Promise<'added' | 'already-present'> {
  const q = shellQuote(file);
  const read = await session.exec(`if [ -e ${q} ]; then cat -- ${q}; fi`);
  if (read.code !== 0) {
    throw new SshError('authorized-keys-unwritable', `Cannot read ${file} on the server: ${read.stderr.trim()}`);
  }
  // latin1 maps each byte to one char and back: unusual bytes in other lines survive unchanged.
  const oldText = read.bytes.toString('latin1');
  const oldLength = read.bytes.length;
  const merged = mergeAuthorizedKey(oldText, Buffer.from(line, 'utf8').toString('latin1'));
  const newBytes = Buffer.from(merged.text, 'latin1');
  if (!merged.changed) return 'already-present';
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) || '/' : '.';
  const qd = shellQuote(dir);
  const script = [
    'umask 077',
    `if [ ! -d ${qd} ]; then mkdir -p -- ${qd} && chmod 700 -- ${qd}; fi`,
    `t=${qd}/.authorized_keys.cairn.$$`,
    `trap 'rm -f -- "$t"' EXIT`,
    `cat > "$t"`,
    `chmod 600 -- "$t"`,
    // Someone edited the file since it was read: stop rather than lose their edit.
    `{ if [ -e ${q} ]; then [ "$(wc -c < ${q} | tr -d ' ')" -eq ${oldLength} ] && head -c ${oldLength} "$t" | cmp -s - ${q}; else [ ${oldLength} -eq 0 ]; fi; } || { echo 'it was changed by someone else while Cairn was pairing' >&2; false; }`,
    `mv -f -- "$t" ${q}`,
  ].join(' && ');
  const written = await session.exec(script, newBytes);
  if (written.code !== 0) {
    throw new SshError('authorized-keys-unwritable', `Cannot write ${file} on the server: ${written.stderr.trim() || `exit code ${written.code}`}`, {
      hint: 'Check the ownership and permissions of ~/.ssh and authorized_keys on the server; nothing was changed.',
    });
  }
  const check = await session.exec(`cat -- ${q}`);
  if (!check.bytes.equals(newBytes)) {
    throw new SshError('authorized-keys-unwritable', `${file} on the server changed while Cairn was writing it; check it by hand.`);
  }
  return 'added';
}
