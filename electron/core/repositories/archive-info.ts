import { join } from 'node:path';
import { z } from 'zod';
import { infoArgs } from '../borg/argv/info.js';
import { ensureOk, runBorg } from '../borg/runner.js';
import type { BorgBinary, RepositoryAccess } from '../borg/types.js';
import { borgTimeToIso } from './archives.js';
import { readCacheFile, writeCacheFile } from './cache-files.js';

/** What `borg info` says of one archive; archives never change, so it is cached by archive id. */
export const archiveFactsSchema = z.object({
  name: z.string(),
  start: z.string(),
  end: z.string(),
  durationSeconds: z.number(),
  nfiles: z.number(),
  originalSize: z.number(),
  /** Space only this archive uses, when it was measured (it grows as other archives are deleted). */
  deduplicatedSize: z.number(),
});
export type ArchiveFacts = z.output<typeof archiveFactsSchema>;

const cacheSchema = z.object({ url: z.string(), archives: z.record(z.string(), archiveFactsSchema) });

const infoDocumentSchema = z.object({
  archives: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      start: z.string(),
      end: z.string(),
      duration: z.number(),
      stats: z.object({ nfiles: z.number(), original_size: z.number(), deduplicated_size: z.number() }),
    }),
  ),
});

/** The cache file of archive facts, in a repository's cache folder. */
export function archiveInfoFile(repositoryCache: string): string {
  return join(repositoryCache, 'archive-info.json');
}

/** Cached facts by archive id; empty when there are none or they were made for another URL. */
export async function readArchiveInfo(file: string, url: string): Promise<Map<string, ArchiveFacts>> {
  const cached = await readCacheFile(file, cacheSchema);
  return cached === null || cached.url !== url ? new Map() : new Map(Object.entries(cached.archives));
}

/** Saves facts by archive id (atomically). */
export async function writeArchiveInfo(file: string, url: string, facts: ReadonlyMap<string, ArchiveFacts>): Promise<void> {
  await writeCacheFile(file, { url, archives: Object.fromEntries(facts) });
}

/**
 * `borg info --json` of the newest `last` archives in one borg process (one process per archive
 * would cost about a second each), as facts by archive id.
 */
export async function fetchArchiveInfo(
  borg: BorgBinary,
  access: RepositoryAccess,
  options: { last: number; lockWait?: number | undefined },
): Promise<Map<string, ArchiveFacts>> {
  const result = ensureOk(await runBorg(borg, { args: infoArgs({ last: options.last, lockWait: options.lockWait }), repository: access }));
  const document = infoDocumentSchema.parse(JSON.parse(result.stdout));
  return new Map(
    document.archives.map((a) => [
      a.id,
      {
        name: a.name,
        start: borgTimeToIso(a.start),
        end: borgTimeToIso(a.end),
        durationSeconds: a.duration,
        nfiles: a.stats.nfiles,
        originalSize: a.stats.original_size,
        deduplicatedSize: a.stats.deduplicated_size,
      },
    ]),
  );
}
