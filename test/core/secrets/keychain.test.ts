import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deletePassphrase, getPassphrase, setPassphrase } from '../../../electron/core/secrets/keychain.js';

// Talks to a real Secret Service: only inside test/with-keyring.sh, never the user's own keyring.
describe.skipIf(process.env.CAIRN_IN_KEYRING !== '1')('keychain (real Secret Service, via test/with-keyring.sh)', () => {
  it('stores, reads, replaces and deletes a passphrase per repository id', async () => {
    const repo = `test-${randomUUID()}`;
    const other = `test-${randomUUID()}`;
    expect(await getPassphrase(repo)).toBeNull();

    await setPassphrase(repo, 'correct horse battery staple ✓');
    await setPassphrase(other, 'another one');
    expect(await getPassphrase(repo)).toBe('correct horse battery staple ✓');

    await setPassphrase(repo, 'changed');
    expect(await getPassphrase(repo)).toBe('changed');
    expect(await getPassphrase(other)).toBe('another one');

    expect(await deletePassphrase(repo)).toBe(true);
    expect(await deletePassphrase(repo)).toBe(false);
    expect(await getPassphrase(repo)).toBeNull();
    expect(await deletePassphrase(other)).toBe(true);
  });

  it('refuses to store an empty passphrase', async () => {
    await expect(setPassphrase('test-empty', '')).rejects.toThrow('must not be empty');
  });
});
