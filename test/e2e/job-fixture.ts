import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addJob, addRepository, addState, type AddJobInput } from '../../electron/core/config/edit.js';
import type { CairnCore } from '../../electron/core/core.js';
import { initRepository } from '../../electron/core/repositories/init.js';
import type { AppDirs } from './harness.js';

/** What a job fixture made: the folder it backs up and the repository's path. */
export interface JobFixture {
  jobId: string;
  folder: string;
  repositoryPath: string;
}

/**
 * Configures a real job through the core's own edit functions: a state over a new folder, a new
 * unencrypted borg repository (encryption is not what these screens are about), and the job.
 * `randomMegabytes` of incompressible data make a backup last long enough to watch its progress.
 */
export async function addBackupJob(
  { core, dirs }: { core: CairnCore; dirs: AppDirs },
  options: { name: string; randomMegabytes?: number; job?: Partial<AddJobInput> },
): Promise<JobFixture> {
  const slug = options.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const folder = join(dirs.home, slug);
  await mkdir(join(folder, 'notes'), { recursive: true });
  await writeFile(join(folder, 'notes', 'welcome.md'), 'Hello World!\n');
  await writeFile(join(folder, 'notes', 'todo.txt'), 'Back up the laptop\n');
  for (let i = 0; i < Math.ceil((options.randomMegabytes ?? 0) / 8); i++) {
    await writeFile(join(folder, `random-${i}.bin`), randomBytes(8 * 1024 * 1024));
  }
  const repositoryPath = join(dirs.root, `repo-${slug}`);
  const { state } = await core.store.apply((config) => addState(config, { name: `${options.name} files`, folders: [folder] }));
  const { repository } = await core.store.apply((config) =>
    addRepository(config, { name: `${options.name} disk`, url: repositoryPath, encryption: 'none', passphrase: { source: 'none' } }),
  );
  await initRepository(await core.borg(), await core.access(repository));
  const { job } = await core.store.apply((config) =>
    addJob(config, { name: options.name, states: [state.id], repository: repository.id, checkFrequency: 'never', ...options.job }),
  );
  return { jobId: job.id, folder, repositoryPath };
}
