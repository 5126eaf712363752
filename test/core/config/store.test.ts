import { existsSync, linkSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, NewerConfigError } from '../../../electron/core/config/errors.js';
import { emptyConfig, type Config } from '../../../electron/core/config/schema.js';
import { ConfigStore } from '../../../electron/core/config/store.js';
import { validateConfig } from '../../../electron/core/config/validate.js';
import { tempDir } from '../../support/temp-dir.js';
import { sampleFile, versionZeroFile } from './fixtures.js';

function storeIn(dir: string): ConfigStore {
  return new ConfigStore(join(dir, 'config.json'), { now: () => new Date('2030-01-02T03:04:05.678Z') });
}

async function loadError(store: ConfigStore): Promise<ConfigError> {
  const error: unknown = await store.load().then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

function withState(config: Config, id: string): Config {
  return { ...config, states: [...config.states, { id, name: id, folders: [`/data/${id}`] }] };
}

describe('ConfigStore', () => {
  it('returns an empty config for a missing file and creates nothing', async () => {
    const dir = join(tempDir(), 'not-yet');
    const result = await storeIn(dir).load();
    expect(result).toEqual({ config: emptyConfig(), file: join(dir, 'config.json'), exists: false, migratedFrom: null });
    expect(existsSync(dir)).toBe(false);
  });

  it('saves pretty JSON that loads back identical, in a 0700 dir with a 0600 file', async () => {
    const dir = join(tempDir(), 'nested', 'Cairn');
    const store = storeIn(dir);
    const config = validateConfig(sampleFile());
    await store.save(config);

    const text = readFileSync(store.file, 'utf8');
    expect(text).toBe(`${JSON.stringify(config, null, 2)}\n`);
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(await store.load()).toEqual({ config, file: store.file, exists: true, migratedFrom: null });
  });

  it('keeps a file with broken JSON, copies it aside, names line and column, and refuses to save over it', async () => {
    const dir = tempDir();
    const store = storeIn(dir);
    const broken = '{\n  "version": 1,\n  "states": [,]\n}\n';
    writeFileSync(store.file, broken);

    const error = await loadError(store);
    const copy = join(dir, 'config.json.corrupt-2030-01-02T03-04-05-678Z');
    expect(error.corruptCopy).toBe(copy);
    expect(error.message).toContain(copy);
    expect(error.issues[0]?.message).toMatch(/^line 3, column 14: /);
    expect(readFileSync(copy, 'utf8')).toBe(broken);

    const refused: unknown = await store.save(emptyConfig()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toMatch(/^Not saved: .* Cairn will not replace it; fix or remove it/);
    await expect(store.update((c) => c)).rejects.toThrow(ConfigError);
    expect(readFileSync(store.file, 'utf8')).toBe(broken);

    // Loading again does not pile up copies of the same bytes.
    await loadError(store);
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'config.json.corrupt-2030-01-02T03-04-05-678Z']);
  });

  it('refuses to replace a broken file even for a caller that never loaded it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), '{"version": 1, "jobs": [');
    await expect(storeIn(dir).save(emptyConfig())).rejects.toThrow(/Not saved: .*cannot be loaded \(the file is not valid JSON\)/);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{"version": 1, "jobs": [');
    expect(readdirSync(dir)).toContain('config.json.corrupt-2030-01-02T03-04-05-678Z');
  });

  it('saves again once the user has fixed the broken file', async () => {
    const dir = tempDir();
    const store = storeIn(dir);
    writeFileSync(store.file, 'not json');
    await loadError(store);
    writeFileSync(store.file, JSON.stringify(sampleFile()));
    await store.save(withState(validateConfig(sampleFile()), 'photos'));
    expect((await store.load()).config.states.map((s) => s.id)).toEqual(['docs', 'photos']);
  });

  it('reports each invalid value with its field path, and keeps the file aside', async () => {
    const dir = tempDir();
    const store = storeIn(dir);
    const file = sampleFile() as { jobs: Array<Record<string, unknown>>; repositories: Array<Record<string, unknown>> };
    file.jobs[0]!.schedule = { kind: 'cron', expression: '61 * * * *' };
    file.repositories[1]!.url = 'nas:backups';
    writeFileSync(store.file, JSON.stringify(file));

    const error = await loadError(store);
    expect(error.issues.map((i) => i.path).sort()).toEqual(['jobs[0].schedule.expression', 'repositories[1].url']);
    expect(error.message).toContain('jobs[0].schedule.expression: is not a valid cron expression: ');
    expect(error.message).toContain('repositories[1].url: must be an absolute local path, ssh://');
    expect(error.corruptCopy).toBeDefined();
  });

  it('reports duplicate names, ignoring case', async () => {
    const store = storeIn(tempDir());
    const file = sampleFile() as { states: unknown[] };
    file.states.push({ id: 'docs-2', name: 'DOCS', folders: ['/other'] });
    writeFileSync(store.file, JSON.stringify(file));
    expect((await loadError(store)).issues).toEqual([{ path: 'states[1].name', message: 'duplicate name "DOCS"' }]);
  });

  it('reports a job that refers to a deleted state or repository', async () => {
    const store = storeIn(tempDir());
    const file = sampleFile() as { states: unknown[]; repositories: unknown[] };
    file.states = [];
    file.repositories = file.repositories.slice(1);
    writeFileSync(store.file, JSON.stringify(file));
    expect((await loadError(store)).issues).toEqual([
      { path: 'jobs[0].stateIds[0]', message: 'refers to state "docs", which does not exist' },
      { path: 'jobs[0].repositoryId', message: 'refers to repository "usb", which does not exist' },
    ]);
  });

  it('refuses to save an invalid config and writes nothing', async () => {
    const dir = tempDir();
    const store = storeIn(dir);
    const invalid = { ...emptyConfig(), states: [{ id: 'x', name: '', folders: ['relative/path'] }] } as Config;
    const error: unknown = await store.save(invalid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path)).toEqual(['states[0].name', 'states[0].folders[0]']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves a newer Cairn\'s file alone: clear error, no corrupt copy, no save', async () => {
    const dir = tempDir();
    const store = storeIn(dir);
    writeFileSync(store.file, '{"version": 99, "somethingNew": true}');
    const error = await loadError(store);
    expect(error).toBeInstanceOf(NewerConfigError);
    expect(error.message).toContain('written by a newer Cairn (version 99); update Cairn');
    await expect(store.save(emptyConfig())).rejects.toThrow(/Not saved: .*newer Cairn \(version 99\)/);
    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(readFileSync(store.file, 'utf8')).toBe('{"version": 99, "somethingNew": true}');
  });

  it('migrates a version 0 file on load without touching it, and writes version 1 on the next save', async () => {
    const store = storeIn(tempDir());
    const original = JSON.stringify(versionZeroFile);
    writeFileSync(store.file, original);

    const { config, migratedFrom } = await store.load();
    expect(migratedFrom).toBe(0);
    expect(config.jobs[0]?.prune.keep).toEqual({ daily: 7, weekly: 4 });
    expect(readFileSync(store.file, 'utf8')).toBe(original);

    await store.save(config);
    const saved = JSON.parse(readFileSync(store.file, 'utf8')) as Record<string, unknown>;
    expect(saved.version).toBe(1);
    expect(saved).toHaveProperty('repositories.0.passphrase', { source: 'command', command: 'pass show borg/nas' });
    expect(saved).not.toHaveProperty('jobs.0.keep');
    expect((await store.load()).migratedFrom).toBeNull();
  });

  it('replaces the file by rename, never rewriting it in place, and leaves no temp file', async () => {
    const dir = tempDir();
    const store = storeIn(dir);
    await store.save(validateConfig(sampleFile()));
    const before = readFileSync(store.file, 'utf8');
    // A hard link keeps pointing at the old inode. A rewrite in place (writeFile, truncate + write)
    // would change what it sees; writing a new file and renaming it over the target does not.
    linkSync(store.file, join(dir, 'old-inode'));
    const inode = statSync(store.file).ino;

    await store.save(withState(validateConfig(sampleFile()), 'photos'));

    expect(readFileSync(join(dir, 'old-inode'), 'utf8')).toBe(before);
    expect(statSync(store.file).ino).not.toBe(inode);
    expect(readFileSync(store.file, 'utf8')).toContain('"photos"');
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'old-inode']);
  });

  it('serializes concurrent updates so none is lost', async () => {
    const store = storeIn(tempDir());
    const ids = Array.from({ length: 12 }, (_, i) => `s${i}`);
    // Two stores on the same file share the lock.
    const other = new ConfigStore(store.file);
    await Promise.all(ids.map((id, i) => (i % 2 ? store : other).update((config) => withState(config, id))));
    expect((await store.load()).config.states.map((s) => s.id).sort()).toEqual([...ids].sort());
  });

  it('rejects an update whose result is invalid and keeps the file unchanged', async () => {
    const store = storeIn(tempDir());
    await store.save(validateConfig(sampleFile()));
    const before = readFileSync(store.file, 'utf8');
    await expect(store.update((config) => ({ ...config, states: [] }))).rejects.toThrow(
      'jobs[0].stateIds[0]: refers to state "docs", which does not exist',
    );
    expect(readFileSync(store.file, 'utf8')).toBe(before);
  });
});
