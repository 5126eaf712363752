import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { CairnBridge } from '../../../electron/core/api/contract.js';
import type { RouterContext } from '../../../electron/core/api/ports.js';
import { createCore, type CairnCore } from '../../../electron/core/core.js';
import { Scheduler } from '../../../electron/core/schedule/index.js';
import { installBridge } from './page-bridge.js';
import { recordingDesktop, type RecordingDesktop } from './recording-desktop.js';
import { projectRoot } from './root.js';
import { APP_ORIGIN, serveRenderer } from './static-renderer.js';

// The window without Electron: the built renderer in headless Chromium, window.cairn wired to a
// real core in a temp dir through the real router. No vitest in here, so the UI benchmark
// (plain Node) uses it too; test/e2e/harness.ts adds the per-file lifecycle for tests.

export type { RecordingDesktop } from './recording-desktop.js';

// Code passed to page.evaluate runs in the page: it needs the DOM's types and window.cairn as the
// renderer declares it (renderer/bridge.ts is not part of the Node typecheck).
declare global {
  interface Window {
    cairn: CairnBridge;
  }
}

/** The app's own folders for one openApp, all under one temp dir removed by close(). */
export interface AppDirs {
  root: string;
  config: string;
  data: string;
  cache: string;
  /** HOME as the core sees it (it is given to createCore; process.env is left alone). */
  home: string;
}

export interface OpenAppOptions {
  /** Prepare config/keychain/repos before the page loads. */
  setup?: (app: { core: CairnCore; dirs: AppDirs }) => Promise<void>;
  /** Default 1100×750. */
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

export interface E2eApp {
  page: Page;
  core: CairnCore;
  /** The context the page's requests go through (emit forwards to the page). */
  context: RouterContext;
  desktop: RecordingDesktop;
  dirs: AppDirs;
  /** The real scheduler behind `context.nextRunAt` (catch-up delayed a day, so tests stay in control). */
  scheduler: Scheduler;
  /** How long openApp took, setup included (ms). */
  openedInMs: number;
  /** Every request the page made through window.cairn, in order. */
  requests: { method: unknown; input: unknown }[];
  /** Uncaught page errors and console.error lines so far; close() throws if any are left. */
  readonly errors: string[];
  /** Returns the errors so far and forgets them (for a test that provokes one on purpose). */
  takeErrors(): string[];
  /** Resolves when every event emitted so far has reached the page. */
  flushEvents(): Promise<void>;
  /** Saves test-artifacts/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Closes the page, stops the core's runs and the scheduler, removes the dirs; throws if the page reported errors. */
  close(): Promise<void>;
}

export const screenshotDir = join(projectRoot, 'test-artifacts', 'screenshots');

/** Headless Chromium from the system (/usr/bin/chromium), as the tests and the UI benchmark use it. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CAIRN_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-extensions',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      '--mute-audio',
      '--font-render-hinting=none',
    ],
  });
}

/** Opens the app in a fresh browser context of `browser`, on a fresh core; see E2eApp. */
export async function startApp(browser: Browser, options: OpenAppOptions = {}): Promise<E2eApp> {
  const started = performance.now();
  const rootDir = mkdtempSync(join(tmpdir(), 'cairn-e2e-'));
  const dirs: AppDirs = { root: rootDir, config: join(rootDir, 'config'), data: join(rootDir, 'data'), cache: join(rootDir, 'cache'), home: join(rootDir, 'home') };
  for (const dir of [dirs.config, dirs.data, dirs.cache, dirs.home]) mkdirSync(dir, { recursive: true });
  const core = createCore({ env: { CAIRN_CONFIG_DIR: dirs.config, CAIRN_DATA_DIR: dirs.data, CAIRN_CACHE_DIR: dirs.cache, HOME: dirs.home }, home: dirs.home });
  const scheduler = new Scheduler({
    loadConfig: async () => (await core.store.load()).config,
    ports: {
      startJob: async (jobId, trigger) => void (await core.engine.start(jobId, trigger)),
      lastRunStart: async (jobId) => {
        const last = (await core.history.recent({ jobId, limit: Number.MAX_SAFE_INTEGER })).find((r) => r.outcome !== 'skipped');
        return last ? new Date(last.start) : null;
      },
      isOnBattery: () => false,
    },
    catchUpDelayMs: 24 * 3600_000,
  });
  const desktop = recordingDesktop();
  const browserContext = await browser.newContext({
    viewport: options.viewport ?? { width: 1100, height: 750 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: process.env.TZ || 'UTC',
  });
  const errors: string[] = [];
  let bridge: Awaited<ReturnType<typeof installBridge>> | undefined;
  let closed = false;
  const cleanup = async (): Promise<void> => {
    closed = true;
    bridge?.stop();
    scheduler.stop();
    await core.engine.cancelAll();
    // As the app does on quit: index builds stop and archive mounts are unmounted before the folders go.
    await core.browse.shutdown();
    await browserContext.close().catch(() => undefined);
    // A request still being served (an archive listing running borg, a mount for browsing) would
    // write into the cache or mount after the folders went: let it finish, then shut down again
    // for what it started.
    await bridge?.settled(60_000);
    await core.browse.shutdown();
    rmSync(rootDir, { recursive: true, force: true });
  };
  try {
    await serveRenderer(browserContext);
    const page = await browserContext.newPage();
    page.on('pageerror', (error) => errors.push(`uncaught error in the page: ${error.stack ?? error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error in the page: ${message.text()}`);
    });
    page.on('crash', () => errors.push('the page crashed'));
    bridge = await installBridge(page);
    const context: RouterContext = {
      core,
      desktop,
      chosenPaths: new Map(),
      nextRunAt: (jobId) => scheduler.nextRun(jobId),
      configChanged: () => void scheduler.reload().catch(() => undefined),
      emit: bridge.send,
    };
    await options.setup?.({ core, dirs });
    // A config the core cannot read is a state the window must show, not a harness failure.
    await scheduler.start().catch(() => undefined);
    bridge.connect(context);
    await page.goto(`${APP_ORIGIN}/`);
    // The app has mounted when React has put anything in #root.
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    const connected = bridge;
    return {
      page,
      core,
      context,
      desktop,
      dirs,
      scheduler,
      openedInMs: performance.now() - started,
      requests: connected.requests,
      errors,
      takeErrors: () => errors.splice(0, errors.length),
      flushEvents: () => connected.flush(),
      async screenshot(name) {
        mkdirSync(screenshotDir, { recursive: true });
        const path = join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
        await page.screenshot({ path, fullPage: true, animations: 'disabled' });
        return path;
      },
      async close() {
        if (closed) return;
        await cleanup();
        if (errors.length > 0) throw new Error(`The page reported ${errors.length} error(s):\n${errors.join('\n')}`);
      },
    };
  } catch (error) {
    await cleanup();
    if (errors.length > 0 && error instanceof Error) error.message += `\nThe page reported:\n${errors.join('\n')}`;
    throw error;
  }
}
