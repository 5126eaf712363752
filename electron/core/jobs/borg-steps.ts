import { checkArgs } from '../borg/argv/check.js';
import { compactArgs } from '../borg/argv/compact.js';
import { createArgs } from '../borg/argv/create.js';
import { pruneArgs } from '../borg/argv/prune.js';
import { writeExcludeFile, writePatternsFile } from '../borg/pattern-files.js';
import { runBorg } from '../borg/runner.js';
import type { BorgBinary, BorgEvent, BorgRunResult, RepositoryAccess } from '../borg/types.js';
import type { Job, PruneKeep, Settings } from '../config/schema.js';
import type { RunRecord } from './history.js';

/** What every borg step of a run shares. */
export interface StepContext {
  borg: BorgBinary;
  access: RepositoryAccess;
  settings: Settings;
  workDir: string;
  signal: AbortSignal;
  onEvent: (event: BorgEvent) => void;
  cancelGraceMs?: number | undefined;
}

/** The borg commands a run is made of; a seam so the order of a run can be tested on its own. */
export interface BorgSteps {
  create(context: StepContext, input: { job: Job; archiveName: string; folders: readonly string[] }): Promise<{ run: BorgRunResult; stats?: RunRecord['stats'] }>;
  prune(context: StepContext, input: { keep: PruneKeep; glob: string }): Promise<BorgRunResult>;
  compact(context: StepContext): Promise<BorgRunResult>;
  check(context: StepContext): Promise<BorgRunResult>;
}

function run(context: StepContext, args: string[]): Promise<BorgRunResult> {
  return runBorg(context.borg, {
    args,
    repository: context.access,
    signal: context.signal,
    onEvent: context.onEvent,
    cancelGraceMs: context.cancelGraceMs,
  });
}

interface CreateJson {
  archive?: { duration?: number; stats?: { nfiles?: number; original_size?: number; compressed_size?: number; deduplicated_size?: number } };
}

/** Reads the stats of `borg create --json`; a missing or odd document just means no stats. */
function statsFrom(stdout: string): RunRecord['stats'] {
  try {
    const archive = (JSON.parse(stdout) as CreateJson).archive;
    const stats = archive?.stats;
    if (!stats) return undefined;
    return {
      nfiles: stats.nfiles ?? 0,
      originalSize: stats.original_size ?? 0,
      compressedSize: stats.compressed_size ?? 0,
      deduplicatedSize: stats.deduplicated_size ?? 0,
      durationSeconds: archive.duration ?? 0,
    };
  } catch {
    return undefined;
  }
}

/** The real steps: argv builders plus the runner. */
export const createStep: BorgSteps = {
  async create(context, { job, archiveName, folders }) {
    // Roots and patterns go through a file: no argv length limit, and the job's own pattern lines apply.
    const patternsFile = await writePatternsFile(context.workDir, [...folders.map((f) => `R ${f}`), ...job.patterns]);
    const excludeFile = job.exclude.length > 0 ? await writeExcludeFile(context.workDir, job.exclude) : undefined;
    const result = await run(
      context,
      createArgs({
        archiveName,
        paths: [],
        patternsFile,
        excludeFile,
        excludeCaches: job.excludeCaches,
        oneFileSystem: job.oneFileSystem,
        compression: job.compression,
        progress: true,
        json: true,
        lockWait: context.settings.lockWaitSeconds,
        extraArgs: job.extraCreateArgs,
      }),
    );
    return { run: result, stats: statsFrom(result.stdout) };
  },
  prune: (context, { keep, glob }) => run(context, pruneArgs({ keep, glob, list: true, lockWait: context.settings.lockWaitSeconds })),
  compact: (context) => run(context, compactArgs({ progress: true, lockWait: context.settings.lockWaitSeconds })),
  check: (context) => run(context, checkArgs({ progress: true, lockWait: context.settings.lockWaitSeconds })),
};
