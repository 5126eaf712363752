import type { CairnCore } from '../core.js';
import type { EventName, EventPayload, FolderPurpose } from './contract.js';

/**
 * What the router needs from the desktop that the core can't do itself. The Electron shell
 * implements it with `dialog`, `shell` and `app`; the e2e harness with recorders.
 */
export interface DesktopPorts {
  /** The native folder picker; [] when cancelled. */
  pickFolders(options: { purpose: FolderPurpose; multiple: boolean; title: string }): Promise<string[]>;
  /** The native save dialog; null when cancelled. */
  pickSaveFile(options: { title: string; defaultName: string }): Promise<string | null>;
  /** Opens a folder or file in the system's file manager or default app. */
  openPath(path: string): Promise<void>;
  /** Registers (or not) Cairn to start at login. */
  setStartAtLogin(enabled: boolean): Promise<void>;
}

/** Everything a request may use: the core, the desktop, and the scheduler's view of time. */
export interface RouterContext {
  core: CairnCore;
  desktop: DesktopPorts;
  /** When the scheduler will start a job next (absent in headless use). */
  nextRunAt?: (jobId: string) => Date | null;
  /** Called after every successful config save, so the scheduler and the tray pick it up. */
  configChanged?: () => void;
  /** Pushes an event to the window (progress of long operations, config.changed). */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Paths the user picked in a dialog this session, per purpose: the only new paths a save may add. */
  chosenPaths: Map<FolderPurpose, Set<string>>;
}
