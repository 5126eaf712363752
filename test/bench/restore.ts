// Benchmark (issue 6): browsing and restoring from an archive of CAIRN_BENCH_RESTORE_FILES files
// (1,000,000 by default; one folder holds a tenth of them), generated once and cached. Prints:
// first open (Cairn: mount shown while the index builds) against `borg mount` + listing the root,
// the index build (time, size, peak memory), reopening, listing the big folder from the index,
// and a restore of 10,000 selected files against raw `borg extract` of the same paths (patterns file).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore } from '../../electron/core/core.js';
import { validateConfig } from '../../electron/core/config/validate.js';
import { formatBytes } from '../../electron/core/format.js';

const root = resolve(import.meta.dirname, '../../..');
const FILES = Number(process.env.CAIRN_BENCH_RESTORE_FILES ?? 1_000_000);
const BIG = Math.floor(FILES / 10);
const PER_DIR = 1000;
const SELECTED = Math.min(10_000, BIG);
const cacheDir = join(process.env.CAIRN_BENCH_CACHE ?? join(root, '.bench-cache'), `restore-${FILES}`);
const tree = join(cacheDir, 'tree');
const repository = join(cacheDir, 'repo');
const ARCHIVE = 'bench';

function borg(args: string[], cwd?: string): Promise<{ code: number | null; seconds: number; stderr: string }> {
  return new Promise((done, reject) => {
    const started = performance.now();
    const env = { ...process.env, BORG_REPO: repository, BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'yes', TZ: 'UTC' };
    const child = spawn('borg', args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => done({ code, seconds: (performance.now() - started) / 1000, stderr }));
  });
}

/** The tree (a big folder plus folders of 1,000 files) and its archive, made once. */
export async function ensureArchive(): Promise<void> {
  if (existsSync(join(cacheDir, '.complete'))) return;
  await rm(cacheDir, { recursive: true, force: true });
  process.stdout.write(`building ${FILES} files and their archive in ${cacheDir} (once)… `);
  const write = async (dir: string, count: number, prefix: string): Promise<void> => {
    await mkdir(dir, { recursive: true });
    for (let from = 0; from < count; from += 500) {
      await Promise.all(Array.from({ length: Math.min(500, count - from) }, (_, k) => writeFile(join(dir, `${prefix}${String(from + k).padStart(7, '0')}.txt`), `${prefix} ${from + k}\n`)));
    }
  };
  await write(join(tree, 'big'), BIG, 'b');
  for (let d = 0, left = FILES - BIG; left > 0; d++, left -= PER_DIR) await write(join(tree, 'home', `d${String(d).padStart(4, '0')}`), Math.min(PER_DIR, left), 'f');
  for (const [args, cwd] of [[['init', '-e', 'none', repository]], [['create', '--compression', 'lz4', `::${ARCHIVE}`, 'big', 'home'], tree]] as const) {
    const result = await borg([...args], cwd);
    if (result.code !== 0) throw new Error(`borg ${args[0]} failed: ${result.stderr}`);
  }
  await writeFile(join(cacheDir, '.complete'), '');
  process.stdout.write('done\n');
}

const ms = (since: number): number => performance.now() - since;

/** Runs the restore benchmark and prints its figures. */
export async function runRestoreBench(): Promise<void> {
  await ensureArchive();
  const work = await mkdtemp(join(tmpdir(), 'cairn-bench-restore-'));
  try {
    // Baseline: borg's fastest way to show the root, `borg mount` (daemonized) + listing it.
    const mountpoint = join(work, 'mnt');
    await mkdir(mountpoint);
    // Run twice, the first unmeasured, so neither side gets the archive from a colder disk cache.
    let started = 0;
    let borgFirstOpen = 0;
    for (let round = 0; round < 2; round++) {
      started = performance.now();
      const mounted = await borg(['mount', `::${ARCHIVE}`, mountpoint]);
      if (mounted.code !== 0) throw new Error(`borg mount failed: ${mounted.stderr}`);
      await readdir(mountpoint);
      borgFirstOpen = ms(started);
      await borg(['umount', mountpoint]);
    }

    const core = createCore({ env: { CAIRN_CONFIG_DIR: join(work, 'config'), CAIRN_DATA_DIR: join(work, 'data'), CAIRN_CACHE_DIR: join(work, 'cache') } });
    await core.store.save(
      validateConfig({ version: 1, states: [], jobs: [], repositories: [{ id: 'bench', name: 'Bench', url: repository, encryption: 'none', passphrase: { source: 'none' } }] }),
    );
    const ready = new Promise<number>((done) => core.browse.subscribe((e) => e.state === 'ready' && done(e.entries)));
    started = performance.now();
    const first = await core.browse.list('bench', ARCHIVE, '', { limit: 500 }, true);
    const cairnFirstOpen = ms(started);
    const entries = await ready;
    const buildMs = ms(started);
    await core.browse.mounts.unmountAll();
    const [meta] = await core.browse.cache.list('bench');

    started = performance.now();
    const reopened = await core.browse.list('bench', ARCHIVE, '', { limit: 500 });
    const reopenMs = ms(started);
    const index = await core.browse.cache.open('bench', ARCHIVE);
    if (!index || first.page === null || reopened.source !== 'index') throw new Error('the archive did not open');
    // The big folder as the window asks for it: a page of 500 in each order (median of 5), then all of it.
    const pageMs: string[] = [];
    let page: Awaited<ReturnType<typeof index.listFolder>> = null;
    for (const [sort, descending] of [['name', false], ['size', true], ['mtime', true], ['type', false]] as const) {
      const times: number[] = [];
      for (let round = 0; round < 5; round++) {
        started = performance.now();
        page = await index.listFolder('big', { sort, descending, offset: round * 500, limit: 500 });
        times.push(ms(started));
      }
      pageMs.push(`${sort}${descending ? ' desc' : ''} ${times.sort((a, b) => a - b)[2]?.toFixed(1)} ms`);
    }
    started = performance.now();
    await index.listFolder('big');
    const bigAllMs = ms(started);
    await index.close();

    // Restore of SELECTED files of the big folder: Cairn (patterns file, staging, placing) against raw extract.
    const paths = Array.from({ length: SELECTED }, (_, i) => `big/b${String(i * Math.floor(BIG / SELECTED)).padStart(7, '0')}.txt`);
    const rawTarget = join(work, 'raw');
    await mkdir(rawTarget);
    // borg's fastest way to extract a list of paths: a patterns file of `pf:` lines (looked up in a
    // dict); paths as arguments are each matched against every item (530 s for 10,000 at 100,000 files).
    await writeFile(join(work, 'raw-patterns'), `${paths.map((p) => `+ pf:${p}`).join('\n')}\n- sh:**\n`);
    const raw = await borg(['extract', '--patterns-from', join(work, 'raw-patterns'), `::${ARCHIVE}`], rawTarget);
    if (raw.code !== 0) throw new Error(`borg extract failed: ${raw.stderr}`);
    started = performance.now();
    const restored = await core.browse.restore('bench', { archive: ARCHIVE, selection: paths.map((path) => ({ path, folder: false })), target: join(work, 'cairn'), onConflict: 'keep-both' });
    const cairnRestore = ms(started) / 1000;
    const peak = process.resourceUsage().maxRSS * 1024;
    await core.browse.shutdown();

    console.log(`\nRestore benchmark: archive of ${entries} items (${FILES} files, one folder of ${page?.total ?? 0})`);
    console.log(`first open      cairn ${(cairnFirstOpen / 1000).toFixed(2)} s  vs borg mount + ls ${(borgFirstOpen / 1000).toFixed(2)} s  ratio ${(cairnFirstOpen / borgFirstOpen).toFixed(3)} (target <= 1.1)`);
    console.log(`index build     ${(buildMs / 1000).toFixed(2)} s (from the first open; started once the root is shown), ${formatBytes(meta?.bytes ?? 0)} on disk`);
    console.log(`reopen          ${reopenMs.toFixed(1)} ms (target < 500)`);
    console.log(`big folder      ${page?.total ?? 0} entries, a page of 500: ${pageMs.join(', ')} (target < 100); all of them at once ${bigAllMs.toFixed(1)} ms`);
    console.log(`restore ${SELECTED}    cairn ${cairnRestore.toFixed(2)} s (${restored.restored} restored)  vs borg extract --patterns-from ${raw.seconds.toFixed(2)} s  ratio ${(cairnRestore / raw.seconds).toFixed(3)} (target <= 1.1)`);
    console.log(`peak memory     ${formatBytes(peak)} (Node process of Cairn; borg runs as a child)`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
