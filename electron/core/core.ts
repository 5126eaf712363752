import { join } from 'node:path';
import { locateBorg } from './borg/locate.js';
import type { BorgBinary, RepositoryAccess } from './borg/types.js';
import { resolvePaths, type CairnPaths, type ResolvePathsOptions } from './config/paths.js';
import type { Repository } from './config/schema.js';
import { ConfigStore } from './config/store.js';
import { BackupEngine } from './jobs/engine.js';
import { RunHistory } from './jobs/history.js';
import { BrowseService } from './restore/browse-service.js';
import { resolvePassphrase } from './secrets/passphrase.js';

/** Cairn's core, wired once: the CLI and the Electron main process each build one of these. */
export interface CairnCore {
  paths: CairnPaths;
  store: ConfigStore;
  history: RunHistory;
  engine: BackupEngine;
  /** Archive browsing and restore: indexes, mounts, search, versions, diff, restore. */
  browse: BrowseService;
  /** borg on this machine (found once, then cached). */
  borg(): Promise<BorgBinary>;
  /** How borg reaches a repository, passphrase included (kept in memory only). */
  access(repository: Repository): Promise<RepositoryAccess>;
}

export interface CoreOptions extends ResolvePathsOptions {
  /** Grace period between SIGINT and SIGTERM when a run is cancelled. */
  cancelGraceMs?: number;
}

/** Builds the core from the platform's paths (or the overrides in `options`). */
export function createCore(options: CoreOptions = {}): CairnCore {
  const paths = resolvePaths(options);
  const store = new ConfigStore(paths.configFile);
  const history = new RunHistory(join(paths.dataDir, 'history.jsonl'));
  let borgPromise: Promise<BorgBinary> | undefined;
  const borg = (): Promise<BorgBinary> => {
    if (!borgPromise) {
      const lookup = locateBorg();
      // A failed lookup is retried next time (the user may have installed borg meanwhile).
      lookup.catch(() => (borgPromise = undefined));
      borgPromise = lookup;
    }
    return borgPromise;
  };
  const engine = new BackupEngine({
    loadConfig: async () => (await store.load()).config,
    history,
    locateBorg: borg,
    resolvePassphrase: (repository) => resolvePassphrase(repository),
    workRoot: join(paths.dataDir, 'work'),
    logDir: join(paths.dataDir, 'runs'),
    cancelGraceMs: options.cancelGraceMs,
  });
  const access = async (repository: Repository): Promise<RepositoryAccess> => ({
    name: repository.name,
    url: repository.url,
    encryption: repository.encryption,
    passphrase: await resolvePassphrase(repository),
    ssh: repository.ssh,
  });
  const browse = new BrowseService({ paths, loadConfig: async () => (await store.load()).config, engine, borg, access });
  return { paths, store, history, engine, browse, borg, access };
}
