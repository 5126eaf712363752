import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../config/atomic-write.js';

/** Where Cairn keeps what it learned about one repository; all of it can be rebuilt from borg. */
export function repositoryCacheDir(cacheDir: string, repositoryId: string): string {
  return join(cacheDir, 'repositories', repositoryId);
}

/** A cache file's content, or null when it is missing, unreadable or not what the schema says. */
export async function readCacheFile<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // torn by a crash before atomic writes, or edited by hand: rebuilt on the next refresh
  }
}

/** Replaces a cache file atomically (a reader sees the old or the new content, never half). */
export async function writeCacheFile(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(value));
}
