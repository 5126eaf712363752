// Boots electron/main.ts under Node against the fake Electron, with its own config and data dirs,
// a real borg repository and a passphrase command: one fresh "process" per call.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { RepositoryAccess } from '../../electron/core/borg/types.js';
import { configSchema, CONFIG_VERSION, type Config, type JobInput } from '../../electron/core/config/schema.js';
import { RunHistory, type RunRecord } from '../../electron/core/jobs/history.js';
import { makeRepository, makeSourceTree, PASSPHRASE } from '../support/borg-fixture.js';
import { tempDir } from '../support/temp-dir.js';

type FakeElectron = typeof import('../fakes/electron.js');

/** Polls a condition (no fixed sleeps): resolves with its first truthy value, or fails with `what`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** What a test sets up before the app starts. */
export interface World {
  root: string;
  configDir: string;
  dataDir: string;
  source: { documents: string; pictures: string };
  repositoryPath: string;
  access: RepositoryAccess;
  history: RunHistory;
  writeConfig(jobs: (Partial<JobInput> & { name: string })[], options?: { repositoryUrl?: string; settings?: Partial<Config['settings']> }): Promise<Config>;
  runs(): Promise<RunRecord[]>;
}

/** A temp world: source tree, real repository, dirs for the app's config and data. */
export async function makeWorld(): Promise<World> {
  const root = tempDir('cairn-shell-');
  const source = await makeSourceTree(join(root, 'src'));
  const repositoryPath = join(root, 'repo');
  const access = await makeRepository(repositoryPath);
  const configDir = join(root, 'config');
  const dataDir = join(root, 'data');
  const passphraseFile = join(root, 'passphrase');
  await writeFile(passphraseFile, PASSPHRASE, { mode: 0o600 });
  const history = new RunHistory(join(dataDir, 'history.jsonl'));
  return {
    root,
    configDir,
    dataDir,
    source,
    repositoryPath,
    access,
    history,
    async writeConfig(jobs, options = {}) {
      const config = configSchema.parse({
        version: CONFIG_VERSION,
        states: [{ id: 'docs', name: 'Documents', folders: [source.documents, source.pictures] }],
        repositories: [
          {
            id: 'disk',
            name: 'Disk',
            url: options.repositoryUrl ?? repositoryPath,
            passphrase: { source: 'command', command: `cat '${passphraseFile}'` },
          },
        ],
        jobs: jobs.map((job) => ({ id: job.name.toLowerCase(), stateIds: ['docs'], repositoryId: 'disk', checkFrequency: 'never', schedule: { kind: 'manual' }, ...job })),
        settings: options.settings ?? {},
      });
      await mkdir(configDir, { recursive: true });
      await writeFile(join(configDir, 'config.json'), JSON.stringify(config, null, 2));
      return config;
    },
    runs: () => history.all(),
  };
}

/** A booted app: the fake Electron it runs against, and a clean way to end it. */
export interface BootedApp {
  electron: FakeElectron;
  /** The app's log file (electron-log, in the fake's logs folder). */
  logFile: string;
  log(): Promise<string>;
  /** Quits through the tray (answering "Stop and quit" if asked) and waits for the exit. */
  quit(): Promise<void>;
}

const ENV_KEYS = ['CAIRN_CONFIG_DIR', 'CAIRN_DATA_DIR', 'CAIRN_CACHE_DIR', 'CAIRN_CATCH_UP_DELAY_MS'] as const;

/** Imports a fresh electron/main.ts (and a fresh fake Electron: a new "process") and waits until it runs. */
export async function bootApp(world: World, env: { catchUpDelayMs?: number } = {}): Promise<BootedApp> {
  const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  process.env.CAIRN_CONFIG_DIR = world.configDir;
  process.env.CAIRN_DATA_DIR = world.dataDir;
  process.env.CAIRN_CACHE_DIR = join(world.root, 'cache');
  process.env.CAIRN_CATCH_UP_DELAY_MS = String(env.catchUpDelayMs ?? 60_000);
  vi.resetModules();
  const electron = (await import('../fakes/electron.js')) as FakeElectron;
  await import('../../electron/main.js');
  const logFile = join(electron.app.getPath('logs'), 'main.log');
  const log = () => readFile(logFile, 'utf8').catch(() => '');
  await waitFor('the app to start', async () => (await log()).includes('Cairn is running in the tray.'));
  let ended = false;
  return {
    electron,
    logFile,
    log,
    async quit() {
      if (ended) return;
      ended = true;
      electron.testing.answerNextMessageBox(0);
      electron.app.quit();
      await electron.testing.exited();
      electron.testing.dispose();
      for (const key of ENV_KEYS) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    },
  };
}

/** Boots a second launch of the app while the first runs: a fresh module graph and fake, like a new process. */
export async function launchAgain(): Promise<FakeElectron> {
  vi.resetModules();
  const electron = (await import('../fakes/electron.js')) as FakeElectron;
  await import('../../electron/main.js');
  return electron;
}
