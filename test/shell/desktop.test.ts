import { afterAll, describe, expect, it } from 'vitest';
import { ElectronDesktop } from '../../electron/shell/desktop.js';
import { app, BrowserWindow, testing } from '../fakes/electron.js';
import { tempDir } from '../support/temp-dir.js';

afterAll(() => testing.dispose());

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined, addSecret: () => undefined, file: '' };

describe('the Electron desktop ports', () => {
  it('pick folders in a dialog over the open window: folders only, new ones allowed, several when asked; cancel gives none', async () => {
    const window = new BrowserWindow({ show: false });
    const desktop = new ElectronDesktop(() => window as unknown as Electron.BrowserWindow, quietLog);
    testing.answerNextOpenDialog(['/home/ann/Documents', '/home/ann/Photos']);
    expect(await desktop.pickFolders({ purpose: 'backup-folders', multiple: true, title: 'Choose the folders to back up' })).toEqual(['/home/ann/Documents', '/home/ann/Photos']);
    testing.answerNextOpenDialog(['/media/usb', '/media/other']);
    expect(await desktop.pickFolders({ purpose: 'repository-folder', multiple: false, title: 'Where?' })).toEqual(['/media/usb']);
    expect(await desktop.pickFolders({ purpose: 'restore-target', multiple: false, title: 'Restore to' })).toEqual([]);

    const shown = testing.world.openDialogs;
    expect(shown.map((d) => d.parent)).toEqual([window, window, window]);
    expect(shown[0]!.options).toEqual({ title: 'Choose the folders to back up', properties: ['openDirectory', 'createDirectory', 'multiSelections'] });
    expect(shown[1]!.options.properties).toEqual(['openDirectory', 'createDirectory']);
  });

  it('show the dialog on its own when no window is open', async () => {
    const desktop = new ElectronDesktop(() => null, quietLog);
    testing.answerNextOpenDialog(['/srv']);
    expect(await desktop.pickFolders({ purpose: 'backup-folders', multiple: false, title: 'Pick' })).toEqual(['/srv']);
    expect(testing.world.openDialogs.at(-1)?.parent).toBeNull();
  });

  it('ask where to save a file, starting in Documents with the suggested name; cancel gives null', async () => {
    const desktop = new ElectronDesktop(() => null, quietLog);
    testing.answerNextSaveDialog('/home/ann/cairn-usb.key');
    expect(await desktop.pickSaveFile({ title: 'Save the key', defaultName: 'cairn-usb.key' })).toBe('/home/ann/cairn-usb.key');
    expect(await desktop.pickSaveFile({ title: 'Save the key', defaultName: 'cairn-usb.key' })).toBeNull();
    expect(testing.world.saveDialogs[0]!.options).toMatchObject({ title: 'Save the key', defaultPath: `${app.getPath('documents')}/cairn-usb.key` });
  });

  it("open a folder in the file manager, and fail with the system's reason when it cannot", async () => {
    const desktop = new ElectronDesktop(() => null, quietLog);
    const folder = tempDir();
    await desktop.openPath(folder);
    await expect(desktop.openPath('/nonexistent/cairn')).rejects.toThrow('Could not open /nonexistent/cairn: Failed to open path: /nonexistent/cairn');
    expect(testing.world.opened).toEqual([
      { kind: 'path', target: folder },
      { kind: 'path', target: '/nonexistent/cairn' },
    ]);
  });

  it('register the login item', async () => {
    const desktop = new ElectronDesktop(() => null, quietLog);
    await desktop.setStartAtLogin(true);
    await desktop.setStartAtLogin(false);
    expect(testing.world.loginItemSettings).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
  });
});
