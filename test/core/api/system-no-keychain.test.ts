import { describe, expect, it } from 'vitest';
import { testRouter } from '../../support/router-context.js';

// No Secret Service for this file's process (see test/core/secrets/keychain-unavailable.test.ts).
process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/cairn-test/bus';
delete process.env.DISPLAY;

describe('system.info without a keychain', () => {
  it('reports the keychain as unavailable, saying what to install or use instead', async () => {
    const { keychain } = await testRouter().invoke('system.info', {});
    expect(keychain.available).toBe(false);
    expect(keychain.message).toContain('A Secret Service such as GNOME Keyring or KWallet must be running');
  });
});
