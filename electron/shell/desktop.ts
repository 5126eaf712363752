import { app, dialog, shell, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import type { DesktopPorts } from '../core/api/ports.js';
import type { AppLogger } from './logging.js';
import { applyLoginItem } from './login-item.js';

/** The router's desktop ports with Electron: native dialogs over the app window, the file manager, the login item. */
export class ElectronDesktop implements DesktopPorts {
  constructor(
    /** The open window, parent of the dialogs (so they are modal to it), or null. */
    private readonly parent: () => BrowserWindow | null,
    private readonly log: AppLogger,
  ) {}

  async pickFolders({ multiple, title }: Parameters<DesktopPorts['pickFolders']>[0]): Promise<string[]> {
    const options: OpenDialogOptions = {
      title,
      properties: ['openDirectory', 'createDirectory', ...(multiple ? (['multiSelections'] as const) : [])],
    };
    const parent = this.parent();
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  }

  async pickSaveFile({ title, defaultName }: Parameters<DesktopPorts['pickSaveFile']>[0]): Promise<string | null> {
    const options: SaveDialogOptions = {
      title,
      defaultPath: join(app.getPath('documents'), defaultName),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const parent = this.parent();
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return result.canceled || result.filePath === '' ? null : result.filePath;
  }

  async openPath(path: string): Promise<void> {
    // shell.openPath does not reject: it resolves with an error text, empty on success.
    const problem = await shell.openPath(path);
    if (problem !== '') throw new Error(`Could not open ${path}: ${problem}`);
  }

  setStartAtLogin(enabled: boolean): Promise<void> {
    return applyLoginItem(enabled, this.log);
  }
}
