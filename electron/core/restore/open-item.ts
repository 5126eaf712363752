import { randomUUID } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BorgBinary, RepositoryAccess } from '../borg/types.js';
import type { BackupEngine } from '../jobs/engine.js';
import { FUSE_MISSING_NOTE, fuseMissing } from './fuse.js';
import type { MountManager } from './mount-manager.js';
import { restoreFromArchive, toArchivePath } from './restore.js';

/** 'open': the item with its default app; 'reveal': the folder holding it in the file manager. */
export type OpenHow = 'open' | 'reveal';

/** Where the desktop should open an archive item: inside the archive's mount, or an extracted copy. */
export interface OpenedItem {
  opened: 'mount' | 'extract';
  localPath: string;
}

/** The browse service's side of opening: its mounts and what it knows of FUSE (set here when a mount finds none). */
export interface MountHolder {
  readonly mounts: MountManager;
  fuse: { available: boolean; note: string | null };
}

/** What opening one item needs. */
export interface OpenItemDeps {
  service: MountHolder;
  engine: Pick<BackupEngine, 'busy' | 'exclusive'>;
  borg: BorgBinary;
  access: RepositoryAccess;
  lockWait?: number | undefined;
  /** `<cacheDir>/previews`: extracted copies, one private folder per open. */
  previewsRoot: string;
  /** How long to wait for the repository's queue (a listing, a backup) before giving up; 30 s by default. */
  queueWaitMs?: number | undefined;
}

/** An item of an archive to open. */
export interface OpenItemRequest {
  repositoryId: string;
  archiveName: string;
  path: string;
  how: OpenHow;
}

/** The folder under the cache dir where previews are extracted when the archive cannot be mounted. */
export function previewsRootOf(cacheDir: string): string {
  return join(cacheDir, 'previews');
}

// Each process extracts into folders named after its pid: a folder of a process that is gone is stale.
const PREFIX = `${process.pid}-`;
const cleanedOnce = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes extracted previews: those of Cairn runs that have ended, and this run's too with `own` (at quit). */
export async function removePreviews(previewsRoot: string, own = true): Promise<string[]> {
  const names = await readdir(previewsRoot).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(name.split('-')[0]);
    const mine = name.startsWith(PREFIX);
    if (mine ? !own : Number.isInteger(pid) && pid > 0 && alive(pid)) continue;
    await rm(join(previewsRoot, name), { recursive: true, force: true });
    removed.push(join(previewsRoot, name));
  }
  return removed;
}

function notInArchive(path: string, archiveName: string): Error {
  return new Error(`${path === '' ? 'The top folder' : path} is not in the archive ${archiveName}.`);
}

/**
 * Opens or reveals an item of an archive. With FUSE the archive is mounted (the mount is shared
 * with browsing, tracked and unmounted when idle, before a backup, at quit) and the path inside
 * the mount is returned: the item, or for 'reveal' the folder holding it (a folder is revealed
 * itself; opening a folder reveals it). Without FUSE a file is extracted alone into a private
 * folder under `previewsRoot` (removed at quit, or at the next start after a crash); revealing
 * needs a mount and is refused with the FUSE note.
 */
export async function openArchiveItem(deps: OpenItemDeps, request: OpenItemRequest): Promise<OpenedItem> {
  const { service, engine } = deps;
  const { repositoryId, archiveName, how } = request;
  const path = toArchivePath(request.path);
  if (path.split('/').some((part) => part === '..')) throw new Error(`"${request.path}" is not a path inside the archive.`);
  if (!cleanedOnce.has(deps.previewsRoot)) {
    cleanedOnce.add(deps.previewsRoot);
    await removePreviews(deps.previewsRoot, false).catch(() => undefined);
  }

  let mountpoint = service.mounts.touch(repositoryId, archiveName);
  if (mountpoint === null) await queueTurn(engine, repositoryId, deps.queueWaitMs ?? 30_000);
  if (mountpoint === null && service.fuse.available) {
    try {
      mountpoint = await service.mounts.mount(deps.borg, deps.access, repositoryId, archiveName, deps.lockWait);
    } catch (error) {
      if (!fuseMissing(error)) throw error;
      service.fuse = { available: false, note: FUSE_MISSING_NOTE };
    }
  }
  if (mountpoint !== null) return { opened: 'mount', localPath: await inMount(mountpoint, path, archiveName, how) };

  const note = service.fuse.note ?? FUSE_MISSING_NOTE;
  if (how === 'reveal' || path === '') throw new Error(note);
  return { opened: 'extract', localPath: await extractPreview(deps, repositoryId, archiveName, path, note) };
}

/**
 * Waits until the repository's queue is empty: a listing there takes seconds, but a backup can take
 * hours, so after `waitMs` the open is refused rather than left hanging.
 */
async function queueTurn(engine: OpenItemDeps['engine'], repositoryId: string, waitMs: number): Promise<void> {
  if (!engine.busy(repositoryId)) return;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), waitMs)));
  try {
    const turn = engine.exclusive(repositoryId, async () => 'turn' as const);
    if ((await Promise.race([turn, late])) === 'late') {
      throw new Error('A backup or another task is using this repository right now. Open the item again when it has finished.');
    }
  } finally {
    clearTimeout(timer);
  }
}

async function inMount(mountpoint: string, path: string, archiveName: string, how: OpenHow): Promise<string> {
  const local = path === '' ? mountpoint : join(mountpoint, path);
  const info = await lstat(local).catch(() => null);
  if (!info) throw notInArchive(path, archiveName);
  if (info.isDirectory()) return local;
  if (how === 'reveal') return dirname(local);
  if (!info.isFile()) throw new Error(`${path} is not a file (it is a link or a special file): use "Show in file manager" instead.`);
  return local;
}

/** `borg extract` of one file (only that path: a folder matched comes out empty) into a new private folder. */
async function extractPreview(deps: OpenItemDeps, repositoryId: string, archiveName: string, path: string, note: string): Promise<string> {
  await mkdir(deps.previewsRoot, { recursive: true, mode: 0o700 });
  const folder = join(deps.previewsRoot, `${PREFIX}${randomUUID()}`);
  await mkdir(folder, { mode: 0o700 });
  await chmod(folder, 0o700);
  try {
    // In the repository's queue: a backup waits for this short extract instead of failing on its lock.
    const summary = await deps.engine.exclusive(repositoryId, () =>
      restoreFromArchive(deps.borg, deps.access, {
        archive: archiveName,
        paths: [],
        selection: [{ path, folder: false }],
        target: folder,
        onConflict: 'overwrite',
        lockWait: deps.lockWait,
      }),
    );
    const local = join(folder, path);
    const info = await lstat(local).catch(() => null);
    if (!info) throw summary.failed[0] ? new Error(`${path} could not be extracted: ${summary.failed[0].reason}`) : notInArchive(path, archiveName);
    // Opening a folder means showing it in the file manager, which needs a mount.
    if (info.isDirectory()) throw new Error(note);
    if (!info.isFile()) throw new Error(`${path} is not a file (it is a link or a special file), so it cannot be opened.`);
    return local;
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}
