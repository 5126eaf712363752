import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initArgs } from '../../../electron/core/borg/argv/init.js';
import { locateBorg } from '../../../electron/core/borg/locate.js';
import { ensureOk, runBorg } from '../../../electron/core/borg/runner.js';
import { validateConfig } from '../../../electron/core/config/validate.js';
import { testRouter, type TestRouter } from '../../support/router-context.js';

// Enough files that listing the archive takes a few seconds: the backup starts while it runs.
const FILES = 40_000;
let root: string;
let router: TestRouter;

async function backup(): Promise<string> {
  const started = await router.core.engine.start('daily');
  if (!('done' in started)) throw new Error(started.message);
  const record = await started.done;
  if (record.outcome !== 'ok') throw new Error(`backup failed: ${record.reason ?? record.outcome}`);
  return record.archiveName ?? '';
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cairn-index-backup-'));
  const docs = join(root, 'docs');
  await mkdir(docs);
  for (let from = 0; from < FILES; from += 1000) {
    await Promise.all(Array.from({ length: 1000 }, (_, k) => writeFile(join(docs, `f${from + k}.txt`), `${from + k}`)));
  }
  const url = join(root, 'repo');
  ensureOk(await runBorg(await locateBorg(), { args: initArgs({ encryption: 'none' }), repository: { url, encryption: 'none', passphrase: null } }));
  router = testRouter({ root: join(root, 'cairn') });
  await router.core.store.save(
    validateConfig({
      version: 1,
      states: [{ id: 'docs', name: 'Docs', folders: [docs] }],
      repositories: [{ id: 'usb', name: 'USB disk', url, encryption: 'none', passphrase: { source: 'none' } }],
      jobs: [{ id: 'daily', name: 'Daily', stateIds: ['docs'], repositoryId: 'usb', checkFrequency: 'never' }],
    }),
  );
}, 300_000);

afterAll(async () => {
  await router.core.browse.shutdown();
  rmSync(root, { recursive: true, force: true });
});

describe('indexing an archive never holds up a backup', () => {
  it('a backup of the repository cancels the index build before it starts, leaves no partial index, then its own archive is indexed', async () => {
    const first = await backup();
    const happened: string[] = [];
    let streaming!: () => void;
    const streamingNow = new Promise<void>((resolve) => (streaming = resolve));
    router.core.browse.subscribe((event) => {
      happened.push(`index ${event.archiveName === first ? 'first' : 'second'} ${event.state}`);
      if (event.archiveName === first && event.state === 'building' && event.entries > 0) streaming();
    });
    router.core.engine.subscribe((event) => {
      if (event.type === 'run.started') happened.push('backup started');
    });
    const stopIndexing = router.core.browse.startBackgroundIndexing();
    try {
      const building = router.core.browse.ensureIndex('usb', first);
      await streamingNow; // borg is listing the archive
      const second = await backup();
      await expect(building).rejects.toMatchObject({ code: 'interrupted' });
      // The build was stopped before the backup began, not waited for.
      expect(happened.indexOf('index first cancelled')).toBeGreaterThanOrEqual(0);
      expect(happened.indexOf('index first cancelled')).toBeLessThan(happened.indexOf('backup started'));
      expect(happened).not.toContain('index first ready');
      expect(await router.core.browse.indexState('usb', first)).toBe('none');
      const cacheFiles = await readdir(join(root, 'cairn'), { recursive: true });
      expect(cacheFiles.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // After the backup, its own archive is indexed in the background, without being asked.
      const deadline = Date.now() + 120_000;
      while ((await router.core.browse.indexState('usb', second)) !== 'ready' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(happened).toContain('index second ready');
    } finally {
      stopIndexing();
    }
  }, 300_000);
});
