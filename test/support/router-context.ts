// A RouterContext for tests: the real core in temp dirs, and a desktop whose dialogs answer what
// the test says and which records everything asked of it.
import { join } from 'node:path';
import type { EventName, EventPayload, FolderPurpose, MethodInput, MethodName, MethodOutput } from '../../electron/core/api/contract.js';
import type { DesktopPorts, RouterContext } from '../../electron/core/api/ports.js';
import { forwardEvents, handleRequest } from '../../electron/core/api/router.js';
import { createCore, type CairnCore } from '../../electron/core/core.js';
import { tempDir } from './temp-dir.js';

/** One thing the router asked of the desktop, in order. */
export type DesktopCall =
  | { port: 'pickFolders'; options: Parameters<DesktopPorts['pickFolders']>[0] }
  | { port: 'pickSaveFile'; options: Parameters<DesktopPorts['pickSaveFile']>[0] }
  | { port: 'openPath'; path: string }
  | { port: 'setStartAtLogin'; enabled: boolean };

/** DesktopPorts that record every call; dialogs answer from queues (cancelled when empty). */
export class RecordingDesktop implements DesktopPorts {
  readonly calls: DesktopCall[] = [];
  private readonly folderAnswers: string[][] = [];
  private readonly saveAnswers: (string | null)[] = [];

  /** The next folder dialog returns these paths ([] = cancelled). */
  answerFolders(paths: string[]): void {
    this.folderAnswers.push(paths);
  }

  /** The next save dialog returns this path (null = cancelled). */
  answerSaveFile(path: string | null): void {
    this.saveAnswers.push(path);
  }

  async pickFolders(options: Parameters<DesktopPorts['pickFolders']>[0]): Promise<string[]> {
    this.calls.push({ port: 'pickFolders', options });
    return this.folderAnswers.shift() ?? [];
  }

  async pickSaveFile(options: Parameters<DesktopPorts['pickSaveFile']>[0]): Promise<string | null> {
    this.calls.push({ port: 'pickSaveFile', options });
    return this.saveAnswers.shift() ?? null;
  }

  async openPath(path: string): Promise<void> {
    this.calls.push({ port: 'openPath', path });
  }

  async setStartAtLogin(enabled: boolean): Promise<void> {
    this.calls.push({ port: 'setStartAtLogin', enabled });
  }
}

/** An emitted event, as the window would receive it. */
export interface EmittedEvent {
  event: EventName;
  payload: unknown;
}

/** A context plus handles on what it did. */
export interface TestRouter {
  context: RouterContext;
  core: CairnCore;
  desktop: RecordingDesktop;
  /** Every event pushed to the "window". */
  events: EmittedEvent[];
  /** How many times configChanged was called. */
  configChanges(): number;
  /** The temp root; config, data and cache dirs are `config/`, `data/`, `cache/` in it. */
  root: string;
  /** A request through the router, validated both ways as from the real window. */
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Stops forwarding the engine's events (with `forwardEngineEvents`; otherwise does nothing). */
  stopForwarding(): void;
}

/**
 * A fresh core in temp dirs (removed after the test) behind a RouterContext; `chosen` pre-fills
 * picked paths; `forwardEngineEvents` adds what the shell forwards (runs, index progress, stats).
 */
export function testRouter(options: { root?: string; chosen?: Partial<Record<FolderPurpose, string[]>>; forwardEngineEvents?: boolean } = {}): TestRouter {
  const root = options.root ?? tempDir('cairn-router-');
  const core = createCore({
    env: { CAIRN_CONFIG_DIR: join(root, 'config'), CAIRN_DATA_DIR: join(root, 'data'), CAIRN_CACHE_DIR: join(root, 'cache') },
  });
  const desktop = new RecordingDesktop();
  const events: EmittedEvent[] = [];
  let changes = 0;
  const chosenPaths = new Map<FolderPurpose, Set<string>>();
  for (const [purpose, paths] of Object.entries(options.chosen ?? {})) chosenPaths.set(purpose as FolderPurpose, new Set(paths));
  const context: RouterContext = {
    core,
    desktop,
    chosenPaths,
    configChanged: () => void changes++,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void events.push({ event, payload }),
  };
  // As the shell does for the window: the engine's and the index builds' events reach `events` too.
  const stopForwarding = options.forwardEngineEvents === true ? forwardEvents(context, context.emit) : async () => undefined;
  return {
    context,
    core,
    desktop,
    events,
    configChanges: () => changes,
    root,
    invoke: async (method, input) => (await handleRequest(context, method, input)) as MethodOutput<typeof method>,
    stopForwarding: () => void stopForwarding(),
  };
}
