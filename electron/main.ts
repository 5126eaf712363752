// The Electron main process: the composition root. It reads as a table of contents, one setup
// step per feature, in order; the features themselves live in electron/shell/ and electron/core/.
import { app } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FolderPurpose } from './core/api/contract.js';
import { createCore, type CairnCore } from './core/core.js';
import { NotificationPolicy } from './core/notify/index.js';
import { Scheduler } from './core/schedule/index.js';
import { ElectronDesktop } from './shell/desktop.js';
import { setupIpc } from './shell/ipc.js';
import { applyLoginItem } from './shell/login-item.js';
import { setupLogging, type AppLogger } from './shell/logging.js';
import { DesktopNotifier } from './shell/notifications.js';
import { isOnBattery, SleepInhibitor, watchPowerEvents } from './shell/power.js';
import { setupQuit } from './shell/quit.js';
import { trayIconDir } from './shell/tray-icons.js';
import { pauseEnd, type TrayActions } from './shell/tray-menu.js';
import { TrayController } from './shell/tray.js';
import { MainWindow } from './shell/window.js';

/** Windows needs it for notifications; the same id as electron-builder's appId. */
const APP_ID = 'org.cairn.app';
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What quitting must stop, collected as each feature starts. */
const stops: (() => void)[] = [];
let mainWindow: MainWindow | null = null;
let showWhenReady = false;

if (setupSingleInstance()) {
  setupWindowLifecycle();
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const log = setupLogging(app.getPath('logs'));
  try {
    const core = setupCore(log);
    const window = setupWindow(core, log);
    const scheduler = setupScheduler(core, log);
    const policy = setupNotifications(core, window, log);
    setupPower(core, scheduler, log);
    setupTray(core, scheduler, window, log);
    setupIpcBridge(core, scheduler, window, log);
    await setupLoginItem(core, log);
    await setupBrowsing(core, log);
    setupQuitHandling(core, window, log);
    await scheduler.start();
    await policy.start();
    log.info('Cairn is running in the tray.');
  } catch (error) {
    log.error('Cairn could not start:', error);
  }
}

/** A second launch (from the menu, at login…) shows this instance's window; the second process quits. */
function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    if (mainWindow) mainWindow.show();
    else showWhenReady = true;
  });
  return true;
}

/** Cairn lives in the tray: no window at start, and closing the window does not quit. */
function setupWindowLifecycle(): void {
  app.on('window-all-closed', () => {
    /* listening is enough: Electron then keeps running with no window */
  });
  void app.whenReady().then(() => {
    if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
    app.dock?.hide();
  });
}

function setupCore(log: AppLogger): CairnCore {
  const core = createCore();
  stops.push(
    core.engine.subscribe((event) => {
      if (event.type === 'run.started') log.info(`${event.jobId}: run started (${event.trigger}).`);
      if (event.type === 'run.finished') {
        const { record } = event;
        log.info(`${record.jobId}: run ${record.outcome}${record.reason ? `: ${record.reason}` : ''}${record.logFile ? ` (log: ${record.logFile})` : ''}`);
      }
    }),
  );
  log.info(`Config ${core.paths.configFile}, data ${core.paths.dataDir}.`);
  return core;
}

function setupWindow(core: CairnCore, log: AppLogger): MainWindow {
  // On macOS the Dock icon shows only while the window is open.
  mainWindow = new MainWindow(outDir, {
    opened: () => void app.dock?.show(),
    closed: () => {
      app.dock?.hide();
      // Nobody browses archives without the window: give their mounts (and repository locks) back.
      core.browse.mounts.unmountAll().catch((error: unknown) => log.warn('Could not unmount archives:', error));
    },
  });
  if (showWhenReady) mainWindow.show();
  return mainWindow;
}

function setupScheduler(core: CairnCore, log: AppLogger): Scheduler {
  const scheduler = new Scheduler({
    loadConfig: async () => (await core.store.load()).config,
    ports: {
      startJob: async (jobId, trigger) => {
        const started = await core.engine.start(jobId, trigger);
        if (!('done' in started)) log.info(`${jobId}: ${trigger} run not started: ${started.message}`);
      },
      lastRunStart: async (jobId) => {
        const runs = await core.history.recent({ jobId, limit: Number.MAX_SAFE_INTEGER });
        const last = runs.find((r) => r.outcome !== 'skipped');
        return last ? new Date(last.start) : null;
      },
      isOnBattery,
    },
    catchUpDelayMs: catchUpDelayFromEnv(),
    log: (message) => log.info(`schedule: ${message}`),
  });
  stops.push(() => scheduler.stop());
  return scheduler;
}

/** CAIRN_CATCH_UP_DELAY_MS overrides the 60 s wait before catch-up runs (tests, slow networks). */
function catchUpDelayFromEnv(): number | undefined {
  const value = process.env.CAIRN_CATCH_UP_DELAY_MS;
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

function setupNotifications(core: CairnCore, window: MainWindow, log: AppLogger): NotificationPolicy {
  const notifier = new DesktopNotifier(
    { open: (target) => window.show(target), retry: (jobId) => void startRun(core, jobId, log) },
    log,
  );
  const policy = new NotificationPolicy({
    notifier,
    loadConfig: async () => (await core.store.load()).config,
    history: core.history,
    stateFile: join(core.paths.dataDir, 'notifications.json'),
    onError: (error) => log.warn('Staleness check failed:', error),
  });
  const unsubscribe = core.engine.subscribe((event) => {
    if (event.type === 'run.finished') {
      const { record } = event;
      policy
        .onRunFinished(record)
        .then(() => log.info(`${record.jobId}: notifications decided for run ${record.id}.`))
        .catch((error: unknown) => log.error('Could not decide on a notification:', error));
    }
  });
  stops.push(unsubscribe, () => policy.stop(), () => notifier.dispose());
  return policy;
}

function setupPower(core: CairnCore, scheduler: Scheduler, log: AppLogger): void {
  const stopWatching = watchPowerEvents(scheduler, log);
  const inhibitor = new SleepInhibitor(core.engine, async () => (await core.store.load()).config, log);
  stops.push(stopWatching, () => inhibitor.stop());
}

function setupTray(core: CairnCore, scheduler: Scheduler, window: MainWindow, log: AppLogger): void {
  const actions: TrayActions = {
    backUpAll: () => {
      void core.store
        .load()
        .then(({ config }) => Promise.all(config.jobs.map((job) => startRun(core, job.id, log))))
        .catch((error: unknown) => log.error('Back up now failed:', error));
    },
    backUp: (jobId) => void startRun(core, jobId, log),
    cancel: (jobId) => void core.engine.cancel(jobId),
    pause: (length) => scheduler.pause(pauseEnd(length, new Date())),
    resume: () => scheduler.resume(),
    browse: () => window.show({ view: 'browse' }),
    open: () => window.show(),
    quit: () => app.quit(),
  };
  const iconDir = trayIconDir({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath });
  const tray = new TrayController({ core, schedule: scheduler, actions, iconDir, log });
  stops.push(() => tray.destroy());
}

/** The window's requests reach the core through the contract's router; its events go back to the window. */
function setupIpcBridge(core: CairnCore, scheduler: Scheduler, window: MainWindow, log: AppLogger): void {
  const desktop = new ElectronDesktop(() => window.current(), log);
  const chosenPaths = new Map<FolderPurpose, Set<string>>();
  const configChanged = (): void => {
    // The reload ends with the scheduler's change notice, on which the tray redraws from the new config.
    scheduler.reload().catch((error: unknown) => log.error('Could not reschedule after a config change:', error));
  };
  const nextRunAt = (jobId: string): Date | null => scheduler.nextRun(jobId);
  stops.push(setupIpc((emit) => ({ core, desktop, emit, chosenPaths, nextRunAt, configChanged }), () => window.current()));
}

async function setupLoginItem(core: CairnCore, log: AppLogger): Promise<void> {
  try {
    const { config } = await core.store.load();
    await applyLoginItem(config.settings.startAtLogin, log);
  } catch (error) {
    log.warn('Start at login was not updated:', error);
  }
}

/** Archive mounts and previews left by a crash are cleaned up; each new backup's archive is indexed for browsing. */
async function setupBrowsing(core: CairnCore, log: AppLogger): Promise<void> {
  await core.browse.cleanupStale().catch((error: unknown) => log.warn('Could not clean up archive mounts or previews left from before:', error));
  stops.push(core.browse.startBackgroundIndexing());
}

function setupQuitHandling(core: CairnCore, window: MainWindow, log: AppLogger): void {
  // Jobs that were queued or started and have not finished: the ones quitting would interrupt.
  const active = new Set<string>();
  stops.push(
    core.engine.subscribe((event) => {
      if (event.type === 'run.queued' || event.type === 'run.started') active.add(event.jobId);
      if (event.type === 'run.finished') active.delete(event.record.jobId);
    }),
  );
  setupQuit({
    engine: core.engine,
    busyJobs: () => [...active].filter((jobId) => core.engine.stateOf(jobId) !== 'idle'),
    jobNames: async (jobIds) => {
      const { config } = await core.store.load();
      return jobIds.map((id) => config.jobs.find((j) => j.id === id)?.name ?? id);
    },
    parent: () => window.current(),
    cleanup: () => {
      for (const stop of stops.splice(0).reverse()) stop();
    },
    // Index builds stop and every archive mount is unmounted (borg umount) before the process exits.
    finish: async () => {
      await core.browse.shutdown();
      log.info('Cairn quit.');
    },
    log,
  });
}

async function startRun(core: CairnCore, jobId: string, log: AppLogger): Promise<void> {
  const started = await core.engine.start(jobId, 'manual').catch((error: unknown) => {
    log.error(`Could not start ${jobId}:`, error);
    return null;
  });
  if (started && !('done' in started)) log.info(started.message);
}
