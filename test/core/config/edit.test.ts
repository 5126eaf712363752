import { describe, expect, it } from 'vitest';
import {
  addJob,
  addRepository,
  addState,
  ConfigLookupError,
  findJob,
  findRepository,
  findState,
  removeJob,
  removeRepository,
  removeState,
} from '../../../electron/core/config/edit.js';
import { ConfigError } from '../../../electron/core/config/errors.js';
import { slugify, uniqueId } from '../../../electron/core/config/ids.js';
import { emptyConfig, type Config } from '../../../electron/core/config/schema.js';

/** Docs + Photos states, a USB and a NAS repository, an hourly and a nightly job. */
function sample(): Config {
  let config = emptyConfig();
  config = addState(config, { name: 'Docs', folders: ['/home/ann/Documents'] }).config;
  config = addState(config, { name: 'Photos', folders: ['/home/ann/Pictures'] }).config;
  config = addRepository(config, { name: 'USB disk', url: '/media/ann/usb/borg', removable: true }).config;
  config = addRepository(config, { name: 'NAS', url: 'ann@nas:backups' }).config;
  config = addJob(config, { name: 'Hourly', states: ['docs', 'Photos'], repository: 'usb-disk' }).config;
  config = addJob(config, { name: 'Nightly', states: ['DOCS'], repository: 'NAS', schedule: { kind: 'preset', preset: 'daily' } }).config;
  return config;
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('ids', () => {
  it('slugifies names to lowercase letters, digits and dashes', () => {
    expect(slugify('  Photos & Vidéos 2024! ')).toBe('photos-videos-2024');
    expect(slugify('x'.repeat(80))).toHaveLength(64);
  });

  it('adds -2, -3… when the slug is taken, staying within 64 characters', () => {
    expect(uniqueId('Docs', ['docs'], 'state')).toBe('docs-2');
    expect(uniqueId('Docs', ['docs', 'docs-2'], 'state')).toBe('docs-3');
    const long = 'a'.repeat(64);
    expect(uniqueId(long, [long], 'job')).toBe(`${'a'.repeat(62)}-2`);
  });

  it('falls back to a random id when the name has no usable characters', () => {
    expect(uniqueId('📷 ✨', [], 'state')).toMatch(/^state-[0-9a-f]{8}$/);
  });
});

describe('addState / addRepository / addJob', () => {
  it('gives each item an id made from its name and applies the schema defaults', () => {
    const config = sample();
    expect(config.states.map((s) => s.id)).toEqual(['docs', 'photos']);
    expect(config.repositories.map((r) => r.id)).toEqual(['usb-disk', 'nas']);
    expect(findRepository(config, 'nas')).toMatchObject({ encryption: 'repokey-blake2', passphrase: { source: 'keychain' }, removable: false });
    expect(findJob(config, 'hourly')).toMatchObject({ stateIds: ['docs', 'photos'], repositoryId: 'usb-disk', compression: 'auto,zstd' });
    expect(findJob(config, 'nightly').stateIds).toEqual(['docs']);
  });

  it('returns the new item and leaves the given config untouched', () => {
    const before = sample();
    const copy = structuredClone(before);
    const { config, state } = addState(before, { name: 'Music', folders: ['/home/ann/Music'], preBackupScript: '  ' });
    expect(state).toEqual({ id: 'music', name: 'Music', folders: ['/home/ann/Music'] });
    expect(config.states).toHaveLength(3);
    expect(before).toEqual(copy);
  });

  it('resolves relative folders and ~ to absolute paths', () => {
    const { state } = addState(emptyConfig(), { name: 'Work', folders: ['src/../notes', '~/Mail', '/abs/'] }, { cwd: '/home/ann/work', home: '/home/ann' });
    expect(state.folders).toEqual(['/home/ann/work/notes', '/home/ann/Mail', '/abs']);
  });

  it('rejects a duplicate name (ignoring case) with a ConfigError naming the field', () => {
    const error = thrown(() => addState(sample(), { name: 'PHOTOS', folders: ['/x'] }));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([{ path: 'states[2].name', message: 'duplicate name "PHOTOS"' }]);
    expect((error as Error).message).toMatch(/^Cannot add state "PHOTOS":\n {2}states\[2\]\.name: duplicate name "PHOTOS"/);
  });

  it('rejects invalid values with the path of the field', () => {
    const error = thrown(() => addRepository(sample(), { name: 'Bad', url: 'relative/path' })) as ConfigError;
    expect(error.issues).toEqual([{ path: 'repositories[2].url', message: 'must be an absolute local path, ssh://user@host:port/path or user@host:path' }]);
    const cron = thrown(() => addJob(sample(), { name: 'Odd', states: ['docs'], repository: 'nas', schedule: { kind: 'cron', expression: 'every day' } })) as ConfigError;
    expect(cron.issues[0]?.path).toBe('jobs[2].schedule.expression');
  });

  it('names the unknown state or repository a job refers to, listing the known ones', () => {
    expect(() => addJob(sample(), { name: 'X', states: ['Music'], repository: 'nas' })).toThrow('No state named "Music"; known states: Docs, Photos');
    expect(() => addJob(sample(), { name: 'X', states: ['docs'], repository: 'cloud' })).toThrow(ConfigLookupError);
  });
});

describe('find', () => {
  it('finds by exact id or by name ignoring case and spaces', () => {
    const config = sample();
    expect(findState(config, 'photos').name).toBe('Photos');
    expect(findRepository(config, ' usb DISK ').id).toBe('usb-disk');
    expect(findJob(config, 'NIGHTLY').id).toBe('nightly');
  });

  it('says what exists when nothing matches', () => {
    const error = thrown(() => findJob(sample(), 'Weekly'));
    expect(error).toBeInstanceOf(ConfigLookupError);
    expect((error as Error).message).toBe('No job named "Weekly"; known jobs: Hourly, Nightly');
    expect(() => findJob(emptyConfig(), 'x')).toThrow('No job named "x"; there are no jobs yet.');
  });
});

describe('remove', () => {
  it('refuses to remove a state that jobs still use, naming them', () => {
    const error = thrown(() => removeState(sample(), 'Docs')) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^Cannot remove state "Docs": it is used by jobs "Hourly", "Nightly"\./);
    expect(error.issues.map((i) => i.path)).toEqual(['jobs[0].stateIds', 'jobs[1].stateIds']);
  });

  it('refuses to remove a repository that a job still uses, naming it', () => {
    expect(() => removeRepository(sample(), 'nas')).toThrow('Cannot remove repository "NAS": it is used by job "Nightly".');
  });

  it('removes a job, then the state and repository nobody uses any more', () => {
    let config = removeJob(sample(), 'nightly').config;
    config = removeRepository(config, 'NAS').config;
    const { config: final, state } = removeState(removeJob(config, 'Hourly').config, 'docs');
    expect(state.id).toBe('docs');
    expect(final.jobs).toEqual([]);
    expect(final.states.map((s) => s.id)).toEqual(['photos']);
    expect(final.repositories.map((r) => r.id)).toEqual(['usb-disk']);
  });

  it('reports an unknown name when removing', () => {
    expect(() => removeRepository(sample(), 'Cloud')).toThrow('No repository named "Cloud"; known repositories: USB disk, NAS');
  });
});
