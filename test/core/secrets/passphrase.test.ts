import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositorySchema, type Repository } from '../../../electron/core/config/schema.js';
import { deletePassphrase, setPassphrase } from '../../../electron/core/secrets/keychain.js';
import { PassphraseError, resolvePassphrase } from '../../../electron/core/secrets/passphrase.js';
import { tempDir } from '../../support/temp-dir.js';

function repository(passphrase: Repository['passphrase'], id = 'nas'): Repository {
  const encryption = passphrase.source === 'none' ? 'none' : 'repokey-blake2';
  return repositorySchema.parse({ id, name: 'My NAS', url: 'ann@nas:backups', encryption, passphrase });
}

const byCommand = (command: string): Repository => repository({ source: 'command', command });

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PassphraseError);
  return error as Error;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('resolvePassphrase', () => {
  it('returns null for an unencrypted repository', async () => {
    expect(await resolvePassphrase(repository({ source: 'none' }))).toBeNull();
  });

  it("runs the command through /bin/sh and strips exactly one trailing newline", async () => {
    expect(await resolvePassphrase(byCommand("printf 'pass word\\n\\n' | cat"))).toBe('pass word\n');
    expect(await resolvePassphrase(byCommand('echo "$((6 * 7))-x"'))).toBe('42-x');
    expect(await resolvePassphrase(byCommand("printf 'no newline'"))).toBe('no newline');
  });

  it('reports a failing command with its exit code and stderr, never its stdout', async () => {
    const error = await failure(resolvePassphrase(byCommand('echo leaked-secret; echo "gpg: decryption failed" >&2; echo "also leaked-secret" >&2; exit 3')));
    expect(error.message).toContain('The passphrase command of repository "My NAS" failed with exit code 3:');
    expect(error.message).toContain('gpg: decryption failed');
    expect(error.message).toContain('also ***');
    expect(error.message).not.toContain('leaked-secret');
  });

  it('rejects a command that prints nothing', async () => {
    const error = await failure(resolvePassphrase(byCommand("printf '\\n'; echo 'no entry for nas' >&2")));
    expect(error.message).toContain('printed nothing on stdout:\nno entry for nas');
  });

  it('gives the command no stdin, so one that reads it gets EOF instead of hanging', async () => {
    const error = await failure(resolvePassphrase(byCommand('read -r line; echo "got [$line]" >&2; exit 1')));
    expect(error.message).toContain('got []');
  });

  it('stops a command that runs too long, along with what it started', async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'pid');
    const started = Date.now();
    const error = await failure(
      resolvePassphrase(byCommand(`sleep 30 & echo $! > ${pidFile}; wait`), { commandTimeoutMs: 500 }),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.message).toContain('did not finish within 500 ms and was stopped');
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(sleeper), { timeout: 5_000 }).toBe(false);
  });

  it('does not wait for a background process that keeps stdout open after the command exits', async () => {
    const pidFile = join(tempDir(), 'pid');
    const started = Date.now();
    try {
      expect(await resolvePassphrase(byCommand(`printf secret; (sleep 20 & echo $! > ${pidFile})`))).toBe('secret');
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    }
  });

  it('asks the keychain for the repository id and says how to set a missing entry', async () => {
    const asked: string[] = [];
    const keychain = { getPassphrase: async (id: string) => (asked.push(id), id === 'nas' ? 'from keychain' : null) };
    expect(await resolvePassphrase(repository({ source: 'keychain' }), { keychain })).toBe('from keychain');
    const error = await failure(resolvePassphrase(repository({ source: 'keychain' }, 'usb'), { keychain }));
    expect(error.message).toBe('No passphrase for repository "My NAS" in the keychain: set it with `cairn repos passphrase usb`');
    expect(asked).toEqual(['nas', 'usb']);
  });

  describe.skipIf(process.env.CAIRN_IN_KEYRING !== '1')('with the real Secret Service (test/with-keyring.sh)', () => {
    it('reads the passphrase stored for the repository id', async () => {
      const id = `test-${randomUUID()}`;
      await setPassphrase(id, 'stored in the keyring');
      try {
        expect(await resolvePassphrase(repository({ source: 'keychain' }, id))).toBe('stored in the keyring');
      } finally {
        await deletePassphrase(id);
      }
      await failure(resolvePassphrase(repository({ source: 'keychain' }, id)));
    });
  });
});
