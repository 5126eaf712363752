import { Menu, nativeImage, nativeTheme, Tray } from 'electron';
import type { CairnCore } from '../core/core.js';
import type { RunProgress } from '../core/jobs/progress.js';
import type { RunRecord } from '../core/jobs/run-record.js';
import type { AppLogger } from './logging.js';
import { trayIconFile } from './tray-icons.js';
import { trayMenuTemplate, trayState, trayToolTip, type TrayActions, type TrayJob, type TraySnapshot } from './tray-menu.js';
import { trayJobs } from './tray-status.js';

/** What the tray reads from the scheduler. */
export interface TraySchedule {
  nextRun(jobId: string): Date | null;
  pausedUntil(): Date | null;
  isPaused(): boolean;
  waitingFor(jobId: string): TrayJob['waiting'];
  onChange(listener: () => void): () => void;
}

export interface TrayDeps {
  core: Pick<CairnCore, 'store' | 'history' | 'engine'>;
  schedule: TraySchedule;
  actions: TrayActions;
  iconDir: string;
  log: AppLogger;
  now?: () => Date;
}

/** Progress arrives about 5 times a second; the menu is redrawn at most this often for it. */
const PROGRESS_REDRAW_MS = 1000;

/**
 * The tray icon and its menu, redrawn from events only (engine runs, scheduler changes, theme):
 * no polling. Relative times ("2 h ago") are therefore as fresh as the last event; every run and
 * every schedule change refreshes them.
 */
export class TrayController {
  private readonly tray: Tray;
  private readonly now: () => Date;
  private readonly progress = new Map<string, RunProgress>();
  private readonly unsubscribe: (() => void)[] = [];
  private history: RunRecord[] | null = null;
  private drawing: Promise<void> | null = null;
  private redrawAgain = false;
  private progressTimer: NodeJS.Timeout | undefined;
  private lastMenuSignature = '';
  private lastIcon = '';
  private destroyed = false;

  constructor(private readonly deps: TrayDeps) {
    this.now = deps.now ?? (() => new Date());
    this.tray = new Tray(this.icon('idle'));
    this.tray.setToolTip('Cairn');
    this.unsubscribe.push(
      deps.core.engine.subscribe((event) => {
        if (event.type === 'run.progress') {
          this.progress.set(event.progress.jobId, event.progress);
          this.redrawSoon();
          return;
        }
        if (event.type === 'run.finished') {
          this.progress.delete(event.record.jobId);
          this.history = null;
        }
        this.redraw();
      }),
      deps.schedule.onChange(() => this.redraw()),
    );
    const themeChanged = () => this.redraw();
    nativeTheme.on('updated', themeChanged);
    this.unsubscribe.push(() => nativeTheme.off('updated', themeChanged));
    // On Windows a click on the icon is the usual way to open an app that lives in the tray.
    if (process.platform === 'win32') this.tray.on('click', () => deps.actions.open());
    this.redraw();
  }

  /** Redraws now (re-reading the history too); resolves when the menu is up to date. */
  redraw(options: { rereadHistory?: boolean } = {}): Promise<void> {
    if (options.rereadHistory) this.history = null;
    if (this.drawing) {
      this.redrawAgain = true;
      return this.drawing;
    }
    this.drawing = this.draw()
      .catch((error: unknown) => this.deps.log.error('Could not update the tray:', error))
      .finally(() => {
        this.drawing = null;
        if (this.redrawAgain) {
          this.redrawAgain = false;
          void this.redraw();
        }
      });
    return this.drawing;
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.progressTimer);
    this.unsubscribe.forEach((stop) => stop());
    this.tray.destroy();
  }

  private redrawSoon(): void {
    if (this.progressTimer) return;
    this.progressTimer = setTimeout(() => {
      this.progressTimer = undefined;
      void this.redraw();
    }, PROGRESS_REDRAW_MS);
  }

  private async draw(): Promise<void> {
    const { core, schedule } = this.deps;
    const { config } = await core.store.load();
    this.history ??= await core.history.all();
    if (this.destroyed) return;
    const now = this.now();
    const snapshot: TraySnapshot = {
      jobs: trayJobs(config, this.history, {
        stateOf: (jobId) => core.engine.stateOf(jobId),
        progressOf: (jobId) => this.progress.get(jobId),
        nextRun: (jobId) => schedule.nextRun(jobId),
        waitingFor: (jobId) => schedule.waitingFor(jobId),
      }, now),
      paused: schedule.isPaused() ? { until: schedule.pausedUntil() } : null,
      now,
    };
    this.apply(snapshot);
  }

  private apply(snapshot: TraySnapshot): void {
    const state = trayState(snapshot);
    const icon = trayIconFile(this.deps.iconDir, state, { platform: process.platform, dark: nativeTheme.shouldUseDarkColors });
    if (icon !== this.lastIcon) {
      this.lastIcon = icon;
      this.tray.setImage(this.icon(state));
    }
    this.tray.setToolTip(trayToolTip(snapshot));
    const template = trayMenuTemplate(snapshot, this.deps.actions);
    // Rebuilding an identical menu makes some Linux panels flicker: only rebuild what changed.
    const signature = JSON.stringify(template);
    if (signature === this.lastMenuSignature) return;
    this.lastMenuSignature = signature;
    this.tray.setContextMenu(Menu.buildFromTemplate(template));
  }

  private icon(state: Parameters<typeof trayIconFile>[1]): Electron.NativeImage {
    const file = trayIconFile(this.deps.iconDir, state, { platform: process.platform, dark: nativeTheme.shouldUseDarkColors });
    const image = nativeImage.createFromPath(file);
    if (image.isEmpty()) this.deps.log.warn(`The tray icon ${file} is missing or unreadable.`);
    if (process.platform === 'darwin') image.setTemplateImage(true);
    return image;
  }
}
