import { BorgError } from '../../borg/errors.js';
import { archiveGlob } from '../../jobs/archive-name.js';
import { archiveOwner } from '../../repositories/archive-owner.js';
import { cachedArchiveRows, forgetArchive, listArchiveRows } from '../../repositories/archive-rows.js';
import { deleteArchive } from '../../repositories/archives.js';
import { repositoryCacheDir } from '../../repositories/cache-files.js';
import { previewPrune } from '../../repositories/prune-preview.js';
import { RepositoryStats } from '../../repositories/stats.js';
import { jobOf, repositoryOf } from './repository-lookup.js';
import type { HandlerGroup } from './types.js';

/** The archives of a repository, deleting one, and what the keep rules would prune. */
export const archiveHandlers: HandlerGroup<'archives.list' | 'archives.delete' | 'prune.preview'> = {
  'archives.list': async ({ repositoryId, jobId }, context) => {
    const { core } = context;
    const { config, repository } = await repositoryOf(context, repositoryId);
    if (jobId !== undefined && !config.jobs.some((j) => j.id === jobId && j.repositoryId === repository.id)) {
      throw new Error(`There is no job with id "${jobId}" backing up to ${repository.name}.`);
    }
    const runs = (await core.history.all()).filter((r) => r.repositoryId === repository.id);
    const jobs = config.jobs.filter((j) => j.repositoryId === repository.id);
    const source = { cacheFolder: repositoryCacheDir(core.paths.cacheDir, repository.id), runs, owner: archiveOwner(jobs, core.engine.identity, runs) };
    // While a backup holds the repository, the last listing is shown rather than a wait of minutes.
    let listed = core.engine.busy(repository.id) ? await cachedArchiveRows({ ...source, url: repository.url }) : null;
    listed ??= await core.engine.exclusive(repository.id, async () => {
      const borg = await core.borg();
      const access = await core.access(repository);
      const lockWait = config.settings.lockWaitSeconds;
      const result = await listArchiveRows({ ...source, borg, access, lockWait });
      // Indexes of archives deleted or pruned meanwhile (by anyone) are dead weight in the cache.
      await core.browse.cache.dropMissing(repository.id, result.listing.map((a) => a.name)).catch(() => undefined);
      // Keep the dashboard's figures current when the listing shows the repository changed.
      const stats = RepositoryStats.of(core);
      const newestArchiveId = result.listing.at(-1)?.id ?? null;
      if (!(await stats.isCurrent(repository, result.listing.length, newestArchiveId))) {
        await stats.measure(repository, borg, access, { archiveCount: result.listing.length, newestArchiveId, lockWait }).catch(() => undefined);
      }
      return result;
    });
    return { archives: jobId === undefined ? listed.rows : listed.rows.filter((row) => row.jobId === jobId) };
  },

  'archives.delete': async ({ repositoryId, archiveName }, context) => {
    const { core } = context;
    const { config, repository } = await repositoryOf(context, repositoryId);
    const deleted = await core.engine.exclusive(repository.id, async () => {
      // borg delete needs the exclusive lock, which a mount of this repository would hold back.
      await core.browse.release(repository.id);
      try {
        return await deleteArchive(await core.borg(), await core.access(repository), archiveName, config.settings.lockWaitSeconds);
      } catch (error) {
        if (error instanceof BorgError && error.code === 'archive-not-found') return false;
        throw error;
      }
    });
    // The next listing sees one archive less than the figures and measures the repository again.
    await forgetArchive(repositoryCacheDir(core.paths.cacheDir, repository.id), repository.url, archiveName).catch(() => undefined);
    await core.browse.cache.drop(repository.id, archiveName).catch(() => undefined);
    return { deleted };
  },

  'prune.preview': async ({ jobId, keep }, context) => {
    const { core } = context;
    const { config, job, repository } = await jobOf(context, jobId);
    const glob = archiveGlob(job.archiveNameTemplate, { ...core.engine.identity, job: job.id });
    const decisions = await core.engine.exclusive(repository.id, async () => {
      await core.browse.release(repository.id); // even a dry-run prune takes the exclusive lock
      return previewPrune(await core.borg(), await core.access(repository), { keep: keep ?? job.prune.keep, glob, lockWait: config.settings.lockWaitSeconds });
    });
    return { archives: decisions.map(({ name, start, decision, rule }) => ({ name, start, decision, rule })) };
  },
};
