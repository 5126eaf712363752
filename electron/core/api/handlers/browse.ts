import { resolve } from 'node:path';
import { archiveGlob } from '../../jobs/archive-name.js';
import type { ArchiveSummary } from '../../repositories/archives.js';
import type { RouterContext } from '../ports.js';
import { jobOf, repositoryOf } from './repository-lookup.js';
import type { HandlerGroup } from './types.js';

// Restores the window started and may still cancel, by the id the window gave them.
const restores = new Map<string, AbortController>();

/** The archives a search or versions question covers: one job's, or the whole repository's. */
async function archivesFor(context: RouterContext, repositoryId: string, jobId: string | undefined): Promise<ArchiveSummary[]> {
  const { core } = context;
  if (jobId === undefined) return core.browse.archives(repositoryId);
  const { job, repository } = await jobOf(context, jobId);
  if (repository.id !== repositoryId) throw new Error(`The job ${job.name} does not back up to this repository.`);
  return core.browse.archives(repositoryId, archiveGlob(job.archiveNameTemplate, { ...core.engine.identity, job: job.id }));
}

/** Indexes archives one after the other in the background (one borg process at a time). */
function indexInBackground(context: RouterContext, repositoryId: string, archiveNames: readonly string[]): void {
  void (async () => {
    for (const name of archiveNames) await context.core.browse.ensureIndex(repositoryId, name).catch(() => undefined);
  })();
}

/** Browsing archives (folders, search, versions, diff) and restoring from them. */
export const browseHandlers: HandlerGroup<
  'browse.open' | 'browse.list' | 'browse.search' | 'browse.versions' | 'browse.diff' | 'browse.fuse' | 'browse.openItem' | 'restore.start' | 'restore.cancel'
> = {
  'browse.open': async ({ repositoryId, archiveName, path, ...options }, context) => {
    await repositoryOf(context, repositoryId);
    const listing = await context.core.browse.list(repositoryId, archiveName, path ?? '', options, true);
    return { ...listing, fuse: context.core.browse.fuse };
  },

  'browse.list': async ({ repositoryId, archiveName, path, ...options }, context) => {
    const listing = await context.core.browse.list(repositoryId, archiveName, path ?? '', options, false);
    return { ...listing, fuse: context.core.browse.fuse };
  },

  'browse.search': async ({ repositoryId, archiveName, jobId, query, limit }, context) => {
    const names = archiveName !== undefined ? [archiveName] : (await archivesFor(context, repositoryId, jobId)).map((a) => a.name).reverse();
    const found = await context.core.browse.search(repositoryId, names, query, limit);
    indexInBackground(context, repositoryId, found.notIndexed);
    return found;
  },

  'browse.versions': async ({ repositoryId, jobId, path }, context) => {
    const archives = await archivesFor(context, repositoryId, jobId);
    const found = await context.core.browse.versions(repositoryId, archives, path);
    indexInBackground(context, repositoryId, [...found.notIndexed].reverse());
    return found;
  },

  'browse.diff': async ({ repositoryId, archiveName, otherArchiveName }, context) => {
    await repositoryOf(context, repositoryId);
    return context.core.browse.diff(repositoryId, archiveName, otherArchiveName);
  },

  'browse.fuse': async (_input, context) => context.core.browse.fuse,

  'browse.openItem': async ({ repositoryId, archiveName, path, how }, context) => {
    await repositoryOf(context, repositoryId);
    const opened = await context.core.browse.openItem(repositoryId, archiveName, path, how);
    try {
      await context.desktop.openPath(opened.localPath);
    } catch (error) {
      const what = how === 'reveal' ? 'The file manager could not be opened' : `No app could open ${path.split('/').pop() || path}`;
      throw new Error(`${what}: ${(error as Error).message}`, { cause: error });
    }
    return opened;
  },

  'restore.start': async ({ restoreId, repositoryId, archiveName, selection, target, onConflict }, context) => {
    await repositoryOf(context, repositoryId);
    let destination: string | undefined;
    if (target.kind === 'folder') {
      // Only a folder the user picked in the dialog: the window may not name places on its own.
      destination = resolve(target.path);
      if (!context.chosenPaths.get('restore-target')?.has(destination)) {
        throw new Error('Choose the folder to restore to with the folder picker first.');
      }
    }
    if (restores.has(restoreId)) throw new Error('A restore with this id is already running.');
    const controller = new AbortController();
    restores.set(restoreId, controller);
    try {
      const summary = await context.core.browse.restore(repositoryId, {
        archive: archiveName,
        selection,
        target: destination,
        onConflict,
        signal: controller.signal,
        onProgress: (percent, message) => context.emit('restore.progress', { restoreId, percent: percent ?? null, message: message ?? null }),
      });
      return { ...summary, messages: summary.messages.map((m) => m.message) };
    } finally {
      restores.delete(restoreId);
    }
  },

  'restore.cancel': async ({ restoreId }) => {
    const controller = restores.get(restoreId);
    if (!controller || controller.signal.aborted) return { cancelled: false };
    controller.abort();
    return { cancelled: true };
  },
};
