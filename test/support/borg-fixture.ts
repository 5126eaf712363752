import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { locateBorg } from '../../electron/core/borg/locate.js';
import { initArgs } from '../../electron/core/borg/argv/init.js';
import { listArchivesArgs } from '../../electron/core/borg/argv/list.js';
import { ensureOk, runBorg } from '../../electron/core/borg/runner.js';
import type { RepositoryAccess } from '../../electron/core/borg/types.js';
import { configSchema, CONFIG_VERSION, type Config, type JobInput } from '../../electron/core/config/schema.js';
import { BackupEngine } from '../../electron/core/jobs/engine.js';
import { RunHistory } from '../../electron/core/jobs/history.js';
import { tempDir } from './temp-dir.js';

export const PASSPHRASE = 'correct horse battery staple 7';

/** A small source tree: two folders with a few files. */
export async function makeSourceTree(root: string): Promise<{ documents: string; pictures: string }> {
  const documents = join(root, 'documents');
  const pictures = join(root, 'pictures');
  await mkdir(join(documents, 'sub'), { recursive: true });
  await mkdir(pictures, { recursive: true });
  await writeFile(join(documents, 'welcome.md'), 'Hello World!\n');
  await writeFile(join(documents, 'sub', 'finance.txt'), 'Account total: 5000\n');
  await writeFile(join(pictures, 'hero.bin'), Buffer.alloc(100_000, 7));
  return { documents, pictures };
}

/** A new repokey-blake2 repository made with real borg. */
export async function makeRepository(path: string, passphrase = PASSPHRASE): Promise<RepositoryAccess> {
  const access: RepositoryAccess = { url: path, encryption: 'repokey-blake2', passphrase };
  ensureOk(await runBorg(await locateBorg(), { args: initArgs({ encryption: 'repokey-blake2', makeParentDirs: true }), repository: access }));
  return access;
}

/** Archive names in a repository (checkpoints too when asked). */
export async function archiveNames(access: RepositoryAccess, considerCheckpoints = false): Promise<string[]> {
  const result = ensureOk(await runBorg(await locateBorg(), { args: listArchivesArgs({ considerCheckpoints }), repository: access }));
  return (JSON.parse(result.stdout) as { archives: { name: string }[] }).archives.map((a) => a.name);
}

/**
 * A complete setup for engine tests: a source tree, a real repository, a config with one state,
 * one repository and the given jobs, and an engine whose passphrase comes from memory.
 */
export async function engineFixture(jobs: (Partial<JobInput> & { name: string })[], options: { passphrase?: string; removable?: boolean; now?: () => Date } = {}) {
  const root = tempDir();
  const source = await makeSourceTree(join(root, 'src'));
  const repositoryPath = join(root, 'repo');
  const access = await makeRepository(repositoryPath);
  let config: Config = configSchema.parse({
    version: CONFIG_VERSION,
    states: [{ id: 'docs', name: 'Documents', folders: [source.documents, source.pictures] }],
    repositories: [{ id: 'disk', name: 'Disk', url: repositoryPath, removable: options.removable ?? false }],
    jobs: jobs.map((job) => ({ id: job.name, stateIds: ['docs'], repositoryId: 'disk', checkFrequency: 'never', ...job })),
  });
  const history = new RunHistory(join(root, 'data', 'history.jsonl'));
  const engine = new BackupEngine({
    loadConfig: async () => config,
    history,
    locateBorg,
    resolvePassphrase: async () => options.passphrase ?? PASSPHRASE,
    workRoot: join(root, 'data', 'work'),
    logDir: join(root, 'data', 'runs'),
    cancelGraceMs: 10_000,
    now: options.now,
  });
  return {
    root,
    source,
    access,
    history,
    engine,
    setConfig: (next: Config) => (config = next),
    getConfig: () => config,
  };
}
