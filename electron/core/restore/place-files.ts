import { cp, lstat, readdir, rename, rm } from 'node:fs/promises';

/** What to do when a restored file would land on an existing one. Never overwrite silently. */
export const conflictPolicies = ['keep-both', 'skip', 'overwrite'] as const;
export type ConflictPolicy = (typeof conflictPolicies)[number];

/** What a restore did, file by file where it matters. */
export interface PlacementSummary {
  restored: number;
  skipped: string[];
  /** keep-both: the restored copy's new name next to the existing file. */
  keptBoth: { existing: string; restoredAs: string }[];
  overwritten: string[];
  failed: { path: string; reason: string }[];
}

// Paths are handled as bytes: a restored name need not be UTF-8, and a string would mangle it.
type BytePath = Buffer;
const SLASH = Buffer.from('/');

function child(dir: BytePath, name: BytePath): BytePath {
  return Buffer.concat([dir, SLASH, name]);
}

function shown(path: BytePath): string {
  return path.toString('utf8');
}

async function exists(path: BytePath): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** `report.pdf` → `report (restored).pdf`, then `report (restored 2).pdf`… */
async function freeSiblingName(path: BytePath): Promise<BytePath> {
  const slash = path.lastIndexOf(0x2f);
  const dir = path.subarray(0, slash);
  const name = path.subarray(slash + 1);
  const dot = name.lastIndexOf(0x2e);
  const ext = dot > 0 ? name.subarray(dot) : Buffer.alloc(0);
  const stem = dot > 0 ? name.subarray(0, dot) : name;
  for (let n = 1; ; n++) {
    const candidate = child(dir, Buffer.concat([stem, Buffer.from(` (restored${n === 1 ? '' : ` ${n}`})`), ext]));
    if (!(await exists(candidate))) return candidate;
  }
}

/** Moves one staged entry into place; across file systems it is copied with times and modes kept. */
async function move(from: BytePath, to: BytePath): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(shown(from), shown(to), { recursive: true, preserveTimestamps: true, verbatimSymlinks: true, errorOnExist: true, force: false });
    await rm(from, { recursive: true, force: true });
  }
}

async function countFiles(path: BytePath): Promise<number> {
  if (!(await lstat(path)).isDirectory()) return 1;
  return countInFolder(path);
}

/** Files (and links) under a folder: the entry types come with the listing, so only folders cost a call. */
async function countInFolder(path: BytePath): Promise<number> {
  let count = 0;
  for (const entry of await readdir(path, { encoding: 'buffer', withFileTypes: true })) {
    count += entry.isDirectory() ? await countInFolder(child(path, entry.name)) : 1;
  }
  return count;
}

/**
 * Moves everything extracted into `staging` to the same relative place under `destination`,
 * applying the conflict policy to each file that already exists. Whole new folders move in one
 * rename; existing folders are merged entry by entry. Symlinks are moved as links, never followed.
 */
export async function placeFiles(staging: string, destination: string, policy: ConflictPolicy, signal?: AbortSignal): Promise<PlacementSummary> {
  const summary: PlacementSummary = { restored: 0, skipped: [], keptBoth: [], overwritten: [], failed: [] };

  const visit = async (stagedDir: BytePath, targetDir: BytePath): Promise<void> => {
    for (const name of await readdir(stagedDir, { encoding: 'buffer' })) {
      if (signal?.aborted) return;
      const staged = child(stagedDir, name);
      const target = child(targetDir, name);
      try {
        const stagedInfo = await lstat(staged);
        const targetInfo = await lstat(target).catch(() => null);
        if (targetInfo === null) {
          const files = await countFiles(staged);
          await move(staged, target);
          summary.restored += files;
        } else if (stagedInfo.isDirectory() && targetInfo.isDirectory()) {
          await visit(staged, target);
        } else if (policy === 'skip') {
          summary.skipped.push(shown(target));
        } else if (policy === 'overwrite') {
          const files = await countFiles(staged);
          if (targetInfo.isDirectory() || stagedInfo.isDirectory()) await rm(target, { recursive: true, force: true });
          await move(staged, target); // rename replaces a file atomically
          summary.restored += files;
          summary.overwritten.push(shown(target));
        } else {
          const restoredAs = await freeSiblingName(target);
          const files = await countFiles(staged);
          await move(staged, restoredAs);
          summary.restored += files;
          summary.keptBoth.push({ existing: shown(target), restoredAs: shown(restoredAs) });
        }
      } catch (error) {
        summary.failed.push({ path: shown(target), reason: (error as Error).message });
      }
    }
  };

  // '' for the root: children are then '/name'.
  await visit(Buffer.from(staging), Buffer.from(destination.replace(/\/+$/, '')));
  return summary;
}
