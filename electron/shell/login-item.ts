import { app } from 'electron';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { AppLogger } from './logging.js';

/**
 * "Start at login": Electron's login item on macOS and Windows. Electron has none on Linux, so
 * there the packaged app writes (or removes) an XDG autostart entry itself.
 */
export async function applyLoginItem(openAtLogin: boolean, log: AppLogger): Promise<void> {
  app.setLoginItemSettings({ openAtLogin });
  if (process.platform !== 'linux' || !app.isPackaged) return;
  const configHome = process.env.XDG_CONFIG_HOME && isAbsolute(process.env.XDG_CONFIG_HOME) ? process.env.XDG_CONFIG_HOME : join(homedir(), '.config');
  const file = join(configHome, 'autostart', 'cairn.desktop');
  try {
    if (!openAtLogin) return await rm(file, { force: true });
    // An AppImage runs from a temporary mount: start the AppImage file itself, not the mounted binary.
    const executable = process.env.APPIMAGE ?? process.execPath;
    await mkdir(join(configHome, 'autostart'), { recursive: true });
    await writeFile(file, desktopEntry(executable));
  } catch (error) {
    log.warn(`Could not update ${file} (start at login):`, error);
  }
}

/** An XDG autostart entry for the given executable. */
export function desktopEntry(executable: string): string {
  // The desktop-entry spec quotes arguments with double quotes and escapes ", `, $ and \ inside.
  const quoted = `"${executable.replace(/(["`$\\])/g, '\\$1')}"`;
  return ['[Desktop Entry]', 'Type=Application', 'Name=Cairn', 'Comment=Keeps this computer backed up', `Exec=${quoted}`, 'Icon=cairn', 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}
