import type { ArchiveIndex, FolderEntry } from './index-reader.js';

/** One archive's copy of a path. */
export interface PathVersion {
  archiveName: string;
  start: string;
  /** null: the archive does not hold the path. */
  entry: FolderEntry | null;
  /** Differs from the previous (older) archive's copy: added, removed, or another size or time. */
  changed: boolean;
}

/** An archive and its opened index, oldest first. */
export interface IndexedArchive {
  archiveName: string;
  start: string;
  index: ArchiveIndex;
}

/** Every archive's copy of a path, oldest first, marking where it changed. */
export async function versionsOf(archives: readonly IndexedArchive[], path: string): Promise<PathVersion[]> {
  const clean = path.replace(/^\/+/, '').replace(/\/+$/, '');
  const versions: PathVersion[] = [];
  let previous: FolderEntry | null = null;
  for (const { archiveName, start, index } of archives) {
    const id = await index.lookup(clean);
    const entry = id === null ? null : await index.entry(id, clean);
    const changed = versions.length === 0 ? entry !== null : !same(previous, entry);
    versions.push({ archiveName, start, entry, changed });
    previous = entry;
  }
  return versions;
}

function same(a: FolderEntry | null, b: FolderEntry | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && a.size === b.size && a.mtime === b.mtime && a.mode === b.mode && a.linkTarget === b.linkTarget && a.childCount === b.childCount;
}
