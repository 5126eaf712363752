import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ArchiveIndex } from './index-reader.js';

/** Default bound of all archive indexes together. */
export const DEFAULT_INDEX_CACHE_BYTES = 2 * 1024 ** 3;

const metaSchema = z.object({
  repositoryId: z.string(),
  archiveName: z.string(),
  entries: z.number(),
  bytes: z.number(),
  builtAt: z.string(),
});

/** What the cache knows of one index, kept next to it. */
export type IndexMeta = z.output<typeof metaSchema> & { lastUsedMs: number };

/**
 * Archive indexes on disk, one folder per repository. Archives never change, so an index is built
 * once; the cache stays under a size bound by dropping the least recently opened indexes, and an
 * index goes when its archive is deleted, pruned or renamed (dropMissing).
 */
export class IndexCache {
  constructor(
    readonly root: string,
    private readonly maxBytes = DEFAULT_INDEX_CACHE_BYTES,
  ) {}

  private folder(repositoryId: string): string {
    return join(this.root, encodeURIComponent(repositoryId));
  }

  private base(repositoryId: string, archiveName: string): string {
    return join(this.folder(repositoryId), createHash('sha256').update(archiveName).digest('hex').slice(0, 32));
  }

  /** Where the index of an archive is (or will be) written. */
  async fileFor(repositoryId: string, archiveName: string): Promise<string> {
    await mkdir(this.folder(repositoryId), { recursive: true, mode: 0o700 });
    return `${this.base(repositoryId, archiveName)}.idx`;
  }

  /** Opens an archive's index, marking it used; null when there is none (or it is unreadable). */
  async open(repositoryId: string, archiveName: string): Promise<ArchiveIndex | null> {
    const base = this.base(repositoryId, archiveName);
    try {
      const index = await ArchiveIndex.open(`${base}.idx`);
      const now = new Date();
      await utimes(`${base}.json`, now, now).catch(() => undefined);
      return index;
    } catch (error) {
      // An index of an older layout (or a damaged one) is dropped, to be built again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') await this.drop(repositoryId, archiveName);
      return null;
    }
  }

  /** Whether an archive is indexed. */
  async has(repositoryId: string, archiveName: string): Promise<boolean> {
    return (await this.meta(`${this.base(repositoryId, archiveName)}.json`)) !== null;
  }

  /** Records a freshly written index, then trims the cache (never dropping this one). */
  async commit(repositoryId: string, archiveName: string, built: { entries: number; bytes: number }): Promise<void> {
    const base = this.base(repositoryId, archiveName);
    await writeFile(`${base}.json`, JSON.stringify({ repositoryId, archiveName, entries: built.entries, bytes: built.bytes, builtAt: new Date().toISOString() }), { mode: 0o600 });
    await this.evict([base]);
  }

  private async meta(file: string): Promise<IndexMeta | null> {
    try {
      const parsed = metaSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (!parsed.success) return null;
      return { ...parsed.data, lastUsedMs: (await stat(file)).mtimeMs };
    } catch {
      return null;
    }
  }

  /** Every index of a repository (or of all), with its size and when it was last used. */
  async list(repositoryId?: string): Promise<IndexMeta[]> {
    const folders = repositoryId !== undefined ? [this.folder(repositoryId)] : (await readdir(this.root).catch(() => [])).map((f) => join(this.root, f));
    const found: IndexMeta[] = [];
    for (const folder of folders) {
      for (const name of await readdir(folder).catch(() => [])) {
        if (!name.endsWith('.json')) continue;
        const meta = await this.meta(join(folder, name));
        if (meta) found.push(meta);
      }
    }
    return found;
  }

  /** Removes one archive's index. */
  async drop(repositoryId: string, archiveName: string): Promise<void> {
    const base = this.base(repositoryId, archiveName);
    await rm(`${base}.json`, { force: true });
    await rm(`${base}.idx`, { force: true });
  }

  /** Drops the indexes of archives a fresh listing no longer shows (deleted, pruned, renamed). */
  async dropMissing(repositoryId: string, existingArchiveNames: readonly string[]): Promise<string[]> {
    const existing = new Set(existingArchiveNames);
    const gone = (await this.list(repositoryId)).filter((m) => !existing.has(m.archiveName)).map((m) => m.archiveName);
    for (const name of gone) await this.drop(repositoryId, name);
    return gone;
  }

  /** Drops least recently used indexes until all fit in the bound; `keep` (base paths) stay. */
  async evict(keep: readonly string[] = []): Promise<string[]> {
    const all = (await this.list()).sort((a, b) => a.lastUsedMs - b.lastUsedMs);
    let total = all.reduce((sum, m) => sum + m.bytes, 0);
    const dropped: string[] = [];
    for (const meta of all) {
      if (total <= this.maxBytes) break;
      if (keep.includes(this.base(meta.repositoryId, meta.archiveName))) continue;
      await this.drop(meta.repositoryId, meta.archiveName);
      total -= meta.bytes;
      dropped.push(`${meta.repositoryId}::${meta.archiveName}`);
    }
    return dropped;
  }
}
