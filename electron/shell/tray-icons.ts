import { join } from 'node:path';
import type { TrayState } from './tray-menu.js';

/** Where the tray icons live: `resources/tray` in a checkout, `<resources>/tray` in a packaged app. */
export function trayIconDir(options: { isPackaged: boolean; appPath: string; resourcesPath: string | undefined }): string {
  // Packaged, electron-builder copies resources/tray next to app.asar (extraResources): real files
  // that the OS tray can read, outside the archive.
  if (options.isPackaged && options.resourcesPath) return join(options.resourcesPath, 'tray');
  return join(options.appPath, 'resources', 'tray');
}

/**
 * The icon file for a state. macOS gets a template image (black + alpha, tinted by the menu bar
 * itself); elsewhere a coloured icon drawn for a light or a dark panel. Electron picks the
 * `@2x` sibling by itself on high-density screens.
 */
export function trayIconFile(dir: string, state: TrayState, options: { platform: NodeJS.Platform; dark: boolean }): string {
  if (options.platform === 'darwin') return join(dir, `${state}Template.png`);
  return join(dir, `${state}-${options.dark ? 'dark' : 'light'}.png`);
}

/** Every icon the tray may ask for, for the packaging test. */
export const trayIconNames: readonly string[] = (['idle', 'running', 'warning', 'error'] as const).flatMap((state) =>
  [`${state}Template`, `${state}-light`, `${state}-dark`].flatMap((base) => [`${base}.png`, `${base}@2x.png`]),
);
