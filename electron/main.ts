// The Electron main process: the composition root. Each feature is one setup step, in order.
// (The tray, scheduler, notifications and sleep inhibition arrive with the shell issue.)
import { app, BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from './core/core.js';
import { setupIpc } from './shell/ipc.js';
import { createMainWindow } from './shell/window.js';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
let mainWindow: BrowserWindow | null = null;

function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => showWindow());
  return true;
}

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow(outDir);
    mainWindow.on('closed', () => (mainWindow = null));
  } else {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
}

if (setupSingleInstance()) {
  void app.whenReady().then(() => {
    const core = createCore();
    setupIpc(core, () => mainWindow);
    showWindow();
    app.on('activate', () => showWindow());
    app.on('before-quit', () => void core.engine.cancelAll());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
