import { hasKeepRule, pruneArgs } from '../borg/argv/prune.js';
import { ensureOk, runBorg } from '../borg/runner.js';
import type { BorgBinary, RepositoryAccess } from '../borg/types.js';
import type { PruneKeep } from '../config/schema.js';
import { listArchives } from './archives.js';

/** What the keep rules would do to one archive; `rule` says which rule keeps it (`daily #1`). */
export interface PruneDecision {
  name: string;
  id: string;
  start: string;
  decision: 'keep' | 'prune';
  rule: string | null;
}

// `{message:<40} {name:<36} {Mon, 2024-01-01 12:00:00} [id]`, as `borg prune --list` logs each archive.
const linePattern =
  /^(?<what>Would prune:|Pruning archive \(\d+\/\d+\):|Keeping archive \(rule: (?<rule>[^)]*)\):|Keeping checkpoint archive:)\s+(?<name>.*?)\s+\w{3}, (?<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) \[(?<id>[0-9a-f]+)\]\s*$/;

// borg calls the rule of --keep-last "secondly".
const ruleNames: Readonly<Record<string, string>> = { secondly: 'last' };

/** One `borg.output.list` line of `borg prune --list`, or null for anything else. Times are UTC (borg runs with TZ=UTC). */
export function parsePruneLine(line: string): PruneDecision | null {
  const groups = linePattern.exec(line)?.groups;
  if (groups === undefined) return null;
  const { what = '', rule, name = '', time = '', id = '' } = groups;
  const keep = what.startsWith('Keeping');
  let ruleText: string | null = null;
  if (rule !== undefined) {
    const [kind = '', count] = rule.split(' #');
    ruleText = `${ruleNames[kind] ?? kind}${count === undefined ? '' : ` #${count}`}`;
  } else if (what.startsWith('Keeping checkpoint')) ruleText = 'checkpoint';
  return { name, id, start: new Date(`${time.replace(' ', 'T')}Z`).toISOString(), decision: keep ? 'keep' : 'prune', rule: ruleText };
}

/**
 * What `borg prune` would keep and delete among the archives matching `glob`, newest first,
 * without deleting anything (`--dry-run`). With no keep rule nothing would be pruned: every archive
 * is kept, by no rule. prune takes the exclusive lock: call it from the engine's queue.
 */
export async function previewPrune(
  borg: BorgBinary,
  access: RepositoryAccess,
  options: { keep: PruneKeep; glob: string; lockWait?: number | undefined },
): Promise<PruneDecision[]> {
  if (!hasKeepRule(options.keep)) {
    const archives = await listArchives(borg, access, { glob: options.glob, lockWait: options.lockWait });
    return archives.reverse().map((a) => ({ name: a.name, id: a.id, start: a.start, decision: 'keep', rule: null }));
  }
  const decisions: PruneDecision[] = [];
  ensureOk(
    await runBorg(borg, {
      args: pruneArgs({ keep: options.keep, glob: options.glob, dryRun: true, lockWait: options.lockWait }),
      repository: access,
      onEvent: (event) => {
        if (event.type !== 'log_message' || event.name !== 'borg.output.list') return;
        const decision = parsePruneLine(event.message);
        if (decision !== null) decisions.push(decision);
      },
    }),
  );
  return decisions;
}
