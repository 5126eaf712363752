import { join } from 'node:path';
import { z } from 'zod';
import type { ArchiveRow } from '../api/contract.js';
import type { BorgBinary, RepositoryAccess } from '../borg/types.js';
import type { RunRecord } from '../jobs/run-record.js';
import { archiveInfoFile, fetchArchiveInfo, readArchiveInfo, writeArchiveInfo, type ArchiveFacts } from './archive-info.js';
import { listArchives, type ArchiveSummary } from './archives.js';
import { readCacheFile, writeCacheFile } from './cache-files.js';

/** Where one repository's archives are listed from and cached. */
export interface ArchiveRowsSource {
  borg: BorgBinary;
  access: RepositoryAccess;
  lockWait?: number | undefined;
  /** The repository's cache folder (repositoryCacheDir). */
  cacheFolder: string;
  /** Runs into this repository: their stats spare a `borg info` for the archives Cairn made. */
  runs: readonly RunRecord[];
  owner: (archiveName: string) => string | null;
}

/** What one listing found, for the rows and for the repository's statistics. */
export interface ArchiveRowsResult {
  /** Newest first. */
  rows: ArchiveRow[];
  /** As borg listed them, oldest first. */
  listing: ArchiveSummary[];
  /** How many archives `borg info` had to be asked about (0 once everything is cached). */
  fetched: number;
}

const listingSchema = z.object({ url: z.string(), archives: z.array(z.object({ name: z.string(), id: z.string(), start: z.string() })) });
const listingFile = (cacheFolder: string) => join(cacheFolder, 'archives.json');

function runsByArchive(runs: readonly RunRecord[]): Map<string, RunRecord> {
  const map = new Map<string, RunRecord>();
  for (const run of runs) if (run.archiveName !== undefined && run.stats !== undefined) map.set(run.archiveName, run);
  return map;
}

/** Rows, newest first, from a listing plus what is known of each archive (cache first, then the run that made it). */
export function buildRows(
  listing: readonly ArchiveSummary[],
  facts: ReadonlyMap<string, ArchiveFacts>,
  runs: ReadonlyMap<string, RunRecord>,
  owner: (archiveName: string) => string | null,
): ArchiveRow[] {
  return listing
    .map((archive): ArchiveRow => {
      const known = facts.get(archive.id);
      const stats = known === undefined ? runs.get(archive.name)?.stats : undefined;
      const base = { name: archive.name, id: archive.id, start: archive.start, jobId: owner(archive.name) };
      if (known !== undefined) {
        const { end, durationSeconds, nfiles, originalSize, deduplicatedSize } = known;
        return { ...base, end, durationSeconds, nfiles, originalSize, deduplicatedSize };
      }
      if (stats !== undefined) {
        const end = new Date(Date.parse(archive.start) + stats.durationSeconds * 1000).toISOString();
        const { durationSeconds, nfiles, originalSize, deduplicatedSize } = stats;
        return { ...base, end, durationSeconds, nfiles, originalSize, deduplicatedSize };
      }
      return { ...base, end: null, durationSeconds: null, nfiles: null, originalSize: null, deduplicatedSize: null };
    })
    .reverse();
}

/** Rows from the last listing and the caches only, without borg (null when never listed). */
export async function cachedArchiveRows(
  source: Pick<ArchiveRowsSource, 'cacheFolder' | 'runs' | 'owner'> & { url: string },
): Promise<ArchiveRowsResult | null> {
  const listed = await readCacheFile(listingFile(source.cacheFolder), listingSchema);
  if (listed === null || listed.url !== source.url) return null;
  const facts = await readArchiveInfo(archiveInfoFile(source.cacheFolder), source.url);
  return { rows: buildRows(listed.archives, facts, runsByArchive(source.runs), source.owner), listing: listed.archives, fetched: 0 };
}

/**
 * Lists a repository's archives with their sizes and times: one `borg list`, plus one `borg info`
 * for the archives neither the cache nor the run history knows (none on later calls). Needs the
 * repository's lock: call it from the engine's queue.
 */
export async function listArchiveRows(source: ArchiveRowsSource): Promise<ArchiveRowsResult> {
  const { borg, access, lockWait, cacheFolder } = source;
  const listing = await listArchives(borg, access, { lockWait });
  const infoFile = archiveInfoFile(cacheFolder);
  const facts = await readArchiveInfo(infoFile, access.url);
  const runs = runsByArchive(source.runs);
  const oldestUnknown = listing.findIndex((a) => !facts.has(a.id) && !runs.has(a.name));
  let fetched = 0;
  if (oldestUnknown !== -1) {
    // `--last N` from the oldest unknown archive on: one borg process, whatever the count.
    const found = await fetchArchiveInfo(borg, access, { last: listing.length - oldestUnknown, lockWait });
    fetched = found.size;
    for (const [id, fact] of found) facts.set(id, fact);
  }
  // Archives that are gone (deleted, pruned) leave the cache; a cache that cannot be written costs only time.
  const present = new Set(listing.map((a) => a.id));
  for (const id of facts.keys()) if (!present.has(id)) facts.delete(id);
  await writeArchiveInfo(infoFile, access.url, facts).catch(() => undefined);
  await writeCacheFile(listingFile(cacheFolder), { url: access.url, archives: listing }).catch(() => undefined);
  return { rows: buildRows(listing, facts, runs, source.owner), listing, fetched };
}

/** Forgets what is cached of one archive (after deleting it). */
export async function forgetArchive(cacheFolder: string, url: string, archiveName: string): Promise<void> {
  const infoFile = archiveInfoFile(cacheFolder);
  const facts = await readArchiveInfo(infoFile, url);
  for (const [id, fact] of facts) if (fact.name === archiveName) facts.delete(id);
  await writeArchiveInfo(infoFile, url, facts);
  const listed = await readCacheFile(listingFile(cacheFolder), listingSchema);
  if (listed !== null && listed.url === url) {
    await writeCacheFile(listingFile(cacheFolder), { url, archives: listed.archives.filter((a) => a.name !== archiveName) });
  }
}
