import { setPriority } from 'node:os';
import { listItemsArgs } from '../borg/argv/list.js';
import { BorgError } from '../borg/errors.js';
import { runBorg } from '../borg/runner.js';
import type { BorgBinary, RepositoryAccess } from '../borg/types.js';
import { FLAG_HARDLINK, parseModeString } from './index-format.js';
import { IndexBuilder, type IndexItem } from './index-writer.js';

/** Options of buildArchiveIndex. */
export interface BuildIndexOptions {
  archive: string;
  /** Where the index file goes (written through a temporary name). */
  file: string;
  lockWait?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Items read so far, a few times a second. */
  onProgress?: ((entries: number) => void) | undefined;
  /** Process priority of borg (19 = lowest); 10 by default, so a browse never slows the machine. */
  niceness?: number | undefined;
}

const PROGRESS_EVERY_MS = 250;

/**
 * One `borg list --json-lines` line as an index item. borg prints names as text: bytes that are
 * not UTF-8 come out as `?` (its stdout replaces them), which selection-patterns turns back into
 * a pattern that matches the stored name.
 */
export function itemFromJsonLine(line: string): IndexItem | null {
  const item = JSON.parse(line) as { path?: unknown; type?: unknown; mode?: unknown; size?: unknown; mtime?: unknown; linktarget?: unknown };
  if (typeof item.path !== 'string' || typeof item.type !== 'string') return null;
  const mode = typeof item.mode === 'string' ? item.mode : '';
  const hardlink = mode.startsWith('h');
  return {
    path: item.path,
    type: item.type,
    mode: parseModeString(mode),
    size: typeof item.size === 'number' ? item.size : 0,
    // The runner runs borg with TZ=UTC: borg's naive times are UTC.
    mtime: typeof item.mtime === 'string' ? Date.parse(`${item.mtime}Z`) || 0 : 0,
    flags: hardlink ? FLAG_HARDLINK : 0,
    linkTarget: typeof item.linktarget === 'string' && item.linktarget !== '' ? item.linktarget : undefined,
  };
}

/** What a build did. */
export interface BuiltIndex {
  entries: number;
  bytes: number;
  durationMs: number;
}

/**
 * Streams an archive's items from borg into an index file, one line at a time. Throws a BorgError
 * when borg fails, and one with code `interrupted` when cancelled (no file is left then).
 */
export async function buildArchiveIndex(borg: BorgBinary, access: RepositoryAccess, options: BuildIndexOptions): Promise<BuiltIndex> {
  const started = Date.now();
  const builder = new IndexBuilder();
  let lastReport = 0;
  let badLine: Error | undefined;
  const result = await runBorg(borg, {
    args: listItemsArgs({ archive: options.archive, lockWait: options.lockWait }),
    repository: access,
    signal: options.signal,
    onSpawn: (pid) => {
      try {
        setPriority(pid, options.niceness ?? 10);
      } catch {
        // not allowed here: it still works, only at normal priority
      }
    },
    onStdoutLine: (line) => {
      try {
        const item = itemFromJsonLine(line);
        if (item) builder.add(item);
      } catch (error) {
        badLine ??= error as Error;
      }
      const now = Date.now();
      if (options.onProgress && now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        options.onProgress(builder.entries);
      }
    },
  });
  if (result.outcome !== 'ok' && result.outcome !== 'warning') {
    throw result.error ?? new BorgError({ code: 'unknown', summary: `Cairn could not read the archive ${options.archive}.`, exitCode: result.exitCode });
  }
  if (badLine) throw new Error(`borg listed the archive ${options.archive} in a form Cairn cannot read: ${badLine.message}`);
  options.onProgress?.(builder.entries);
  const written = await builder.write(options.file);
  return { ...written, durationMs: Date.now() - started };
}
