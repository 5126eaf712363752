import type { Job } from '../config/schema.js';
import { archiveGlob } from '../jobs/archive-name.js';
import type { RunRecord } from '../jobs/run-record.js';

/** A borg archive glob (`*`, `?`, `[…]`, as archiveGlob writes them) as a whole-name RegExp. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) source += '\\[';
      else {
        // fnmatch's `[!…]` negates; inside a RegExp class `]`, `[`, `^` and `\\` need escaping.
        const body = glob.slice(i + 1, close);
        const negated = body.startsWith('!');
        const chars = (negated ? body.slice(1) : body).replace(/[\\\][^]/g, '\\$&');
        source += `[${negated ? '^' : ''}${chars}]`;
        i = close;
      }
    } else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/**
 * Tells which job made an archive: the run history knows the archives Cairn made; otherwise the
 * first job whose name template matches (archives from before the history, or another machine's).
 */
export function archiveOwner(
  jobs: readonly Job[],
  identity: { hostname: string; user: string },
  runs: readonly RunRecord[],
): (archiveName: string) => string | null {
  const byName = new Map<string, string>();
  for (const run of runs) if (run.archiveName !== undefined) byName.set(run.archiveName, run.jobId);
  const jobIds = new Set(jobs.map((j) => j.id));
  const patterns = jobs.map((job) => ({ id: job.id, pattern: globToRegExp(archiveGlob(job.archiveNameTemplate, { ...identity, job: job.id })) }));
  return (name) => {
    const recorded = byName.get(name);
    if (recorded !== undefined && jobIds.has(recorded)) return recorded;
    return patterns.find((p) => p.pattern.test(name))?.id ?? null;
  };
}
