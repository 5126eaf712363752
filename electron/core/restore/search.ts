import type { ArchiveIndex, FolderEntry } from './index-reader.js';

/** A search the user typed: a glob (`*.pdf`, `report-202?.txt`) or else a piece of a name (any case). */
export function nameMatcher(query: string): (name: string) => boolean {
  const trimmed = query.trim();
  if (!/[*?[]/.test(trimmed)) {
    const needle = trimmed.toLowerCase();
    return (name) => name.toLowerCase().includes(needle);
  }
  let source = '';
  for (let i = 0; i < trimmed.length; i++) {
    const char = trimmed[i] ?? '';
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const close = trimmed.indexOf(']', i + 2);
      if (close < 0) source += '\\[';
      else {
        const body = trimmed.slice(i + 1, close).replace(/\\/g, '\\\\');
        source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = close;
      }
    } else source += char.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  const pattern = new RegExp(`^${source}$`, 'is');
  return (name) => pattern.test(name);
}

/** What a search found in one archive. */
export interface SearchResult {
  entries: FolderEntry[];
  /** More matched than the limit. */
  truncated: boolean;
}

/** Entries of an archive whose name matches, in index order (folder by folder), at most `limit`. */
export async function searchIndex(index: ArchiveIndex, query: string, options: { limit?: number | undefined; signal?: AbortSignal | undefined } = {}): Promise<SearchResult> {
  const limit = options.limit ?? 500;
  const matches = nameMatcher(query);
  const found: { id: number; name: string }[] = [];
  let truncated = false;
  await index.scan((id, _record, name) => {
    if (!matches(name)) return;
    if (found.length >= limit) {
      truncated = true;
      return false;
    }
    found.push({ id, name });
  }, options.signal);
  const folders = new Map<number, string>();
  const entries: FolderEntry[] = [];
  for (const { id, name } of found) {
    const record = await index.record(id);
    let folder = folders.get(record.parent);
    if (folder === undefined) {
      folder = await index.pathOf(record.parent);
      folders.set(record.parent, folder);
    }
    entries.push(await index.entry(id, folder === '' ? name : `${folder}/${name}`));
  }
  return { entries, truncated };
}
