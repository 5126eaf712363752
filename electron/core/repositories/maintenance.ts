import { checkArgs } from '../borg/argv/check.js';
import { compactArgs } from '../borg/argv/compact.js';
import { ensureOk, runBorg } from '../borg/runner.js';
import type { BorgBinary, BorgEvent, RepositoryAccess } from '../borg/types.js';

/** One progress update of a long repository operation. */
export interface MaintenanceProgress {
  percent: number | null;
  message: string | null;
}

/** borg's progress events (check, compact) as updates a person can read; other events give null. */
export function maintenanceProgress(event: BorgEvent): MaintenanceProgress | null {
  if (event.type === 'progress_percent') {
    if (event.finished) return null;
    const percent = event.total ? Math.min(100, Math.round((1000 * (event.current ?? 0)) / event.total) / 10) : null;
    return { percent, message: event.message?.trim() || null };
  }
  if (event.type === 'progress_message' && !event.finished) return { percent: null, message: event.message?.trim() || null };
  return null;
}

/** What `repositories.check` answers: problems found are a result, not an exception. */
export interface CheckResult {
  ok: boolean;
  message: string;
}

const MAX_REPORTED_PROBLEMS = 5;

/**
 * `borg check` (both phases; every chunk read with verifyData). rc 1 means it found damage: the
 * answer lists the first problems. Any other failure throws its BorgError. Needs the exclusive lock.
 */
export async function checkRepository(
  borg: BorgBinary,
  access: RepositoryAccess,
  options: { verifyData: boolean; lockWait?: number | undefined; onProgress?: ((progress: MaintenanceProgress) => void) | undefined },
): Promise<CheckResult> {
  const result = ensureOk(
    await runBorg(borg, {
      args: checkArgs({ progress: true, verifyData: options.verifyData, lockWait: options.lockWait }),
      repository: access,
      onEvent: (event) => {
        const progress = maintenanceProgress(event);
        if (progress !== null) options.onProgress?.(progress);
      },
    }),
  );
  if (result.outcome === 'ok') {
    return { ok: true, message: options.verifyData ? 'No problems found; every stored chunk was read and verified.' : 'No problems found.' };
  }
  const problems = result.messages.filter((m) => m.level === 'error').map((m) => m.message.trim());
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS).join('\n');
  const more = problems.length > MAX_REPORTED_PROBLEMS ? `\n… and ${problems.length - MAX_REPORTED_PROBLEMS} more.` : '';
  return {
    ok: false,
    message:
      `The check found problems in the repository:\n${shown || 'borg reported damage without details.'}${more}\n` +
      'Do not write new backups to it before you know more; a repair (borg check --repair) can lose data, so get help first.',
  };
}

/** borg's own words for the space compact gave back, e.g. `1.23 MB`, when it says. */
const freedPattern = /compaction freed about (.+?) repository space/;

/** `borg compact`: gives back the space of deleted archives; says how much when borg tells. */
export async function compactRepository(
  borg: BorgBinary,
  access: RepositoryAccess,
  options: { lockWait?: number | undefined; onProgress?: ((progress: MaintenanceProgress) => void) | undefined } = {},
): Promise<{ message: string; freed: string | null }> {
  let freed: string | null = null;
  ensureOk(
    await runBorg(borg, {
      args: compactArgs({ progress: true, verbose: true, lockWait: options.lockWait }),
      repository: access,
      onEvent: (event) => {
        if (event.type === 'log_message') freed = freedPattern.exec(event.message)?.[1] ?? freed;
        const progress = maintenanceProgress(event);
        if (progress !== null) options.onProgress?.(progress);
      },
    }),
  );
  return { message: freed === null ? 'The repository was compacted.' : `The repository was compacted: about ${freed} freed.`, freed };
}
