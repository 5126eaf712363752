import { deleteArgs } from '../borg/argv/delete.js';
import { listArchivesArgs } from '../borg/argv/list.js';
import { ensureOk, runBorg } from '../borg/runner.js';
import type { BorgBinary, RepositoryAccess } from '../borg/types.js';
import { z } from 'zod';

const listDocumentSchema = z.object({
  archives: z.array(z.object({ name: z.string(), id: z.string(), start: z.string(), time: z.string().optional() })),
  encryption: z.object({ mode: z.string() }).optional(),
});

/** One archive as Cairn shows it; times are UTC ISO strings. */
export interface ArchiveSummary {
  name: string;
  id: string;
  start: string;
}

/** borg prints naive times; the runner runs borg with TZ=UTC, so they are UTC. */
export function borgTimeToIso(naive: string): string {
  return new Date(`${naive.replace(' ', 'T')}Z`).toISOString();
}

/** The archives of a repository, oldest first (optionally only those matching a glob). */
export async function listArchives(
  borg: BorgBinary,
  access: RepositoryAccess,
  options: { glob?: string | undefined; lockWait?: number | undefined; signal?: AbortSignal | undefined } = {},
): Promise<ArchiveSummary[]> {
  return (await openRepository(borg, access, options)).archives;
}

/** Opens a repository: its archives, oldest first, and the encryption mode borg found it in. */
export async function openRepository(
  borg: BorgBinary,
  access: RepositoryAccess,
  options: { glob?: string | undefined; lockWait?: number | undefined; signal?: AbortSignal | undefined } = {},
): Promise<{ archives: ArchiveSummary[]; encryptionMode: string | null }> {
  const result = ensureOk(
    await runBorg(borg, { args: listArchivesArgs({ glob: options.glob, lockWait: options.lockWait }), repository: access, signal: options.signal }),
  );
  const document = listDocumentSchema.parse(JSON.parse(result.stdout));
  return {
    archives: document.archives.map((a) => ({ name: a.name, id: a.id, start: borgTimeToIso(a.start) })),
    encryptionMode: document.encryption?.mode ?? null,
  };
}

/**
 * Deletes one archive (its space comes back with the next compact); false when there was no such
 * archive (borg only warns about that, rc 1).
 */
export async function deleteArchive(borg: BorgBinary, access: RepositoryAccess, archive: string, lockWait?: number): Promise<boolean> {
  const result = ensureOk(await runBorg(borg, { args: deleteArgs({ archive, lockWait }), repository: access }));
  return !result.messages.some((m) => m.level === 'warning' && m.message.startsWith(`Archive ${archive} not found`));
}
