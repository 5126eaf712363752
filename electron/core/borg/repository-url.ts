/** Where a repository lives, as borg reads its location. */
export type RepositoryLocation =
  | { kind: 'local'; path: string }
  | { kind: 'ssh'; user?: string | undefined; host: string; port?: number | undefined; path: string };

// ssh://[user@]host[:port]/path; a host may be an [IPv6] literal. `/./rel` and `/~/rel` are relative.
const sshUrl = /^ssh:\/\/(?:([^@/\s]+)@)?(\[[^\]\s]+\]|[^@/:\s]+)(?::(\d{1,5}))?(\/.*)$/;
// scp style: [user@]host:path (no port).
const scpUrl = /^(?:([^@/:\s]+)@)?(\[[^\]\s]+\]|[^@/:\s]+):(.+)$/;

/** Tells local repositories from ssh ones (which need BORG_RSH) and splits an ssh location into parts. */
export function parseRepositoryUrl(url: string): RepositoryLocation {
  const trimmed = url.trim();
  if (trimmed.startsWith('file://')) return { kind: 'local', path: trimmed.slice('file://'.length) };
  const ssh = sshUrl.exec(trimmed);
  if (ssh !== null) {
    const [, user, host = '', port, rawPath = ''] = ssh;
    const path = rawPath.startsWith('/./') ? rawPath.slice(1) : rawPath.startsWith('/~') ? rawPath.slice(1) : rawPath;
    return { kind: 'ssh', user, host: unbracket(host), port: port === undefined ? undefined : Number(port), path };
  }
  // A local path may contain ':' (e.g. /mnt/disk:1), so only non-absolute strings can be scp style.
  if (!trimmed.startsWith('/')) {
    const scp = scpUrl.exec(trimmed);
    if (scp !== null) {
      const [, user, host = '', path = ''] = scp;
      return { kind: 'ssh', user, host: unbracket(host), path };
    }
  }
  return { kind: 'local', path: trimmed };
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
