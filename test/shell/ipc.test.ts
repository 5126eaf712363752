import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { channels } from '../../electron/core/api/contract.js';
import { setupIpc } from '../../electron/shell/ipc.js';
import { BrowserWindow, testing, type FakeBrowserWindow } from '../fakes/electron.js';
import { testRouter, type TestRouter } from '../support/router-context.js';

afterAll(() => testing.dispose());

/** The ipc bridge over a test router, talking to `window` (whatever it currently is). */
function bridge(window: () => FakeBrowserWindow | null): { router: TestRouter; stop: () => void } {
  const router = testRouter();
  const stop = setupIpc((emit) => ({ ...router.context, emit }), window as () => Electron.BrowserWindow | null);
  return { router, stop };
}

const REMOTE = "Error invoking remote method 'cairn:invoke': ";

/** What `cairn().invoke` does in a page: the value, or the text of the error the page gets. */
async function invokeFrom(sender: FakeBrowserWindow, method: unknown, input: unknown): Promise<{ value?: unknown; error?: string }> {
  try {
    return { value: await testing.invoke(sender.webContents, channels.invoke, method, input) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('the ipc bridge', () => {
  it("routes the window's requests to the core and sends config.changed to the window after a save", async () => {
    const window = new BrowserWindow({ show: false });
    const { stop } = bridge(() => window);
    const saved = await invokeFrom(window, 'settings.save', { settings: { theme: 'dark' } });
    expect(saved).toEqual({ value: { ok: true, id: 'settings' } });
    expect(await invokeFrom(window, 'config.get', {})).toMatchObject({ value: { settings: { theme: 'dark' } } });
    expect(window.webContents.sent).toEqual([{ channel: channels.event, args: ['config.changed', {}] }]);
    stop();
    expect(testing.world.ipcHandlers.has(channels.invoke)).toBe(false);
  });

  it('refuses requests from any other page, and all requests while the window is closed', async () => {
    const window = new BrowserWindow({ show: false });
    const intruder = new BrowserWindow({ show: false });
    let current: FakeBrowserWindow | null = window;
    const { router, stop } = bridge(() => current);
    expect(await invokeFrom(intruder, 'settings.save', { settings: { startAtLogin: true } })).toEqual({
      error: `${REMOTE}Error: Refused: the request did not come from the Cairn window.`,
    });
    current = null;
    expect((await invokeFrom(window, 'config.get', {})).error).toContain('Refused');
    expect(router.desktop.calls).toEqual([]);
    stop();
  });

  it('refuses malformed input before anything is done, and reports it as a sentence', async () => {
    const window = new BrowserWindow({ show: false });
    const { router, stop } = bridge(() => window);
    expect(await invokeFrom(window, 'dialog.pickFolders', { purpose: 'backup-folders', multiple: 'yes' })).toEqual({
      error: `${REMOTE}InvalidRequestError: Invalid input for dialog.pickFolders: multiple: Invalid input: expected boolean, received string`,
    });
    expect((await invokeFrom(window, 'settings.save', { settings: 'startAtLogin' })).error).toContain('Invalid input for settings.save: settings');
    expect((await invokeFrom(window, '__proto__', {})).error).toBe(`${REMOTE}InvalidRequestError: Unknown method "__proto__".`);
    expect(router.desktop.calls).toEqual([]);
    expect(window.webContents.sent).toEqual([]);
    stop();
  });

  it("gives the page the core's own sentence for its errors, as a plain Error", async () => {
    const window = new BrowserWindow({ show: false });
    const { router, stop } = bridge(() => window);
    await mkdir(dirname(router.core.store.file), { recursive: true });
    writeFileSync(router.core.store.file, '{');
    expect((await invokeFrom(window, 'config.get', {})).error).toMatch(/^Error invoking remote method 'cairn:invoke': Error: Cannot load .*config\.json: /);
    stop();
  });
});
