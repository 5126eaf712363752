import { describe, expect, it } from 'vitest';
import { ConfigError, NewerConfigError } from '../../../electron/core/config/errors.js';
import { migrate } from '../../../electron/core/config/migrations.js';
import { CONFIG_VERSION, configSchema } from '../../../electron/core/config/schema.js';
import { versionZeroFile } from './fixtures.js';

describe('migrate', () => {
  it('turns a version 0 file into a valid current one: keep → prune.keep, passCommand → passphrase command', () => {
    const { config, from } = migrate(versionZeroFile);
    expect(from).toBe(0);
    const parsed = configSchema.parse(config);
    expect(parsed.version).toBe(CONFIG_VERSION);
    expect(parsed.jobs[0]?.prune.keep).toEqual({ daily: 7, weekly: 4 });
    expect(parsed.repositories[0]?.passphrase).toEqual({ source: 'command', command: 'pass show borg/nas' });
    expect(config).not.toHaveProperty('jobs.0.keep');
    expect(config).not.toHaveProperty('repositories.0.passCommand');
  });

  it('does not modify the object it is given', () => {
    const input = structuredClone(versionZeroFile);
    migrate(input);
    expect(input).toEqual(versionZeroFile);
  });

  it('lets an existing prune.keep win over an old top-level keep for the same rule', () => {
    const { config } = migrate({ jobs: [{ keep: { daily: 7, weekly: 4 }, prune: { keep: { daily: 30 } } }] });
    expect(config).toEqual({ version: 1, jobs: [{ prune: { keep: { daily: 30, weekly: 4 } } }] });
  });

  it('leaves a current file as it is and reports its version', () => {
    const current = { version: CONFIG_VERSION, states: [] };
    expect(migrate(current)).toEqual({ config: current, from: CONFIG_VERSION });
  });

  it('refuses a file from a newer Cairn with a message that says to update', () => {
    const attempt = (): unknown => migrate({ version: CONFIG_VERSION + 1 });
    expect(attempt).toThrow(NewerConfigError);
    expect(attempt).toThrow(`written by a newer Cairn (version ${CONFIG_VERSION + 1}); update Cairn`);
  });

  it('rejects a version that is not a whole number with an issue on the version field', () => {
    for (const version of ['1', 0, 1.5, -3, null]) {
      try {
        migrate({ version });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).issues[0]?.path).toBe('version');
      }
    }
  });

  it('passes something that is not an object through for validation to report', () => {
    expect(migrate([1, 2])).toEqual({ config: [1, 2], from: CONFIG_VERSION });
  });
});
