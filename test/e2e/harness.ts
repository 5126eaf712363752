// The e2e harness: Cairn's built renderer in real headless Chromium against the real core.
//
//   import { openApp } from './harness.js';
//   it('…', async () => {
//     const app = await openApp({ setup: async ({ core, dirs }) => { /* config, keychain, repos */ } });
//     await app.page.getByRole('button', { name: 'Archives' }).click();
//     …
//     await app.close(); // throws if the page logged an uncaught error or console.error
//   });
//
// Importing this file registers, for the importing test file: a beforeAll that builds the renderer
// when out/renderer is stale and launches ONE Chromium for the file, an afterEach that closes any
// app a test left open (failing that test if its page reported errors), and an afterAll that
// closes the browser. Each openApp gets its own browser context, temp dirs and core.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { launchBrowser, startApp, type E2eApp, type OpenAppOptions } from './support/app.js';
import { ensureRendererBuilt } from './support/renderer-build.js';

export type { AppDirs, E2eApp, OpenAppOptions, RecordingDesktop } from './support/app.js';
export { launchBrowser } from './support/app.js';

// Real borg runs behind the screens, on a 2-core machine shared with other test files.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

let browser: Promise<Browser> | undefined;
const open = new Set<E2eApp>();

beforeAll(async () => {
  await ensureRendererBuilt();
  await sharedBrowser();
}, 180_000);

afterEach(async () => {
  const left = [...open];
  open.clear();
  const failures: unknown[] = [];
  for (const app of left) await app.close().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw failures[0];
});

afterAll(async () => {
  const current = browser;
  browser = undefined;
  await (await current?.catch(() => undefined))?.close();
});

function sharedBrowser(): Promise<Browser> {
  browser ??= launchBrowser();
  return browser;
}

/** Opens the app on a fresh core (temp config/data/cache/home) in this file's Chromium. */
export async function openApp(options: OpenAppOptions = {}): Promise<E2eApp> {
  await ensureRendererBuilt();
  const app = await startApp(await sharedBrowser(), options);
  open.add(app);
  const close = app.close.bind(app);
  app.close = async () => {
    open.delete(app);
    await close();
  };
  return app;
}
