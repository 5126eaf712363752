import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { ConfigError, NewerConfigError } from './errors.js';
import { parseJsonFile } from './json-syntax.js';
import { migrate } from './migrations.js';
import { emptyConfig, type Config } from './schema.js';
import { validateConfig } from './validate.js';

export { ConfigError, NewerConfigError, formatIssues, type ConfigIssue } from './errors.js';
export { validateConfig } from './validate.js';

/** What load() found. */
export interface LoadResult {
  config: Config;
  file: string;
  /** False when there is no file yet: `config` is then empty and nothing was created. */
  exists: boolean;
  /** The file's version when it was older and migrated in memory (it is rewritten on the next save). */
  migratedFrom: number | null;
}

type Inspection =
  | { kind: 'missing' }
  | { kind: 'ok'; config: Config; from: number }
  | { kind: 'broken'; error: ConfigError; copy?: string };

/** Options for tests: a fixed clock names corrupt copies predictably. */
export interface ConfigStoreOptions {
  now?: () => Date;
}

/** Reads and writes Cairn's config file without ever losing or silently replacing the user's file. */
export class ConfigStore {
  readonly file: string;

  constructor(file: string, private readonly options: ConfigStoreOptions = {}) {
    this.file = path.resolve(file);
  }

  /** The config on disk, migrated and validated; a missing file gives an empty config. */
  async load(): Promise<LoadResult> {
    const found = await this.inspect();
    switch (found.kind) {
      case 'missing':
        return { config: emptyConfig(), file: this.file, exists: false, migratedFrom: null };
      case 'broken':
        if (found.error instanceof NewerConfigError) throw found.error;
        throw new ConfigError(
          `Cannot load ${this.file}: ${reason(found.error)}.` +
            (found.copy ? ` It was left as it is and copied to ${found.copy};` : '') +
            ' Cairn will not save over it until it is fixed or removed.',
          found.error.issues,
          found.copy,
        );
      case 'ok':
        return { config: found.config, file: this.file, exists: true, migratedFrom: found.from < found.config.version ? found.from : null };
    }
  }

  /** Validates and writes atomically; refuses while the file on disk cannot be loaded. */
  async save(config: Config): Promise<void> {
    await withFileLock(this.file, () => this.saveUnlocked(config));
  }

  /** Load, apply `mutator`, validate, save: serialized with other updates of the same file in this process. */
  async update(mutator: (config: Config) => Config | Promise<Config>): Promise<Config> {
    return withFileLock(this.file, async () => {
      const { config } = await this.load();
      const next = validateConfig(await mutator(config));
      await this.saveUnlocked(next);
      return next;
    });
  }

  /** Applies an edit from edit.ts (new config plus what it made or removed), saves, and returns the edit's result. */
  async apply<R extends { config: Config }>(edit: (config: Config) => R): Promise<R> {
    let result: R | undefined;
    await this.update((config) => (result = edit(config)).config);
    return result as R;
  }

  private async saveUnlocked(config: Config): Promise<void> {
    const valid = validateConfig(config, 'Not saved: the configuration is not valid:');
    // Checked on every save, not only after a failed load: a caller that never loaded must not
    // replace a broken-but-recoverable file either.
    const found = await this.inspect();
    if (found.kind === 'broken') {
      throw new ConfigError(
        `Not saved: ${this.file} cannot be loaded (${reason(found.error)}) and Cairn will not replace it; ` +
          'fix or remove it, then try again.' +
          (found.copy ? ` A copy is at ${found.copy}.` : ''),
        found.error.issues,
        found.copy,
      );
    }
    await writeFileAtomic(this.file, `${JSON.stringify(valid, null, 2)}\n`);
  }

  /** What is on disk; a broken file is copied aside first (a newer Cairn's file is not broken, only not ours). */
  private async inspect(): Promise<Inspection> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'broken', error: new ConfigError(`It cannot be read: ${(error as Error).message}`) };
    }
    try {
      const { config, from } = migrate(parseJsonFile(bytes.toString('utf8')));
      return { kind: 'ok', config: validateConfig(config), from };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (error instanceof NewerConfigError) return { kind: 'broken', error };
      return { kind: 'broken', error, copy: await this.keepAside(bytes) };
    }
  }

  /** Copies a broken file's bytes next to it once (an identical earlier copy is reused). */
  private async keepAside(bytes: Buffer): Promise<string> {
    const dir = path.dirname(this.file);
    const prefix = `${path.basename(this.file)}.corrupt-`;
    for (const name of (await readdir(dir)).filter((n) => n.startsWith(prefix)).sort()) {
      const existing = await readFile(path.join(dir, name)).catch(() => null);
      if (existing?.equals(bytes)) return path.join(dir, name);
    }
    const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    for (let n = 1; ; n++) {
      const copy = path.join(dir, `${prefix}${stamp}${n === 1 ? '' : `-${n}`}`);
      try {
        await writeFile(copy, bytes, { flag: 'wx', mode: 0o600 });
        return copy;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }
}

/** A summary as a clause: "The file is not valid JSON:" → "the file is not valid JSON". */
function reason(error: ConfigError): string {
  const text = error.summary.replace(/[:.]$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

const locks = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task for the same file has finished, failed or not. */
function withFileLock<T>(file: string, task: () => Promise<T>): Promise<T> {
  const previous = locks.get(file) ?? Promise.resolve();
  const result = previous.then(task, task);
  const tail = result.catch(() => undefined);
  locks.set(file, tail);
  void tail.then(() => {
    if (locks.get(file) === tail) locks.delete(file);
  });
  return result;
}
