import { cp, lstat, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join, relative } from 'node:path';

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

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** `report.pdf` → `report (restored).pdf`, then `report (restored 2).pdf`… */
async function freeSiblingName(path: string): Promise<string> {
  const ext = extname(path);
  const stem = basename(path, ext);
  for (let n = 1; ; n++) {
    const candidate = join(dirname(path), `${stem} (restored${n === 1 ? '' : ` ${n}`})${ext}`);
    if (!(await exists(candidate))) return candidate;
  }
}

/** Moves one staged entry into place; across file systems it is copied with times and modes kept. */
async function move(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true, errorOnExist: true, force: false });
    await rm(from, { recursive: true, force: true });
  }
}

async function countFiles(path: string): Promise<number> {
  const info = await lstat(path);
  if (!info.isDirectory()) return 1;
  let count = 0;
  for (const name of await readdir(path)) count += await countFiles(join(path, name));
  return count;
}

/**
 * Moves everything extracted into `staging` to the same relative place under `destination`,
 * applying the conflict policy to each file that already exists. Whole new folders move in one
 * rename; existing folders are merged entry by entry. Symlinks are moved as links, never followed.
 */
export async function placeFiles(staging: string, destination: string, policy: ConflictPolicy, signal?: AbortSignal): Promise<PlacementSummary> {
  const summary: PlacementSummary = { restored: 0, skipped: [], keptBoth: [], overwritten: [], failed: [] };

  const visit = async (stagedDir: string): Promise<void> => {
    for (const name of await readdir(stagedDir)) {
      if (signal?.aborted) return;
      const staged = join(stagedDir, name);
      const target = join(destination, relative(staging, staged));
      try {
        const stagedInfo = await lstat(staged);
        const targetInfo = await lstat(target).catch(() => null);
        if (targetInfo === null) {
          const files = await countFiles(staged);
          await move(staged, target);
          summary.restored += files;
        } else if (stagedInfo.isDirectory() && targetInfo.isDirectory()) {
          await visit(staged);
        } else if (policy === 'skip') {
          summary.skipped.push(target);
        } else if (policy === 'overwrite') {
          const files = await countFiles(staged);
          if (targetInfo.isDirectory() || stagedInfo.isDirectory()) await rm(target, { recursive: true, force: true });
          await move(staged, target); // rename replaces a file atomically
          summary.restored += files;
          summary.overwritten.push(target);
        } else {
          const restoredAs = await freeSiblingName(target);
          const files = await countFiles(staged);
          await move(staged, restoredAs);
          summary.restored += files;
          summary.keptBoth.push({ existing: target, restoredAs });
        }
      } catch (error) {
        summary.failed.push({ path: target, reason: (error as Error).message });
      }
    }
  };

  await visit(staging);
  return summary;
}
