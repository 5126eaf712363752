import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { BackupEngine } from '../core/jobs/engine.js';
import type { AppLogger } from './logging.js';

/** What quitting needs to know and do. */
export interface QuitDeps {
  engine: Pick<BackupEngine, 'cancelAll'>;
  /** Ids of the jobs running or waiting now (asked synchronously: the quit is held back or not at once). */
  busyJobs(): string[];
  /** Their names, for the question. */
  jobNames(jobIds: string[]): Promise<string[]>;
  /** The window to attach the question to, if one is open. */
  parent(): BrowserWindow | null;
  /** Stops timers, watchers and the tray: runs once, when the quit goes through. */
  cleanup(): void;
  /** What must finish before the process exits (unmounting archives); given at most FINISH_LIMIT_MS. */
  finish?(): Promise<void>;
  log: AppLogger;
}

const STOP_AND_QUIT = 0;
/** A stuck unmount must not keep the app from quitting; what is left is cleaned at the next start. */
const FINISH_LIMIT_MS = 10_000;

/**
 * Quitting during a run asks first. On "Stop and quit" every run is cancelled the clean way (borg
 * gets SIGINT and writes a checkpoint; the run is recorded as cancelled), and only then does the
 * app quit.
 */
export function setupQuit(deps: QuitDeps): void {
  let confirmed = false;
  let asking = false;
  app.on('before-quit', (event) => {
    if (confirmed) return;
    const busy = deps.busyJobs();
    if (busy.length === 0) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    void confirmQuit(deps, busy)
      .then((quit) => {
        if (!quit) return;
        confirmed = true;
        app.quit();
      })
      .catch((error: unknown) => deps.log.error('Quitting failed:', error))
      .finally(() => (asking = false));
  });
  let cleanedUp = false;
  let finished = false;
  app.on('will-quit', (event) => {
    if (finished) return;
    event.preventDefault();
    if (cleanedUp) return;
    cleanedUp = true;
    deps.cleanup();
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, FINISH_LIMIT_MS)));
    void Promise.race([deps.finish?.() ?? Promise.resolve(), limit])
      .catch((error: unknown) => deps.log.error('Could not finish before quitting:', error))
      .finally(() => {
        clearTimeout(timer);
        finished = true;
        app.quit();
      });
  });
}

async function confirmQuit(deps: QuitDeps, busyIds: string[]): Promise<boolean> {
  const busy = await deps.jobNames(busyIds).catch(() => busyIds);
  const options: MessageBoxOptions = {
    type: 'question',
    title: 'Quit Cairn?',
    message: `${busy.join(', ')} ${busy.length === 1 ? 'is' : 'are'} backing up.`,
    detail: 'Quitting stops the backup. borg keeps what it has saved so far as a checkpoint, and the next run continues from there.',
    buttons: ['Stop and quit', 'Keep backing up'],
    defaultId: 1,
    cancelId: 1,
  };
  const parent = deps.parent();
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  if (response !== STOP_AND_QUIT) return false;
  deps.log.info(`Quitting: cancelling ${busy.join(', ')}.`);
  await deps.engine.cancelAll();
  return true;
}
