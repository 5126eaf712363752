import { lstat, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
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
  /** Items the selection holds (from the archive's index): progress by count, without borg measuring the archive first. */
  expectedItems?: number | undefined;
  onProgress?: ((percent: number | undefined, message: string | undefined) => void) | undefined;
}

const PROGRESS_EVERY_MS = 100;

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

/** Why a restore cannot write where it was asked to: said before borg runs, so nothing is touched. */
export class RestoreTargetError extends Error {
  override readonly name = 'RestoreTargetError';
}

function unwritable(destination: string, error: unknown): RestoreTargetError {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    EROFS: 'it is on a read-only disk',
    EACCES: 'you do not have permission to write there',
    EPERM: 'you do not have permission to write there',
    ENOSPC: 'its disk is full',
    EEXIST: 'it is a file, not a folder',
    ENOTDIR: 'part of that path is a file, not a folder',
  };
  const why = (code !== undefined ? reasons[code] : undefined) ?? (error as Error).message;
  return new RestoreTargetError(`Cairn cannot restore to ${destination}: ${why}. Nothing was restored; choose another folder or fix its permissions, then try again.`, { cause: error });
}

/**
 * A staging folder on the same file system as the destination, so finished files are renamed
 * into place: a cancelled or failed restore never leaves a partial file under its final name.
 * With a chosen target it is made no higher than the target itself; for the original location
 * (where only some sub-folders may be writable) it falls back to the temporary folder.
 */
async function makeStaging(near: string, target: string | undefined): Promise<string> {
  let dir = near;
  for (;;) {
    try {
      // Never inside a link below the target (it may point anywhere, and placing may replace it);
      // the target itself may be a link to a folder (~/Restore → another disk).
      const info = dir === target ? await stat(dir) : await lstat(dir);
      if (info.isDirectory()) return await mkdtemp(join(dir, '.cairn-restore-'));
    } catch (error) {
      if (target !== undefined && dir === target) throw unwritable(target, error);
      /* not there or not writable: try its parent */
    }
    if (dir === parse(dir).root) return mkdtemp(join(tmpdir(), 'cairn-restore-'));
    dir = dirname(dir);
  }
}

/** The error for a disk that filled up while borg wrote the restored files, naming where. */
function noSpace(where: string, cause: BorgError | undefined, exitCode: number | null): BorgError {
  return new BorgError({
    code: 'disk-full',
    summary: `There is not enough free space in ${where} for the restored files.`,
    hint: 'Nothing was restored and no file there was changed; free some space or restore fewer files or to another disk, then try again.',
    detail: cause?.detail,
    exitCode: cause?.exitCode ?? exitCode,
    command: cause?.command,
    cause,
  });
}

/** The archive was deleted or pruned after it was listed: say which one, whatever borg's wording. */
function archiveGone(archive: string, cause: BorgError): BorgError {
  return new BorgError({ code: 'archive-not-found', archive, msgid: cause.msgid, detail: cause.detail, exitCode: cause.exitCode, command: cause.command, cause });
}

const diskFullText = /No space left on device|\[Errno 28\]/;

/**
 * Restores files from an archive: `borg extract` into a staging folder, then each file moved to
 * its place with the conflict policy (keep both by default; overwriting only when asked).
 */
export async function restoreFromArchive(borg: BorgBinary, access: RepositoryAccess, options: RestoreOptions): Promise<RestoreSummary> {
  const destination = options.target ?? parse(process.cwd()).root;
  const selection = options.selection ?? [];
  const archivePaths = (selection.length > 0 ? selection.map((s) => s.path) : options.paths).map(toArchivePath).filter((p) => p.length > 0);
  await mkdir(destination, { recursive: true }).catch((error: unknown) => {
    throw unwritable(destination, error);
  });
  const staging = await makeStaging(join(destination, commonPrefix(archivePaths)), options.target === undefined ? undefined : destination);
  // Where the extracted files are written first, i.e. the disk that must hold them.
  const stagingDisk = options.target !== undefined && staging.startsWith(destination) ? destination : dirname(staging);
  // The patterns file lives outside the staging folder, whose whole content is moved into place.
  let privateDir: string | null = null;
  try {
    if (selection.length > 0) privateDir = await mkdtemp(join(tmpdir(), 'cairn-patterns-'));
    const patterns = privateDir !== null ? selectionPatterns(selection) : [];
    const patternsFile = patterns.length > 0 && privateDir !== null ? await writePatternsFile(privateDir, patterns) : undefined;
    // When the index says how many items the selection holds, progress counts the items borg lists
    // as it extracts them; borg's own `--progress` first reads the whole archive once more to
    // measure it (twice the time in a big archive), so it is only the fallback.
    let listed = 0;
    let lastReport = 0;
    const expected = options.expectedItems;
    const counted = expected !== undefined;
    const result = await runBorg(borg, {
      args: extractArgs({ archive: options.archive, paths: privateDir !== null ? [] : archivePaths, patternsFile, list: counted, progress: !counted, lockWait: options.lockWait }),
      repository: access,
      cwd: staging,
      signal: options.signal,
      // extract ignores a first SIGINT; nothing is lost by stopping it at once.
      cancelGraceMs: 0,
      onEvent: (event) => {
        if (event.type === 'progress_percent' && !event.finished) {
          options.onProgress?.(event.total ? (100 * (event.current ?? 0)) / event.total : undefined, event.message?.trim());
        }
        if (event.type !== 'log_message' || event.name !== 'borg.output.list' || expected === undefined) return;
        listed += 1;
        const now = Date.now();
        if (now - lastReport < PROGRESS_EVERY_MS && listed !== 1) return;
        lastReport = now;
        // An item is listed as its extraction starts: the ones before it are done.
        const percent = expected > 0 ? Math.min(99.9, (100 * (listed - 1)) / expected) : undefined;
        options.onProgress?.(percent, `${event.message} (${listed} of ${expected})`);
      },
    });
    const empty: PlacementSummary = { restored: 0, skipped: [], keptBoth: [], overwritten: [], failed: [] };
    if (result.outcome === 'cancelled') return { ...empty, destination, cancelled: true, messages: result.messages };
    if (result.outcome === 'error' || result.outcome === 'killed') {
      if (result.error?.code === 'disk-full') throw noSpace(stagingDisk, result.error, result.exitCode);
      if (result.error?.code === 'archive-not-found') throw archiveGone(options.archive, result.error);
      throw result.error ?? new BorgError({ code: 'unknown', summary: 'The restore failed.', exitCode: result.exitCode });
    }
    // borg only warns about a file it could not finish writing and goes on: that file is cut short.
    if (result.messages.some((m) => diskFullText.test(m.message))) throw noSpace(stagingDisk, undefined, result.exitCode);
    const placed = await placeFiles(staging, destination, options.onConflict, options.signal);
    return { ...placed, destination, cancelled: options.signal?.aborted ?? false, messages: result.messages };
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (privateDir !== null) await rm(privateDir, { recursive: true, force: true });
  }
}
