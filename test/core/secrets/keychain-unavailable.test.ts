import { describe, expect, it } from 'vitest';
import { getPassphrase, KeychainUnavailableError, setPassphrase } from '../../../electron/core/secrets/keychain.js';

// No Secret Service: the session bus address points at a socket that does not exist, and no
// X display lets D-Bus autolaunch one. Vitest runs each test file in its own process, and
// libsecret reads the address on its first call, so this affects only this file.
process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/cairn-test/bus';
delete process.env.DISPLAY;

describe('keychain without a Secret Service', () => {
  it('fails with KeychainUnavailableError saying what to install or use instead', async () => {
    const error: unknown = await getPassphrase('any-repo').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain('Could not read the passphrase from the keychain: ');
    expect(message).toContain('A Secret Service such as GNOME Keyring or KWallet must be running (apt install gnome-keyring)');
    expect(message).toContain("on a headless server use a passphrase command instead: cairn repos add … --passphrase-command '…'");
  });

  it('never stores a passphrase anywhere else', async () => {
    await expect(setPassphrase('any-repo', 'secret')).rejects.toThrow(KeychainUnavailableError);
    await expect(getPassphrase('any-repo')).rejects.toThrow(KeychainUnavailableError);
  });
});
