import { join } from 'node:path';
import { z } from 'zod';
import { infoArgs } from '../borg/argv/info.js';
import { ensureOk, runBorg } from '../borg/runner.js';
import type { BorgBinary, RepositoryAccess } from '../borg/types.js';
import type { Config, Repository } from '../config/schema.js';
import type { CairnCore } from '../core.js';
import type { EngineEvent } from '../jobs/engine.js';
import { listArchives } from './archives.js';
import { readCacheFile, repositoryCacheDir, writeCacheFile } from './cache-files.js';

const statsFileSchema = z.object({
  url: z.string(),
  archiveCount: z.number(),
  originalSize: z.number(),
  deduplicatedSize: z.number(),
  updatedAt: z.string(),
  /** The newest archive when measured: a listing that ends elsewhere means the figures are old. */
  newestArchiveId: z.string().nullable(),
});

/** What a repository holds, as last measured (the contract's repositoryStats). */
export type RepositoryFigures = Omit<z.output<typeof statsFileSchema>, 'url' | 'newestArchiveId'>;

const repositoryInfoSchema = z.object({ cache: z.object({ stats: z.object({ total_size: z.number(), unique_csize: z.number() }) }) });

/** What RepositoryStats needs from the core. */
export interface RepositoryStatsDeps {
  cacheDir: string;
  loadConfig: () => Promise<Config>;
  borg: () => Promise<BorgBinary>;
  access: (repository: Repository) => Promise<RepositoryAccess>;
  /** The engine's per-repository queue (BackupEngine.exclusive). */
  exclusive: <T>(repositoryId: string, task: () => Promise<T>) => Promise<T>;
}

/**
 * A small per-repository file with archive count and sizes, so the dashboard can show them without
 * running borg (status is asked for often, and a running backup holds the repository's lock).
 * Measured after each run that changed the repository and when archives are listed.
 */
export class RepositoryStats {
  constructor(private readonly deps: RepositoryStatsDeps) {}

  /** Built from the core's parts. */
  static of(core: CairnCore): RepositoryStats {
    return new RepositoryStats({
      cacheDir: core.paths.cacheDir,
      loadConfig: async () => (await core.store.load()).config,
      borg: () => core.borg(),
      access: (repository) => core.access(repository),
      exclusive: (repositoryId, task) => core.engine.exclusive(repositoryId, task),
    });
  }

  /** The last figures measured for a repository at its current URL; never runs borg. */
  async read(repository: Pick<Repository, 'id' | 'url'>): Promise<RepositoryFigures | null> {
    const saved = await readCacheFile(this.file(repository.id), statsFileSchema);
    if (saved === null || saved.url !== repository.url) return null;
    const { archiveCount, originalSize, deduplicatedSize, updatedAt } = saved;
    return { archiveCount, originalSize, deduplicatedSize, updatedAt };
  }

  /** Whether figures saved for this listing are still current (same count, same newest archive). */
  async isCurrent(repository: Pick<Repository, 'id' | 'url'>, archiveCount: number, newestArchiveId: string | null): Promise<boolean> {
    const saved = await readCacheFile(this.file(repository.id), statsFileSchema);
    return saved !== null && saved.url === repository.url && saved.archiveCount === archiveCount && saved.newestArchiveId === newestArchiveId;
  }

  /**
   * Measures with `borg info` (totals of the repository) and saves; the archive count comes from a
   * listing the caller just made. Needs the repository's lock: call it from the engine's queue.
   */
  async measure(
    repository: Pick<Repository, 'id' | 'url'>,
    borg: BorgBinary,
    access: RepositoryAccess,
    listing: { archiveCount: number; newestArchiveId: string | null; lockWait?: number | undefined },
  ): Promise<RepositoryFigures> {
    const result = ensureOk(await runBorg(borg, { args: infoArgs({ lockWait: listing.lockWait }), repository: access }));
    const { total_size, unique_csize } = repositoryInfoSchema.parse(JSON.parse(result.stdout)).cache.stats;
    const figures = { archiveCount: listing.archiveCount, originalSize: total_size, deduplicatedSize: unique_csize, updatedAt: new Date().toISOString() };
    await writeCacheFile(this.file(repository.id), { ...figures, url: repository.url, newestArchiveId: listing.newestArchiveId });
    return figures;
  }

  /** Lists and measures a repository in its queue turn; null when it cannot be reached (that is for its runs to report). */
  async refresh(repositoryId: string): Promise<RepositoryFigures | null> {
    const config = await this.deps.loadConfig();
    const repository = config.repositories.find((r) => r.id === repositoryId);
    if (repository === undefined) return null;
    const lockWait = config.settings.lockWaitSeconds;
    return this.deps
      .exclusive(repositoryId, async () => {
        const borg = await this.deps.borg();
        const access = await this.deps.access(repository);
        const archives = await listArchives(borg, access, { lockWait });
        return this.measure(repository, borg, access, { archiveCount: archives.length, newestArchiveId: archives.at(-1)?.id ?? null, lockWait });
      })
      .catch(() => null);
  }

  /**
   * Refreshes a repository after each run that made or pruned archives. Returns the unsubscribe;
   * `settled` (tests) resolves when the refreshes started so far are done.
   */
  follow(
    engine: { subscribe(listener: (event: EngineEvent) => void): () => void },
    measured: (repositoryId: string) => void = () => undefined,
  ): { stop: () => void; settled: () => Promise<void> } {
    let pending: Promise<unknown> = Promise.resolve();
    const stop = engine.subscribe((event) => {
      if (event.type !== 'run.finished') return;
      const { record } = event;
      if (record.repositoryId === '' || (record.archiveName === undefined && !record.pruned)) return;
      const refreshed = this.refresh(record.repositoryId).then((figures) => {
        if (figures) measured(record.repositoryId);
      });
      pending = Promise.all([pending, refreshed]);
    });
    return { stop, settled: async () => void (await pending) };
  }

  private file(repositoryId: string): string {
    return join(repositoryCacheDir(this.deps.cacheDir, repositoryId), 'stats.json');
  }
}
