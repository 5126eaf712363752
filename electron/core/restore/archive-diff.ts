import { diffArgs } from '../borg/argv/diff.js';
import { ensureOk, runBorg } from '../borg/runner.js';
import type { BorgBinary, RepositoryAccess } from '../borg/types.js';

/** One changed path between two archives. */
export interface DiffEntry {
  path: string;
  /** For added/removed: `file`, `directory`, `link`… as borg says it. */
  what: string;
  /** For modified: `content`, `mode`, `owner`, `mtime`, `link`. */
  changes: string[];
  /** Size of an added or removed file; bytes added and removed for modified content. */
  size: number | null;
  added: number | null;
  removed: number | null;
}

/** What changed from one archive to a later one. */
export interface ArchiveDiff {
  added: DiffEntry[];
  removed: DiffEntry[];
  modified: DiffEntry[];
  /** The counts, also of what was left out past the limit. */
  totals: { added: number; removed: number; modified: number };
  truncated: boolean;
}

interface Change {
  type?: unknown;
  size?: unknown;
  added?: unknown;
  removed?: unknown;
}

const changeNames: Record<string, string> = { modified: 'content', mode: 'mode', owner: 'owner', mtime: 'mtime', 'changed link': 'link' };

/** One `borg diff --json-lines` line as a diff entry, sorted into added, removed or modified (ctime alone is not a change a person sees). */
export function parseDiffLine(line: string): { status: 'added' | 'removed' | 'modified'; entry: DiffEntry } | null {
  const parsed = JSON.parse(line) as { path?: unknown; changes?: unknown };
  if (typeof parsed.path !== 'string' || !Array.isArray(parsed.changes)) return null;
  const changes = parsed.changes as Change[];
  const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);
  for (const change of changes) {
    const type = typeof change.type === 'string' ? change.type : '';
    const [verb, ...rest] = type.split(' ');
    if (verb === 'added' || verb === 'removed') {
      return { status: verb, entry: { path: parsed.path, what: rest.join(' ') || 'file', changes: [], size: number(change.size), added: null, removed: null } };
    }
  }
  const kinds = changes.map((c) => changeNames[typeof c.type === 'string' ? c.type : ''] ?? null).filter((k): k is string => k !== null);
  if (kinds.length === 0) return null;
  const content = changes.find((c) => c.type === 'modified');
  return {
    status: 'modified',
    entry: { path: parsed.path, what: 'file', changes: kinds, size: null, added: number(content?.added), removed: number(content?.removed) },
  };
}

/** Compares two archives of a repository (`archive` the older one); at most `limit` entries of each kind are kept. */
export async function diffArchives(
  borg: BorgBinary,
  access: RepositoryAccess,
  options: { archive: string; other: string; lockWait?: number | undefined; signal?: AbortSignal | undefined; limit?: number | undefined },
): Promise<ArchiveDiff> {
  const limit = options.limit ?? 10_000;
  const diff: ArchiveDiff = { added: [], removed: [], modified: [], totals: { added: 0, removed: 0, modified: 0 }, truncated: false };
  ensureOk(
    await runBorg(borg, {
      args: diffArgs({ archive: options.archive, other: options.other, lockWait: options.lockWait }),
      repository: access,
      signal: options.signal,
      onStdoutLine: (line) => {
        const found = parseDiffLine(line);
        if (!found) return;
        diff.totals[found.status] += 1;
        if (diff[found.status].length < limit) diff[found.status].push(found.entry);
        else diff.truncated = true;
      },
    }),
  );
  for (const list of [diff.added, diff.removed, diff.modified]) list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return diff;
}
