import { BrowserWindow, shell, type WebContents } from 'electron';
import { join } from 'node:path';

/** A strict CSP: the window loads only its own files and talks only through the preload. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'";

/** The app window: isolated, sandboxed, no Node, no navigation away, only https links opened outside. */
export function createMainWindow(outDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 960,
    height: 640,
    minWidth: 480,
    minHeight: 360,
    show: false,
    title: 'Cairn',
    webPreferences: {
      preload: join(outDir, 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  hardenContents(window.webContents);
  window.webContents.session.webRequest.onHeadersReceived((details, respond) => {
    respond({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(join(outDir, 'renderer', 'index.html'));
  return window;
}

function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
}
