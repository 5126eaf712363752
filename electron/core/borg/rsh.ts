export { parseRepositoryUrl, type RepositoryLocation } from './repository-url.js';

/** The ssh settings of one repository: its own key and Cairn's pinned known_hosts. */
export interface RshOptions {
  keyFile?: string | undefined;
  knownHostsFile?: string | undefined;
}

/** Quotes a value for a POSIX shell, which is how borg splits BORG_RSH (Python's shlex). */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

// ssh reads an -o value like a config line: double quotes keep spaces, and `%` starts a token.
function sshConfigValue(path: string): string {
  if (/^[A-Za-z0-9_@+=:,./-]+$/.test(path)) return path;
  return `"${path.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('%', '%%')}"`;
}

/**
 * BORG_RSH for an ssh repository: no prompts (BatchMode), only pinned host keys, only this key,
 * and keepalives so a dead link fails instead of hanging.
 */
export function buildBorgRsh(options: RshOptions = {}): string {
  const args = ['ssh', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes'];
  if (options.knownHostsFile !== undefined) args.push('-o', `UserKnownHostsFile=${sshConfigValue(options.knownHostsFile)}`);
  if (options.keyFile !== undefined) {
    // ssh checks an -i path as written but expands %-tokens when loading it: no escape works for both.
    if (options.keyFile.includes('%')) throw new RangeError(`an ssh key path must not contain "%": ${options.keyFile}`);
    args.push('-i', options.keyFile, '-o', 'IdentitiesOnly=yes');
  }
  args.push('-o', 'ServerAliveInterval=10', '-o', 'ServerAliveCountMax=30');
  return args.map(shellQuote).join(' ');
}
