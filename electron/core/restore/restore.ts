import { lstat, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, parse, posix } from 'node:path';
import { extractArgs } from '../borg/argv/extract.js';
import { BorgError } from '../borg/errors.js';
import { runBorg } from '../borg/runner.js';
import type { BorgBinary, BorgMessage, RepositoryAccess } from '../borg/types.js';
import { writePatternsFile } from '../borg/pattern-files.js';
import { placeFiles, type ConflictPolicy, type PlacementSummary } from './place-files.js';
import { selectionPatterns, type SelectedPath } from './selection-patterns.js';

export interface RestoreOptions {
  archive: string;
  /** Archive paths (a leading `/` is accepted); everything when empty. */
  paths: readonly string[];
  /**
   * Instead of `paths`: files and folders picked in the browser, given to borg as a patterns file
   * (any number of them, names with line breaks or bytes that are not UTF-8 included).
   */
  selection?: readonly SelectedPath[] | undefined;
  /** Restore under this folder; the original location when left out. */
  target?: string | undefined;
  onConflict: ConflictPolicy;
  lockWait?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((percent: number | undefined, message: string | undefined) => void) | undefined;
}

export interface RestoreSummary extends PlacementSummary {
  destination: string;
  cancelled: boolean;
  /** borg's warnings, e.g. a path that is not in the archive. */
  messages: BorgMessage[];
}

/** Archive paths are stored without the leading `/` of the folders they came from. */
export function toArchivePath(path: string): string {
  return posix.normalize(path.replace(/\\/g, '/')).replace(/^\/+/, '').replace(/\/+$/, '');
}

function commonPrefix(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const split = paths.map((p) => p.split('/'));
  const first = split[0] ?? [];
  let length = 0;
  while (length < first.length - 1 && split.every((parts) => parts[length] === first[length])) length++;
  return first.slice(0, length).join('/');
}

/**
 * A staging folder on the same file system as the destination, so finished files are renamed
 * into place: a cancelled or failed restore never leaves a partial file under its final name.
 */
async function makeStaging(near: string): Promise<string> {
  let dir = near;
  for (;;) {
    try {
      if ((await lstat(dir)).isDirectory()) return await mkdtemp(join(dir, '.cairn-restore-'));
    } catch {
      /* not there or not writable: try its parent */
    }
    if (dir === parse(dir).root) return mkdtemp(join(tmpdir(), 'cairn-restore-'));
    dir = dirname(dir);
  }
}

/**
 * Restores files from an archive: `borg extract` into a staging folder, then each file moved to
 * its place with the conflict policy (keep both by default; overwriting only when asked).
 */
export async function restoreFromArchive(borg: BorgBinary, access: RepositoryAccess, options: RestoreOptions): Promise<RestoreSummary> {
  const destination = options.target ?? parse(process.cwd()).root;
  const selection = options.selection ?? [];
  const archivePaths = (selection.length > 0 ? selection.map((s) => s.path) : options.paths).map(toArchivePath).filter((p) => p.length > 0);
  await mkdir(destination, { recursive: true });
  const staging = await makeStaging(join(destination, commonPrefix(archivePaths)));
  // The patterns file lives outside the staging folder, whose whole content is moved into place.
  const privateDir = selection.length > 0 ? await mkdtemp(join(tmpdir(), 'cairn-patterns-')) : null;
  try {
    const patterns = privateDir !== null ? selectionPatterns(selection) : [];
    const patternsFile = patterns.length > 0 && privateDir !== null ? await writePatternsFile(privateDir, patterns) : undefined;
    const result = await runBorg(borg, {
      args: extractArgs({ archive: options.archive, paths: privateDir !== null ? [] : archivePaths, patternsFile, progress: true, lockWait: options.lockWait }),
      repository: access,
      cwd: staging,
      signal: options.signal,
      // extract ignores a first SIGINT; nothing is lost by stopping it at once.
      cancelGraceMs: 0,
      onEvent: (event) => {
        if (event.type === 'progress_percent' && !event.finished) {
          options.onProgress?.(event.total ? (100 * (event.current ?? 0)) / event.total : undefined, event.message?.trim());
        }
      },
    });
    const empty: PlacementSummary = { restored: 0, skipped: [], keptBoth: [], overwritten: [], failed: [] };
    if (result.outcome === 'cancelled') return { ...empty, destination, cancelled: true, messages: result.messages };
    if (result.outcome === 'error' || result.outcome === 'killed') {
      throw result.error ?? new BorgError({ code: 'unknown', summary: 'The restore failed.', exitCode: result.exitCode });
    }
    const placed = await placeFiles(staging, destination, options.onConflict, options.signal);
    return { ...placed, destination, cancelled: options.signal?.aborted ?? false, messages: result.messages };
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (privateDir !== null) await rm(privateDir, { recursive: true, force: true });
  }
}
