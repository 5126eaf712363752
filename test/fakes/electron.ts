// A faithful fake of the Electron main-process API subset Cairn's shell uses, typed against
// electron's own types. vitest aliases `electron` to this file, so electron/main.ts boots under
// plain Node; everything the shell does is recorded in `testing` for the tests to inspect.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  App,
  BrowserWindow as RealBrowserWindow,
  BrowserWindowConstructorOptions,
  Dialog,
  Dock,
  IpcMain,
  IpcMainInvokeEvent,
  LoginItemSettings,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  MessageBoxReturnValue,
  NativeImage,
  Notification as RealNotification,
  NotificationConstructorOptions,
  OpenDialogOptions,
  OpenDialogReturnValue,
  PowerMonitor,
  PowerSaveBlocker,
  SaveDialogOptions,
  SaveDialogReturnValue,
  Settings,
  Shell,
  Tray as RealTray,
  WebContents,
} from 'electron';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The event object Electron passes to preventable events (before-quit, will-quit, close…). */
function preventableEvent(): { preventDefault(): void; defaultPrevented: boolean } {
  const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
  return event;
}

/** The single-instance lock is held across "processes": each fresh import of this module is one. */
const LOCKS_KEY = Symbol.for('cairn.fake-electron.single-instance-locks');
type LockRegistry = Map<string, FakeApp>;
const globalLocks = globalThis as typeof globalThis & { [LOCKS_KEY]?: LockRegistry };
const locks: LockRegistry = (globalLocks[LOCKS_KEY] ??= new Map());

// ---------------------------------------------------------------- app

/** `app`: lifecycle, single-instance lock, paths, login item; quits with Electron's event order. */
export class FakeApp
  extends EventEmitter
  implements
    Pick<
      App,
      | 'whenReady'
      | 'isReady'
      | 'quit'
      | 'exit'
      | 'requestSingleInstanceLock'
      | 'hasSingleInstanceLock'
      | 'releaseSingleInstanceLock'
      | 'getPath'
      | 'setPath'
      | 'getAppPath'
      | 'getName'
      | 'getVersion'
      | 'setAppUserModelId'
      | 'setLoginItemSettings'
      | 'isPackaged'
      | 'name'
    >
{
  readonly name = 'Cairn';
  readonly isPackaged = false;
  /** undefined except on macOS, like the real `app.dock`. */
  readonly dock: Pick<Dock, 'hide' | 'show' | 'isVisible'> | undefined;
  private ready = false;
  private readonly readyPromise: Promise<void>;
  private readonly paths = new Map<string, string>();
  private quitting = false;

  constructor(private readonly world: World) {
    super();
    let dockVisible = true;
    this.dock =
      process.platform === 'darwin'
        ? {
            hide: () => void (dockVisible = false),
            show: async () => void (dockVisible = true),
            isVisible: () => dockVisible,
          }
        : undefined;
    this.readyPromise = new Promise((resolve) => {
      // Like Electron, 'ready' fires once on its own shortly after the main script started.
      setImmediate(() => {
        this.ready = true;
        this.emit('ready', {}, {});
        resolve();
      });
    });
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    const holder = locks.get(this.name);
    if (holder && holder !== this) {
      // Electron tells the first instance, which typically focuses its window.
      holder.emit('second-instance', preventableEvent(), process.argv, process.cwd(), additionalData ?? {});
      return false;
    }
    locks.set(this.name, this);
    return true;
  }

  hasSingleInstanceLock(): boolean {
    return locks.get(this.name) === this;
  }

  releaseSingleInstanceLock(): void {
    if (locks.get(this.name) === this) locks.delete(this.name);
  }

  /** before-quit (preventable) → windows closed (preventable) → will-quit (preventable) → quit. */
  quit(): void {
    if (this.world.exitCode !== null || this.quitting) return;
    this.quitting = true;
    setImmediate(() => {
      this.quitting = false;
      const beforeQuit = preventableEvent();
      this.emit('before-quit', beforeQuit);
      if (beforeQuit.defaultPrevented) return;
      for (const window of [...this.world.windows]) {
        if (!window.isDestroyed() && !window.close()) return;
      }
      const willQuit = preventableEvent();
      this.emit('will-quit', willQuit);
      if (willQuit.defaultPrevented) return;
      this.exit(0, true);
    });
  }

  exit(exitCode = 0, emitQuit = false): void {
    if (this.world.exitCode !== null) return;
    this.world.exitCode = exitCode;
    if (emitQuit) this.emit('quit', preventableEvent(), exitCode);
    this.releaseSingleInstanceLock();
    this.world.resolveExit(exitCode);
  }

  getPath(name: Parameters<App['getPath']>[0]): string {
    return this.paths.get(name) ?? join(this.world.root(), name);
  }

  setPath(name: Parameters<App['setPath']>[0], path: string): void {
    this.paths.set(name, path);
  }

  getAppPath(): string {
    return REPO_ROOT;
  }

  getName(): string {
    return this.name;
  }

  getVersion(): string {
    return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  }

  setAppUserModelId(id: string): void {
    this.world.appUserModelId = id;
  }

  setLoginItemSettings(settings: Settings): void {
    this.world.loginItemSettings.push(settings);
  }

  getLoginItemSettings(): Pick<LoginItemSettings, 'openAtLogin'> {
    return { openAtLogin: this.world.loginItemSettings.at(-1)?.openAtLogin ?? false };
  }
}

// ---------------------------------------------------------------- windows

/** The part of WebContents the shell touches: messages sent to the renderer are recorded. */
export class FakeWebContents extends EventEmitter implements Pick<WebContents, 'send' | 'setWindowOpenHandler' | 'isDestroyed' | 'id'> {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: Parameters<WebContents['setWindowOpenHandler']>[0] | null = null;
  headersHandler: ((details: { responseHeaders?: Record<string, string[]> }, respond: (response: { responseHeaders?: Record<string, string[]> }) => void) => void) | null = null;
  destroyed = false;
  readonly session = {
    webRequest: {
      onHeadersReceived: (handler: NonNullable<FakeWebContents['headersHandler']>) => void (this.headersHandler = handler),
    },
  };

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }

  setWindowOpenHandler(handler: Parameters<WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** A window that never renders: it records what was loaded and follows Electron's show/close events. */
export class FakeBrowserWindow
  extends EventEmitter
  implements Pick<RealBrowserWindow, 'show' | 'hide' | 'focus' | 'isVisible' | 'isMinimized' | 'restore' | 'isDestroyed' | 'loadFile' | 'destroy'>
{
  readonly webContents = new FakeWebContents();
  loadedFile: string | null = null;
  private visible = false;
  private minimized = false;
  private destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super();
    world.windows.push(this);
    world.windowsCreated.push(this);
    if (options.show !== false) this.visible = true;
  }

  async loadFile(filePath: string): Promise<void> {
    this.loadedFile = filePath;
    await new Promise((resolve) => setImmediate(resolve));
    if (this.destroyed) return;
    this.webContents.emit('did-finish-load');
    this.emit('ready-to-show');
  }

  show(): void {
    this.visible = true;
    this.minimized = false;
    this.emit('show');
  }

  hide(): void {
    this.visible = false;
    this.emit('hide');
  }

  focus(): void {
    this.emit('focus');
  }

  isVisible(): boolean {
    return this.visible;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  /** Test helper: the user minimized the window. */
  minimize(): void {
    this.minimized = true;
    this.emit('minimize');
  }

  restore(): void {
    this.minimized = false;
    this.emit('restore');
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Like the close button: 'close' can be prevented; returns whether the window went away. */
  close(): boolean {
    if (this.destroyed) return true;
    const event = preventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    world.windows.splice(world.windows.indexOf(this), 1);
    this.emit('closed');
    // Electron quits when the last window closes unless someone listens to 'window-all-closed'.
    if (world.windows.length === 0 && world.exitCode === null) {
      if (app.listenerCount('window-all-closed') === 0) app.quit();
      else app.emit('window-all-closed');
    }
  }
}

// ---------------------------------------------------------------- images, tray, menus

/** A NativeImage loaded from a file: empty when the file is missing or not a PNG, as in Electron. */
export class FakeNativeImage implements Pick<NativeImage, 'isEmpty' | 'setTemplateImage' | 'isTemplateImage'> {
  private template = false;
  readonly empty: boolean;

  constructor(readonly path: string) {
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    this.empty = !existsSync(path) || !readFileSync(path).subarray(0, 8).equals(signature);
  }

  isEmpty(): boolean {
    return this.empty;
  }

  setTemplateImage(option: boolean): void {
    this.template = option;
  }

  isTemplateImage(): boolean {
    return this.template;
  }
}

export const nativeImage = {
  createFromPath: (path: string): FakeNativeImage => new FakeNativeImage(path),
};

type Click = NonNullable<MenuItemConstructorOptions['click']>;

/** One built menu item, as Menu.buildFromTemplate leaves it. */
export class FakeMenuItem {
  readonly label: string;
  readonly type: NonNullable<MenuItemConstructorOptions['type']>;
  readonly enabled: boolean;
  readonly visible: boolean;
  readonly checked: boolean;
  readonly id: string | undefined;
  readonly submenu: FakeMenu | undefined;
  private readonly onClick: Click | undefined;

  constructor(options: MenuItemConstructorOptions) {
    this.label = options.label ?? '';
    this.type = options.type ?? (options.submenu ? 'submenu' : 'normal');
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.checked = options.checked ?? false;
    this.id = options.id;
    this.onClick = options.click;
    const submenu = options.submenu;
    this.submenu = submenu === undefined ? undefined : submenu instanceof FakeMenu ? submenu : FakeMenu.buildFromTemplate(submenu as MenuItemConstructorOptions[]);
  }

  /** What the user's click does: nothing on a disabled or hidden item, as in a real menu. */
  click(): void {
    if (!this.enabled || !this.visible) throw new Error(`The menu item "${this.label}" is disabled and cannot be clicked.`);
    (this.onClick as ((item: FakeMenuItem, window: undefined, event: Record<string, boolean>) => void) | undefined)?.(this, undefined, {
      shiftKey: false,
      ctrlKey: false,
      altKey: false,
      metaKey: false,
    });
  }
}

/** A menu built from a template; the tests read its labels and click its items. */
export class FakeMenu extends EventEmitter {
  constructor(readonly items: FakeMenuItem[]) {
    super();
  }

  static buildFromTemplate(template: MenuItemConstructorOptions[]): FakeMenu {
    const menu = new FakeMenu(template.map((options) => new FakeMenuItem(options)));
    world.menusBuilt.push(menu);
    return menu;
  }

  /** The item at a path of labels (`find('Laptop', 'Back up now')`); a label may be matched by a RegExp. */
  find(...path: (string | RegExp)[]): FakeMenuItem {
    let menu: FakeMenu | undefined = this as FakeMenu;
    let item: FakeMenuItem | undefined;
    for (const label of path) {
      item = menu?.items.find((i) => (typeof label === 'string' ? i.label === label : label.test(i.label)));
      if (!item) throw new Error(`No menu item ${String(label)} in [${menu?.items.map((i) => i.label).join(', ')}]`);
      menu = item.submenu;
    }
    if (!item) throw new Error('An empty path names no menu item.');
    return item;
  }

  /** Every label, submenus indented, for assertions and failure messages. */
  labels(indent = ''): string[] {
    return this.items.flatMap((i) => [
      `${indent}${i.type === 'separator' ? '---' : i.label}${i.enabled ? '' : ' (disabled)'}`,
      ...(i.submenu ? i.submenu.labels(`${indent}  `) : []),
    ]);
  }
}

export const Menu = FakeMenu;

/** The tray icon: its image, tooltip and context menu are what the user sees. */
export class FakeTray extends EventEmitter implements Pick<RealTray, 'setImage' | 'setToolTip' | 'destroy' | 'isDestroyed'> {
  image: NativeImage | FakeNativeImage | string;
  toolTip = '';
  contextMenu: FakeMenu | null = null;
  private destroyed = false;

  constructor(image: NativeImage | FakeNativeImage | string) {
    super();
    this.image = image;
    world.trays.push(this);
  }

  setImage(image: NativeImage | string): void {
    this.image = image;
  }

  /** The file the current icon was loaded from. */
  imagePath(): string {
    return this.image instanceof FakeNativeImage ? this.image.path : String(this.image);
  }

  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }

  setContextMenu(menu: FakeMenu | null): void {
    this.contextMenu = menu;
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The current menu, or a helpful error. */
  menu(): FakeMenu {
    if (!this.contextMenu) throw new Error('The tray has no context menu yet.');
    return this.contextMenu;
  }

  /** Clicks the item at a path of labels in the current context menu, like a user would. */
  clickMenuItem(...path: (string | RegExp)[]): void {
    this.menu().find(...path).click();
  }
}

export const Tray = FakeTray;

// ---------------------------------------------------------------- notifications

/** A desktop notification; `show()` records it, tests click it or its actions. */
export class FakeNotification
  extends EventEmitter
  implements Pick<RealNotification, 'show' | 'close' | 'title' | 'body'>
{
  title: string;
  body: string;
  readonly actions: NonNullable<NotificationConstructorOptions['actions']>;
  shown = false;

  constructor(readonly options: NotificationConstructorOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    this.actions = options.actions ?? [];
  }

  static isSupported(): boolean {
    return true;
  }

  show(): void {
    this.shown = true;
    world.notifications.push(this);
    this.emit('show', preventableEvent());
  }

  close(): void {
    this.emit('close', preventableEvent());
  }

  /** Test helper: the user clicked the notification's body. */
  click(): void {
    this.emit('click', preventableEvent());
  }

  /** Test helper: the user clicked one of its buttons (macOS). */
  clickAction(text: string): void {
    const index = this.actions.findIndex((a) => a.text === text);
    if (index < 0) throw new Error(`No action "${text}" in [${this.actions.map((a) => a.text).join(', ')}]`);
    this.emit('action', preventableEvent(), index);
  }
}

export const Notification = FakeNotification;

// ---------------------------------------------------------------- power

/** A started blocker and when it was stopped. */
export interface BlockerRecord {
  id: number;
  type: 'prevent-app-suspension' | 'prevent-display-sleep';
  stopped: boolean;
}

export const powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'> = {
  start(type) {
    const record: BlockerRecord = { id: world.blockers.length + 1, type, stopped: false };
    world.blockers.push(record);
    return record.id;
  },
  stop(id) {
    const record = world.blockers.find((b) => b.id === id);
    if (record) record.stopped = true;
    return true;
  },
  isStarted(id) {
    return world.blockers.some((b) => b.id === id && !b.stopped);
  },
};

/** powerMonitor: an emitter of resume / on-ac / on-battery; the battery state is set by tests. */
export class FakePowerMonitor extends EventEmitter implements Pick<PowerMonitor, 'isOnBatteryPower' | 'onBatteryPower'> {
  onBatteryPower = false;

  isOnBatteryPower(): boolean {
    return this.onBatteryPower;
  }
}

export const powerMonitor = new FakePowerMonitor();

/** nativeTheme: dark mode on or off, 'updated' when it changes. */
export class FakeNativeTheme extends EventEmitter {
  shouldUseDarkColors = false;
  shouldUseHighContrastColors = false;
}

export const nativeTheme = new FakeNativeTheme();

// ---------------------------------------------------------------- dialogs, shell, ipc

/** A message box that was shown, and how the (simulated) user answered. */
export interface MessageBoxRecord {
  options: MessageBoxOptions;
  parent: FakeBrowserWindow | null;
  response: number;
}

/** A file or folder dialog that was shown, its parent window, and what the (simulated) user picked. */
export interface FileDialogRecord<Options> {
  options: Options;
  parent: FakeBrowserWindow | null;
  /** The picked paths (open) or path (save); [] / null when cancelled. */
  answer: string[] | string | null;
}

/** Electron's dialogs take an optional parent window first. */
function dialogArgs<Options>(args: [FakeBrowserWindow | Options, Options?]): { parent: FakeBrowserWindow | null; options: Options } {
  const [first, second] = args;
  return second === undefined ? { parent: null, options: first as Options } : { parent: first as FakeBrowserWindow, options: second };
}

export const dialog: Pick<Dialog, 'showMessageBox' | 'showOpenDialog' | 'showSaveDialog'> = {
  showMessageBox(...args: [FakeBrowserWindow | MessageBoxOptions, MessageBoxOptions?]): Promise<MessageBoxReturnValue> {
    const { parent, options } = dialogArgs(args);
    // The user's answer comes from the queue the test filled; with none, the default button.
    const response = world.messageBoxAnswers.shift() ?? options.defaultId ?? 0;
    world.messageBoxes.push({ options, parent, response });
    return Promise.resolve({ response, checkboxChecked: false });
  },
  /** Answers from testing.answerNextOpenDialog; with none queued, the user cancels. */
  showOpenDialog(...args: [FakeBrowserWindow | OpenDialogOptions, OpenDialogOptions?]): Promise<OpenDialogReturnValue> {
    const { parent, options } = dialogArgs(args);
    const picked = world.openDialogAnswers.shift() ?? [];
    // Like the real dialog: one path unless multiSelections was asked for.
    const filePaths = options.properties?.includes('multiSelections') ? picked : picked.slice(0, 1);
    world.openDialogs.push({ options, parent, answer: filePaths });
    return Promise.resolve({ canceled: filePaths.length === 0, filePaths });
  },
  /** Answers from testing.answerNextSaveDialog; with none queued, the user cancels. */
  showSaveDialog(...args: [FakeBrowserWindow | SaveDialogOptions, SaveDialogOptions?]): Promise<SaveDialogReturnValue> {
    const { parent, options } = dialogArgs(args);
    const filePath = world.saveDialogAnswers.shift() ?? null;
    world.saveDialogs.push({ options, parent, answer: filePath });
    return Promise.resolve({ canceled: filePath === null, filePath: filePath ?? '' });
  },
} as Pick<Dialog, 'showMessageBox' | 'showOpenDialog' | 'showSaveDialog'>;

export const shell: Pick<Shell, 'openExternal' | 'openPath' | 'showItemInFolder'> = {
  openExternal: async (url) => void world.opened.push({ kind: 'external', target: url }),
  /** Like Electron: resolves with an error text (not a rejection) when the path cannot be opened. */
  openPath: async (path) => {
    world.opened.push({ kind: 'path', target: path });
    return existsSync(path) ? '' : `Failed to open path: ${path}`;
  },
  showItemInFolder: (path) => void world.opened.push({ kind: 'folder', target: path }),
};

type IpcHandler = Parameters<IpcMain['handle']>[1];

export const ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'> = {
  handle(channel, handler) {
    if (world.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    world.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    world.ipcHandlers.delete(channel);
  },
};

// ---------------------------------------------------------------- the recorded world

/** Everything the shell did in this fake "process", for the tests to look at. */
class World {
  readonly windows: FakeBrowserWindow[] = [];
  readonly windowsCreated: FakeBrowserWindow[] = [];
  readonly trays: FakeTray[] = [];
  readonly menusBuilt: FakeMenu[] = [];
  readonly notifications: FakeNotification[] = [];
  readonly blockers: BlockerRecord[] = [];
  readonly messageBoxes: MessageBoxRecord[] = [];
  /** Answers (button indexes) the simulated user gives to the next message boxes. */
  readonly messageBoxAnswers: number[] = [];
  readonly openDialogs: FileDialogRecord<OpenDialogOptions>[] = [];
  readonly openDialogAnswers: string[][] = [];
  readonly saveDialogs: FileDialogRecord<SaveDialogOptions>[] = [];
  readonly saveDialogAnswers: (string | null)[] = [];
  readonly opened: { kind: 'external' | 'path' | 'folder'; target: string }[] = [];
  readonly ipcHandlers = new Map<string, IpcHandler>();
  readonly loginItemSettings: Settings[] = [];
  appUserModelId: string | null = null;
  exitCode: number | null = null;
  resolveExit: (code: number) => void = () => undefined;
  readonly exited = new Promise<number>((resolve) => (this.resolveExit = resolve));
  private tempRoot: string | null = null;

  /** A temp dir standing for the platform's userData / logs / temp folders. */
  root(): string {
    return (this.tempRoot ??= mkdtempSync(join(tmpdir(), 'cairn-fake-electron-')));
  }

  dispose(): void {
    if (this.tempRoot) rmSync(this.tempRoot, { recursive: true, force: true });
    app.releaseSingleInstanceLock();
  }
}

const world = new World();
export const app = new FakeApp(world);

/** Test helpers: what happened, and ways to act as the user or the operating system would. */
export const testing = {
  world,
  /** The app's tray (the first one created). */
  tray(): FakeTray {
    const tray = world.trays[0];
    if (!tray) throw new Error('No tray was created.');
    return tray;
  },
  /** Another launch of the app: Electron tells this instance through 'second-instance'. */
  launchSecondInstance(argv: string[] = []): void {
    app.emit('second-instance', preventableEvent(), argv, process.cwd(), {});
  },
  /** The machine woke up from sleep. */
  resume(): void {
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
  },
  /** The power cable was pulled (true) or plugged back in (false). */
  setOnBattery(onBattery: boolean): void {
    powerMonitor.onBatteryPower = onBattery;
    powerMonitor.emit(onBattery ? 'on-battery' : 'on-ac');
  },
  /** The OS switched between light and dark mode. */
  setDarkMode(dark: boolean): void {
    nativeTheme.shouldUseDarkColors = dark;
    nativeTheme.emit('updated');
  },
  /** The simulated user answers the next message box with this button index. */
  answerNextMessageBox(response: number): void {
    world.messageBoxAnswers.push(response);
  },
  /** The simulated user picks these paths in the next open dialog ([] = cancels). */
  answerNextOpenDialog(paths: string[]): void {
    world.openDialogAnswers.push(paths);
  },
  /** The simulated user saves to this path in the next save dialog (null = cancels). */
  answerNextSaveDialog(path: string | null): void {
    world.saveDialogAnswers.push(path);
  },
  /**
   * What ipcRenderer.invoke does in the page of `sender`: calls the main process's handler and,
   * like Electron, rejects with only the error's text behind "Error invoking remote method …".
   */
  async invoke(sender: FakeWebContents, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = world.ipcHandlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event = { sender, processId: 1, frameId: 1 } as unknown as IpcMainInvokeEvent;
    try {
      return await handler(event, ...args);
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
    }
  },
  /** Resolves with the exit code once the app has quit (app.quit() went through, or app.exit()). */
  exited(): Promise<number> {
    return world.exited;
  },
  /** Frees the temp dir and the single-instance lock of this fake "process". */
  dispose(): void {
    world.dispose();
  },
};

export default { app, BrowserWindow: FakeBrowserWindow, Tray, Menu, Notification, nativeImage, nativeTheme, powerMonitor, powerSaveBlocker, dialog, shell, ipcMain };
export { FakeBrowserWindow as BrowserWindow };
