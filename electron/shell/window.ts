import { BrowserWindow, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import type { NavigationTarget } from '../core/api/contract.js';
import { sendEvent } from './ipc.js';

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

/**
 * The one app window, made on demand: Cairn lives in the tray, so the window is created when asked
 * for and really closed (not hidden) when the user closes it, freeing the renderer's memory.
 */
export class MainWindow {
  private window: BrowserWindow | null = null;
  private loaded = false;
  private pending: NavigationTarget | null = null;

  constructor(
    private readonly outDir: string,
    private readonly hooks: { opened?: () => void; closed?: () => void } = {},
  ) {}

  /** The open window, if any (the IPC sender check compares against it). */
  current(): BrowserWindow | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  /** Opens or focuses the window, then shows `target` in it. */
  show(target?: NavigationTarget): void {
    const existing = this.current();
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
    } else {
      this.open();
    }
    if (target) this.navigate(target);
  }

  /** Closes the window (the app keeps running in the tray). */
  close(): void {
    this.current()?.close();
  }

  private open(): void {
    const window = createMainWindow(this.outDir);
    this.window = window;
    this.loaded = false;
    window.webContents.once('did-finish-load', () => {
      this.loaded = true;
      if (this.pending) sendEvent(window, 'ui.navigate', this.pending);
      this.pending = null;
    });
    window.on('closed', () => {
      if (this.window === window) this.window = null;
      this.hooks.closed?.();
    });
    this.hooks.opened?.();
  }

  private navigate(target: NavigationTarget): void {
    const window = this.current();
    if (window && this.loaded) sendEvent(window, 'ui.navigate', target);
    else this.pending = target;
  }
}
