import { statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateBorg } from '../../electron/core/borg/locate.js';
import { initArgs } from '../../electron/core/borg/argv/init.js';
import { ensureOk, runBorg } from '../../electron/core/borg/runner.js';
import { configSchema, CONFIG_VERSION } from '../../electron/core/config/schema.js';
import { openApp, type AppDirs } from './harness.js';
import type { CairnCore } from '../../electron/core/core.js';

/** One unencrypted repository and one manual job backing up a small folder. */
async function oneJob({ core, dirs }: { core: CairnCore; dirs: AppDirs }): Promise<void> {
  const folder = join(dirs.home, 'documents');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'welcome.md'), 'Hello World!\n');
  const repository = join(dirs.root, 'repo');
  ensureOk(await runBorg(await locateBorg(), { args: initArgs({ encryption: 'none', makeParentDirs: true }), repository: { url: repository, encryption: 'none', passphrase: null } }));
  await core.store.save(
    configSchema.parse({
      version: CONFIG_VERSION,
      states: [{ id: 'docs', name: 'Documents', folders: [folder] }],
      repositories: [{ id: 'disk', name: 'Disk', url: repository, encryption: 'none', passphrase: { source: 'none' } }],
      jobs: [{ id: 'laptop', name: 'Laptop', stateIds: ['docs'], repositoryId: 'disk', schedule: { kind: 'manual' }, checkFrequency: 'never' }],
    }),
  );
}

type Probe = Window & { probe?: unknown[] };

describe('the e2e harness', () => {
  it('loads the built renderer and answers window.cairn.invoke through the real router', async () => {
    const app = await openApp({ setup: oneJob });
    await app.page.getByRole('navigation', { name: 'Sections' }).waitFor();
    expect(await app.page.title()).toBe('Cairn');
    const status = await app.page.evaluate(() => window.cairn.invoke('status.get', {}));
    expect(status.jobs.map((job) => [job.id, job.name, job.repositoryName, job.state])).toEqual([['laptop', 'Laptop', 'Disk', 'idle']]);
    expect(app.requests.some((request) => request.method === 'system.info')).toBe(true);
    process.stdout.write(`openApp (with a borg init in setup) took ${Math.round(app.openedInMs)} ms\n`);
    await app.close();
  });

  it('refuses a malformed request with an Electron-shaped error that describeError reduces to the core sentence', async () => {
    const app = await openApp();
    const messages = await app.page.evaluate(async () => {
      const bridge = window.cairn as unknown as { invoke: (method: string, input: unknown) => Promise<unknown> };
      const fail = (call: Promise<unknown>) => call.then(() => 'resolved', (error: unknown) => (error instanceof Error ? error.message : `not an Error: ${String(error)}`));
      return [await fail(bridge.invoke('status.get', { extra: 1 })), await fail(bridge.invoke('no.such.method', {}))];
    });
    expect(messages[0]).toMatch(/^Error invoking remote method 'cairn:invoke': InvalidRequestError: Invalid input for status\.get: /);
    expect(messages[1]).toBe(`Error invoking remote method 'cairn:invoke': InvalidRequestError: Unknown method "no.such.method".`);
    // The renderer's own describeError (imported by path: the renderer is not part of the Node typecheck).
    const bridgeModule: string = '../../renderer/bridge.js';
    const { describeError } = (await import(bridgeModule)) as { describeError: (error: unknown) => string };
    expect(describeError(new Error(messages[1]))).toBe('Unknown method "no.such.method".');
    await app.close();
  });

  it('delivers context.emit events and the engine events of a real backup to listeners in the page, in order', async () => {
    const app = await openApp({ setup: oneJob });
    await app.page.evaluate(() => {
      const probe: unknown[] = ((window as Probe).probe = []);
      for (const name of ['config.changed', 'run.state', 'run.progress', 'run.finished'] as const) {
        window.cairn.on(name, (payload) => probe.push([name, payload]));
      }
    });
    app.context.emit('config.changed', {});
    const started = await app.page.evaluate(() => window.cairn.invoke('backup.start', { jobId: 'laptop' }));
    expect(started.status).toBe('started');
    await app.page.waitForFunction(() => ((window as Probe).probe ?? []).some((entry) => (entry as [string])[0] === 'run.finished'), undefined, { timeout: 60_000 });
    const received = (await app.page.evaluate(() => (window as Probe).probe)) as [string, Record<string, unknown>][];
    const names = received.map(([name]) => name);
    expect(names[0]).toBe('config.changed');
    expect(names).toContain('run.state');
    expect(names.at(-1)).toBe('run.finished');
    expect(received.at(-1)?.[1]).toMatchObject({ jobId: 'laptop', outcome: 'ok' });
    await app.close();
    // After close the window is gone: events are dropped, not thrown at the core.
    expect(() => app.context.emit('config.changed', {})).not.toThrow();
  });

  it('unsubscribes a listener when the function returned by on() is called', async () => {
    const app = await openApp();
    await app.page.evaluate(() => {
      const probe: unknown[] = ((window as Probe).probe = []);
      const off = window.cairn.on('config.changed', () => probe.push('first'));
      window.cairn.on('config.changed', () => probe.push('second'));
      off();
    });
    app.context.emit('config.changed', {});
    await app.flushEvents();
    expect(await app.page.evaluate(() => (window as Probe).probe)).toEqual(['second']);
    await app.close();
  });

  it('writes a non-empty PNG screenshot under test-artifacts/screenshots', async () => {
    const app = await openApp({ viewport: { width: 480, height: 360 }, colorScheme: 'dark' });
    const path = await app.screenshot('smoke small dark');
    expect(path).toMatch(/test-artifacts\/screenshots\/smoke-small-dark\.png$/);
    expect(statSync(path).size).toBeGreaterThan(1000);
    await app.close();
  });

  it('makes close() fail when the page threw an uncaught error or logged console.error', async () => {
    const app = await openApp();
    await app.page.evaluate(() => {
      setTimeout(() => {
        throw new Error('boom from a broken screen');
      });
      console.error('a screen complained');
    });
    await expect.poll(() => app.errors.length).toBe(2);
    const closing = app.close();
    await expect(closing).rejects.toThrow(/uncaught error in the page: Error: boom from a broken screen/);
    await expect(closing).rejects.toThrow(/console\.error in the page: a screen complained/);
  });

  it('keeps the CSP of index.html in force: an inline script injected into the page does not run', async () => {
    const app = await openApp();
    const ran = await app.page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as Window & { inlineRan?: boolean }).inlineRan === true;
    });
    expect(ran).toBe(false);
    expect(app.takeErrors().join('\n')).toMatch(/Content Security Policy/);
    await app.close();
  });

  it('gives the page only the app origin: requests elsewhere are blocked', async () => {
    const app = await openApp();
    const answer = await app.page.evaluate(async () => {
      const image = new Image();
      const loaded = new Promise<string>((resolve) => {
        image.onload = () => resolve('loaded');
        image.onerror = () => resolve('blocked');
      });
      image.src = 'https://example.com/pixel.png';
      return loaded;
    });
    expect(answer).toBe('blocked');
    app.takeErrors(); // the refusal is logged by the CSP
    await app.close();
  });
});
