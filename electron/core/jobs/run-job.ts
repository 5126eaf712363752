import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hasKeepRule } from '../borg/argv/prune.js';
import type { BorgBinary, BorgEvent, BorgMessage, BorgRunResult } from '../borg/types.js';
import { parseRepositoryUrl } from '../borg/rsh.js';
import type { Job, Repository, Settings, State } from '../config/schema.js';
import { archiveGlob, expandArchiveName } from './archive-name.js';
import { type BorgSteps, createStep } from './borg-steps.js';
import { describeHookFailure, runHook } from './hooks.js';
import type { RunOutcome, RunRecord } from './history.js';
import { progressFromEvent, type RunPhase, type RunProgress } from './progress.js';

/** Everything one run needs, resolved by the engine; nothing here reads global state. */
export interface RunJobInput {
  job: Job;
  states: readonly State[];
  repository: Repository;
  settings: Settings;
  trigger: RunRecord['trigger'];
  borg: BorgBinary;
  /** Resolved lazily so a keychain problem becomes this run's error, recorded like any other. */
  passphrase: () => Promise<string | null>;
  /** A private directory for this run's pattern files; the caller removes it. */
  workDir: string;
  signal: AbortSignal;
  /** Run `borg check` after the backup (the engine decides from checkFrequency). */
  checkDue: boolean;
  identity: { hostname: string; user: string };
  now: () => Date;
  onProgress?: ((progress: RunProgress) => void) | undefined;
  /** Every line worth keeping in the run's log: borg's messages, raw output, hook output. */
  onLog?: ((line: string) => void) | undefined;
  cancelGraceMs?: number | undefined;
}

const severity: Record<RunOutcome, number> = { ok: 0, skipped: 0.5, warning: 1, cancelled: 2, error: 3 };

/** Collects what a run found, keeping the worst outcome and the first reason for it. */
class RunReport {
  outcome: RunOutcome = 'ok';
  reason: string | undefined;
  hint: string | undefined;
  errorCode: string | undefined;
  readonly messages: BorgMessage[] = [];

  raise(outcome: RunOutcome, reason: string, details: { hint?: string | undefined; errorCode?: string | undefined } = {}): void {
    if (severity[outcome] > severity[this.outcome]) {
      this.outcome = outcome;
      this.reason = reason;
      this.hint = details.hint;
      this.errorCode = details.errorCode;
    } else if (this.reason === undefined && outcome !== 'ok') {
      this.reason = reason;
    }
  }

  absorb(step: string, result: BorgRunResult): void {
    this.messages.push(...result.messages);
    if (result.outcome === 'cancelled') this.raise('cancelled', `${step} was cancelled`);
    else if (result.outcome === 'error' || result.outcome === 'killed') {
      const error = result.error;
      this.raise('error', error?.summary ?? `${step} failed (exit ${result.exitCode ?? result.signal})`, {
        hint: error?.hint,
        errorCode: error?.code,
      });
    } else if (result.outcome === 'warning') {
      const first = result.messages.find((m) => m.level === 'warning') ?? result.messages[0];
      const count = result.messages.filter((m) => m.level === 'warning').length;
      this.raise('warning', first ? `${step} finished with ${count || 'some'} warning(s): ${first.message}` : `${step} finished with warnings`);
    }
  }

  get failed(): boolean {
    return this.outcome === 'error' || this.outcome === 'cancelled';
  }

  /** The value hooks see as $exitStatus, like NixOS: 0 ok, 1 warning, 2 error or cancelled. */
  get exitStatus(): number {
    return this.outcome === 'warning' ? 1 : this.failed ? 2 : 0;
  }
}

/** A removable repository whose disk is not plugged in: skip quietly instead of failing. */
function removableDiskAbsent(repository: Repository): boolean {
  if (!repository.removable) return false;
  const location = parseRepositoryUrl(repository.url);
  return location.kind === 'local' && !existsSync(location.path);
}

/**
 * One run of a job: pre-hooks, `borg create` of all its states' folders into one archive, postCreate,
 * prune and compact, postPrune, an optional check, and postHook always. Never throws for a backup
 * problem: everything ends up in the returned record.
 */
export async function runJob(input: RunJobInput, steps: BorgSteps = createStep): Promise<RunRecord> {
  const { job, repository } = input;
  const runId = randomUUID();
  const start = input.now();
  const report = new RunReport();
  let phase: RunPhase = 'starting';
  const log = (line: string) => input.onLog?.(line);
  const progress = (update: Partial<RunProgress> = {}) => {
    if (Object.keys(update).length === 0) log(`--- ${phase} (${new Date().toISOString()})`);
    input.onProgress?.({ runId, jobId: job.id, phase, ...update });
  };
  const onEvent = (event: BorgEvent) => {
    if (event.type === 'log_message') log(`${new Date(event.time * 1000).toISOString()} ${event.levelname} ${event.message}`);
    else if (event.type === 'raw') log(event.line);
    const update = progressFromEvent({ runId, jobId: job.id, phase }, event);
    if (update) input.onProgress?.(update);
  };
  const names = { hostname: input.identity.hostname, user: input.identity.user, job: job.id };
  const archiveName = expandArchiveName(job.archiveNameTemplate, { ...names, now: start });
  const variables = { CAIRN_JOB: job.name, CAIRN_REPOSITORY: repository.url, archiveName, repo: repository.url };
  let created = false;
  let pruned = false;
  let checked = false;
  let stats: RunRecord['stats'];

  const hook = async (label: string, script: string | undefined, extra: Record<string, string> = {}) => {
    if (!script) return true;
    const result = await runHook(script, { variables: { ...variables, ...extra }, signal: input.signal });
    log(`[${label}] exit ${result.exitCode ?? result.signal}${result.output ? `\n${result.output}` : ''}`);
    if (result.exitCode === 0) return true;
    report.raise(input.signal.aborted ? 'cancelled' : 'error', describeHookFailure(label, result));
    return false;
  };

  progress();
  if (input.signal.aborted) {
    report.raise('cancelled', 'cancelled before it started');
  } else if (removableDiskAbsent(repository)) {
    report.raise('skipped', `the disk of ${repository.name} is not connected (${repository.url})`, {
      hint: 'Connect the disk; the backup runs when it is due again.',
      errorCode: 'disk-absent',
    });
  } else {
    let passphrase: string | null = null;
    try {
      passphrase = await input.passphrase();
    } catch (error) {
      report.raise('error', (error as Error).message, { hint: (error as { hint?: string }).hint, errorCode: 'passphrase-unavailable' });
    }
    const access = { name: repository.name, url: repository.url, encryption: repository.encryption, passphrase, ssh: repository.ssh };
    const common = { borg: input.borg, access, settings: input.settings, workDir: input.workDir, signal: input.signal, onEvent, cancelGraceMs: input.cancelGraceMs };

    phase = 'pre-hooks';
    if (!report.failed) {
      for (const state of input.states) {
        if (!(await hook(`the pre-backup script of ${state.name}`, state.preBackupScript))) break;
      }
    }
    if (!report.failed) await hook('preHook', job.hooks.preHook);

    if (!report.failed) {
      phase = 'create';
      progress();
      const folders = input.states.flatMap((s) => s.folders);
      const result = await steps.create(common, { job, archiveName, folders });
      report.absorb('The backup', result.run);
      created = result.run.outcome === 'ok' || result.run.outcome === 'warning';
      stats = result.stats;
      if (created) await hook('postCreate', job.hooks.postCreate);
    }

    const keep = job.prune.keep;
    if (created && !report.failed && hasKeepRule(keep)) {
      phase = 'prune';
      progress();
      const glob = archiveGlob(job.archiveNameTemplate, names);
      const result = await steps.prune(common, { keep, glob });
      report.absorb('Pruning old archives', result);
      pruned = result.outcome === 'ok' || result.outcome === 'warning';
      if (pruned && job.compactAfterPrune) {
        phase = 'compact';
        progress();
        report.absorb('Compacting the repository', await steps.compact(common));
      }
      if (pruned) await hook('postPrune', job.hooks.postPrune);
    }

    if (created && !report.failed && input.checkDue) {
      phase = 'check';
      progress();
      const result = await steps.check(common);
      // `borg check` returns 1 when it finds damage: that is a problem, not a mere warning.
      if (result.outcome === 'warning') {
        report.messages.push(...result.messages);
        report.raise('error', 'The repository check found problems: ' + (result.messages[0]?.message ?? 'see the log'), {
          hint: 'Run `cairn borg JOB -- check -v` to see them; ask for help before repairing.',
          errorCode: 'integrity',
        });
      } else report.absorb('Checking the repository', result);
      checked = result.outcome === 'ok';
    }

    for (const state of input.states) {
      await hook(`the post-backup script of ${state.name}`, state.postBackupScript, { exitStatus: String(report.exitStatus) });
    }
  }
  phase = 'post-hooks';
  if (report.outcome !== 'skipped') await hook('postHook', job.hooks.postHook, { exitStatus: String(report.exitStatus) });

  return {
    id: runId,
    jobId: job.id,
    repositoryId: repository.id,
    trigger: input.trigger,
    start: start.toISOString(),
    end: input.now().toISOString(),
    outcome: report.outcome,
    reason: report.reason,
    hint: report.hint,
    errorCode: report.errorCode,
    archiveName: created ? archiveName : undefined,
    stats,
    pruned,
    checked,
    messages: report.messages,
  };
}
