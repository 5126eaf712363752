import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { FolderEntry, FolderPage, ListOptions } from './index-reader.js';

const DETAILED_LIMIT = 5_000;

/**
 * A folder of a mounted archive as a page of entries, for the first open while the index is
 * still being built. Big folders are sorted by name only: every stat goes through FUSE.
 */
export async function listMountedFolder(mountpoint: string, path: string, options: ListOptions = {}): Promise<FolderPage | null> {
  const clean = path.split('/').filter((p) => p !== '').join('/');
  const folder = join(mountpoint, clean);
  let names: string[];
  try {
    names = (await readdir(folder)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch {
    return null;
  }
  const offset = Math.max(0, options.offset ?? 0);
  const limit = options.limit ?? names.length;
  const sortable = names.length <= DETAILED_LIMIT && (options.sort ?? 'name') !== 'name';
  const chosen = sortable ? names : (options.descending ? [...names].reverse() : names).slice(offset, offset + limit);
  const entries: FolderEntry[] = [];
  for (const name of chosen) {
    const full = join(folder, name);
    const info = await lstat(full).catch(() => null);
    if (!info) continue;
    const kind: FolderEntry['kind'] = info.isDirectory() ? 'folder' : info.isFile() ? 'file' : info.isSymbolicLink() ? 'symlink' : 'other';
    entries.push({
      name,
      path: clean === '' ? name : `${clean}/${name}`,
      kind,
      size: kind === 'folder' ? 0 : info.size,
      mtime: info.mtimeMs,
      mode: info.mode & 0o7777,
      childCount: kind === 'folder' ? info.nlink : 0,
      linkTarget: kind === 'symlink' ? await readlink(full).catch(() => null) : null,
      hardlink: kind === 'file' && info.nlink > 1,
    });
  }
  if (!sortable) return { total: names.length, entries };
  const sign = options.descending ? -1 : 1;
  const value = (e: FolderEntry): number => (options.sort === 'size' ? e.size : options.sort === 'mtime' ? e.mtime : e.kind === 'folder' ? 0 : 1);
  entries.sort((a, b) => sign * (value(a) - value(b)));
  return { total: names.length, entries: entries.slice(offset, offset + limit) };
}
