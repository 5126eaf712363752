import { join } from 'node:path';
import { BorgError } from '../borg/errors.js';
import type { BorgBinary, RepositoryAccess } from '../borg/types.js';
import type { CairnPaths } from '../config/paths.js';
import type { Config, Repository } from '../config/schema.js';
import type { BackupEngine } from '../jobs/engine.js';
import { listArchives, type ArchiveSummary } from '../repositories/archives.js';
import { diffArchives, type ArchiveDiff } from './archive-diff.js';
import { buildArchiveIndex } from './build-index.js';
import { DEFAULT_INDEX_CACHE_BYTES, IndexCache } from './index-cache.js';
import type { FolderPage, ListOptions } from './index-reader.js';
import { FUSE_MISSING_NOTE, fuseMissing } from './fuse.js';
import { listMountedFolder } from './mount-listing.js';
import { MountManager } from './mount-manager.js';
import { openArchiveItem, previewsRootOf, removePreviews, type OpenedItem, type OpenHow } from './open-item.js';
import { restoreFromArchive, type RestoreSummary } from './restore.js';
import { searchIndex, type SearchResult } from './search.js';
import type { ConflictPolicy } from './place-files.js';
import type { SelectedPath } from './selection-patterns.js';
import { versionsOf, type IndexedArchive, type PathVersion } from './versions.js';

/** What the browser hears about an index: building (items read so far), ready, failed or cancelled. */
export interface IndexEvent {
  repositoryId: string;
  archiveName: string;
  state: 'building' | 'ready' | 'failed' | 'cancelled';
  entries: number;
  message: string | null;
}

/** Where a listing came from: the index, the archive's mount (index still building), or nowhere yet. */
export interface BrowseListing {
  indexState: 'ready' | 'building';
  source: 'index' | 'mount' | 'none';
  page: FolderPage | null;
}

/** What the core gives the browse service. */
export interface BrowseDeps {
  paths: CairnPaths;
  loadConfig: () => Promise<Config>;
  engine: BackupEngine;
  borg(): Promise<BorgBinary>;
  access(repository: Repository): Promise<RepositoryAccess>;
  cacheBytes?: number | undefined;
  mountIdleMs?: number | undefined;
}

interface Build {
  repositoryId: string;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Browsing archives for restore: per-archive indexes (built once, in the background, never in a
 * backup's way), a mount of the archive to show something while the first index builds, search,
 * versions, diff, and restores through `borg extract`.
 */
export class BrowseService {
  readonly cache: IndexCache;
  readonly mounts: MountManager;
  private readonly builds = new Map<string, Build>();
  private readonly listeners = new Set<(event: IndexEvent) => void>();
  /** Whether mounting works here; set by the first mount that fails for want of FUSE. */
  fuse: { available: boolean; note: string | null } = { available: true, note: null };

  constructor(private readonly deps: BrowseDeps) {
    this.cache = new IndexCache(join(deps.paths.cacheDir, 'archive-index'), deps.cacheBytes ?? DEFAULT_INDEX_CACHE_BYTES);
    this.mounts = new MountManager({ root: join(deps.paths.dataDir, 'mounts'), stateFile: join(deps.paths.dataDir, 'mounts.json'), idleMs: deps.mountIdleMs });
    // A mount or an index build holds a shared lock that would make the backup fail: give it back.
    deps.engine.beforeRun((repositoryId) => this.release(repositoryId));
  }

  /** Listens to index progress (for `index.progress` events). */
  subscribe(listener: (event: IndexEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: IndexEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private key(repositoryId: string, archiveName: string): string {
    return `${repositoryId}\u0000${archiveName}`;
  }

  private async repository(repositoryId: string): Promise<{ config: Config; repository: Repository }> {
    const config = await this.deps.loadConfig();
    const repository = config.repositories.find((r) => r.id === repositoryId);
    if (!repository) throw new Error(`There is no repository with id "${repositoryId}" (it may have been removed).`);
    return { config, repository };
  }

  /** Cancels index builds and unmounts archives of a repository (before a backup of it). */
  async release(repositoryId: string): Promise<void> {
    const mine = [...this.builds.values()].filter((b) => b.repositoryId === repositoryId);
    mine.forEach((b) => b.controller.abort());
    await Promise.all([...mine.map((b) => b.done.catch(() => undefined)), this.mounts.unmountRepository(repositoryId)]);
  }

  /** Whether an archive is indexed, being indexed, or neither. */
  async indexState(repositoryId: string, archiveName: string): Promise<'ready' | 'building' | 'none'> {
    if (this.builds.has(this.key(repositoryId, archiveName))) return 'building';
    return (await this.cache.has(repositoryId, archiveName)) ? 'ready' : 'none';
  }

  /**
   * Builds an archive's index unless it exists: niced, after any backup that holds or waits for
   * the repository, and cancelled (to be asked again) when a backup of the repository starts.
   */
  ensureIndex(repositoryId: string, archiveName: string): Promise<void> {
    const key = this.key(repositoryId, archiveName);
    const running = this.builds.get(key);
    if (running) return running.done;
    const controller = new AbortController();
    const done = this.build(repositoryId, archiveName, controller.signal).finally(() => {
      if (this.builds.get(key)?.controller === controller) this.builds.delete(key);
    });
    this.builds.set(key, { repositoryId, controller, done });
    return done;
  }

  private async build(repositoryId: string, archiveName: string, signal: AbortSignal): Promise<void> {
    if (await this.cache.has(repositoryId, archiveName)) return;
    const { config, repository } = await this.repository(repositoryId);
    // Never in a backup's way: wait until the repository's queue is empty before starting.
    if (this.deps.engine.busy(repositoryId)) await this.deps.engine.exclusive(repositoryId, async () => undefined);
    const event = (state: IndexEvent['state'], entries: number, message: string | null = null): void =>
      this.emit({ repositoryId, archiveName, state, entries, message });
    event('building', 0);
    try {
      const built = await buildArchiveIndex(await this.deps.borg(), await this.deps.access(repository), {
        archive: archiveName,
        file: await this.cache.fileFor(repositoryId, archiveName),
        lockWait: config.settings.lockWaitSeconds,
        signal,
        onProgress: (entries) => event('building', entries),
      });
      await this.cache.commit(repositoryId, archiveName, built);
      event('ready', built.entries);
    } catch (error) {
      const cancelled = signal.aborted || (error instanceof BorgError && error.code === 'interrupted');
      event(cancelled ? 'cancelled' : 'failed', 0, cancelled ? null : describe(error));
      throw error;
    }
  }

  /**
   * A folder of an archive: from its index when built; otherwise the index starts building and,
   * where FUSE works, the archive is mounted to show the folder at once (`mount` = true).
   */
  async list(repositoryId: string, archiveName: string, path: string, options: ListOptions = {}, mount = false): Promise<BrowseListing> {
    const index = await this.cache.open(repositoryId, archiveName);
    if (index) {
      try {
        return { indexState: 'ready', source: 'index', page: await index.listFolder(path, options) };
      } finally {
        await index.close();
      }
    }
    const startIndex = (): void => void this.ensureIndex(repositoryId, archiveName).catch(() => undefined); // followed through index events
    let mountpoint = this.mounts.touch(repositoryId, archiveName);
    const mounting = mountpoint === null && mount && this.fuse.available && !this.deps.engine.busy(repositoryId);
    if (!mounting) startIndex();
    try {
      if (mounting) mountpoint = await this.mountForBrowsing(repositoryId, archiveName);
      if (mountpoint === null) return { indexState: 'building', source: 'none', page: null };
      return { indexState: 'building', source: 'mount', page: await listMountedFolder(mountpoint, path, options) };
    } finally {
      // Only once the folder is shown: both read the whole archive, and the mount is what the user waits for.
      if (mounting) startIndex();
    }
  }

  /** Mounts an archive to show it while its index builds; null when this machine has no FUSE. */
  private async mountForBrowsing(repositoryId: string, archiveName: string): Promise<string | null> {
    const { config, repository } = await this.repository(repositoryId);
    try {
      const access = await this.deps.access(repository);
      return await this.mounts.mount(await this.deps.borg(), access, repositoryId, archiveName, config.settings.lockWaitSeconds);
    } catch (error) {
      if (!fuseMissing(error)) throw error;
      this.fuse = { available: false, note: FUSE_MISSING_NOTE };
      return null;
    }
  }

  /** Searches archives' indexes by name or glob; archives not indexed yet are named (and queued for indexing). */
  async search(repositoryId: string, archiveNames: readonly string[], query: string, limit = 500): Promise<{ results: (SearchResult & { archiveName: string })[]; notIndexed: string[] }> {
    const results: (SearchResult & { archiveName: string })[] = [];
    const notIndexed: string[] = [];
    for (const archiveName of archiveNames) {
      const index = await this.cache.open(repositoryId, archiveName);
      if (!index) {
        notIndexed.push(archiveName);
        continue;
      }
      try {
        results.push({ archiveName, ...(await searchIndex(index, query, { limit })) });
      } finally {
        await index.close();
      }
    }
    return { results, notIndexed };
  }

  /** A path's copy in each archive (oldest first) that is indexed, marking where it changed. */
  async versions(repositoryId: string, archives: readonly ArchiveSummary[], path: string): Promise<{ versions: PathVersion[]; notIndexed: string[] }> {
    const opened: IndexedArchive[] = [];
    const notIndexed: string[] = [];
    try {
      for (const archive of archives) {
        const index = await this.cache.open(repositoryId, archive.name);
        if (index) opened.push({ archiveName: archive.name, start: archive.start, index });
        else notIndexed.push(archive.name);
      }
      return { versions: await versionsOf(opened, path), notIndexed };
    } finally {
      await Promise.all(opened.map((o) => o.index.close()));
    }
  }

  /** The archives of a repository (only a job's when `glob` is given), oldest first; drops indexes of archives gone. */
  async archives(repositoryId: string, glob?: string): Promise<ArchiveSummary[]> {
    const { config, repository } = await this.repository(repositoryId);
    const archives = await listArchives(await this.deps.borg(), await this.deps.access(repository), { glob, lockWait: config.settings.lockWaitSeconds });
    if (glob === undefined) await this.cache.dropMissing(repositoryId, archives.map((a) => a.name));
    return archives;
  }

  /** What changed from `archive` to `other` (`borg diff`). */
  async diff(repositoryId: string, archive: string, other: string, signal?: AbortSignal): Promise<ArchiveDiff> {
    const { config, repository } = await this.repository(repositoryId);
    return diffArchives(await this.deps.borg(), await this.deps.access(repository), { archive, other, lockWait: config.settings.lockWaitSeconds, signal });
  }

  /**
   * Restores a selection with `borg extract` and a patterns file. It runs in the repository's
   * queue: a backup waits for the restore rather than the restore being cut short.
   */
  async restore(
    repositoryId: string,
    options: {
      archive: string;
      selection: readonly SelectedPath[];
      target?: string | undefined;
      onConflict: ConflictPolicy;
      signal?: AbortSignal | undefined;
      onProgress?: ((percent: number | undefined, message: string | undefined) => void) | undefined;
    },
  ): Promise<RestoreSummary> {
    const { config, repository } = await this.repository(repositoryId);
    const expectedItems = await this.countSelection(repositoryId, options.archive, options.selection);
    return this.deps.engine.exclusive(repositoryId, async () => {
      try {
        return await restoreFromArchive(await this.deps.borg(), await this.deps.access(repository), {
          ...options,
          paths: [],
          expectedItems,
          lockWait: config.settings.lockWaitSeconds,
        });
      } catch (error) {
        // Deleted or pruned since it was indexed: stop offering its files.
        if (error instanceof BorgError && error.code === 'archive-not-found') await this.cache.drop(repositoryId, options.archive);
        throw error;
      }
    });
  }

  /** How many items a restore will write, from the archive's index; undefined when it is not indexed. */
  private async countSelection(repositoryId: string, archiveName: string, selection: readonly SelectedPath[]): Promise<number | undefined> {
    const index = await this.cache.open(repositoryId, archiveName);
    if (!index) return undefined;
    try {
      if (selection.length === 0) return index.entryCount;
      let count = 0;
      // A selected file is one item; only folders need the index.
      for (const { path, folder } of selection) count += folder ? await index.countUnder(path) : 1;
      return count;
    } finally {
      await index.close();
    }
  }

  /** Indexes the newest archive of every successful backup, in the background. Returns a stop function. */
  startBackgroundIndexing(): () => void {
    return this.deps.engine.subscribe((event) => {
      if (event.type !== 'run.finished') return;
      const { record } = event;
      if ((record.outcome === 'ok' || record.outcome === 'warning') && record.archiveName && record.repositoryId) {
        this.ensureIndex(record.repositoryId, record.archiveName).catch(() => undefined);
      }
    });
  }

  /** Opens (default app) or reveals (file manager) an archive item: a path in its mount, or without FUSE an extracted copy. */
  async openItem(repositoryId: string, archiveName: string, path: string, how: OpenHow): Promise<OpenedItem> {
    const { config, repository } = await this.repository(repositoryId);
    const [borg, access] = await Promise.all([this.deps.borg(), this.deps.access(repository)]);
    const previewsRoot = previewsRootOf(this.deps.paths.cacheDir);
    return openArchiveItem({ service: this, engine: this.deps.engine, borg, access, lockWait: config.settings.lockWaitSeconds, previewsRoot }, { repositoryId, archiveName, path, how });
  }

  /** At start: mounts and previews a crash left behind. */
  async cleanupStale(): Promise<void> {
    await this.mounts.cleanupStale();
    await removePreviews(previewsRootOf(this.deps.paths.cacheDir), false);
  }

  /** At quit: stop every build, unmount every archive, remove extracted previews. */
  async shutdown(): Promise<void> {
    for (const build of this.builds.values()) build.controller.abort();
    await Promise.all([...this.builds.values()].map((b) => b.done.catch(() => undefined)));
    await this.mounts.unmountAll();
    await removePreviews(previewsRootOf(this.deps.paths.cacheDir)).catch(() => undefined);
  }
}

function describe(error: unknown): string {
  if (error instanceof BorgError) return `${error.summary} ${error.hint}`.trim();
  return (error as Error).message;
}
