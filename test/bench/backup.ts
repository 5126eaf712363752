// Benchmark (issue 2): the wall time of `cairn backups create` against raw `borg create` of the same
// folders into a fresh repository, first and incremental run, on a cached synthetic tree of
// 100,000 small files. Prints the figures and the ratios (target: ≤ 1.03).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const cli = join(root, 'out/cli/cairn.mjs');
const cacheDir = join(root, '.bench-cache');
const tree = join(cacheDir, 'tree-100k');
const DIRS = 100;
const FILES_PER_DIR = 1000;
const PASSPHRASE = 'bench passphrase';

/** 100 folders × 1,000 files of 14–16 bytes, as in BORG_NOTES §8; built once and kept. */
async function ensureTree(): Promise<void> {
  const done = join(tree, '.complete');
  if (existsSync(done)) return;
  await rm(tree, { recursive: true, force: true });
  process.stdout.write(`building ${DIRS * FILES_PER_DIR} files in ${tree} (once)… `);
  for (let d = 0; d < DIRS; d++) {
    const dir = join(tree, `d${String(d).padStart(3, '0')}`);
    await mkdir(dir, { recursive: true });
    await Promise.all(
      Array.from({ length: FILES_PER_DIR }, (_, f) => writeFile(join(dir, `f${String(f).padStart(4, '0')}.txt`), `file ${d}/${f}\n`.padEnd(14 + (f % 3), '.'))),
    );
  }
  await writeFile(done, '');
  process.stdout.write('done\n');
}

interface Timed {
  /** Wall time. */
  seconds: number;
  /** User + system CPU time of the program and every process it waited for (borg included). */
  cpuSeconds: number;
  code: number | null;
  output: string;
}

const TIMES_MARK = '@@cairn-bench-times ';

/**
 * Runs a program to the end under bash's `time`, which also counts the CPU of the children it
 * waited for; fd 3 carries a passphrase when given.
 */
function timed(program: string, args: string[], env: NodeJS.ProcessEnv, passphrase?: string): Promise<Timed> {
  return new Promise((done, reject) => {
    const script = `TIMEFORMAT='${TIMES_MARK}%R %U %S'; time "$@"`;
    const child = spawn('bash', ['-c', script, 'timed', program, ...args], { env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let output = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-8000)));
    const fd3 = child.stdio[3] as NodeJS.WritableStream | null;
    fd3?.end(passphrase === undefined ? '' : `${passphrase}\n`);
    child.on('error', reject);
    child.on('close', (code) => {
      const times = stderr.slice(stderr.lastIndexOf(TIMES_MARK) + TIMES_MARK.length).trim().split(' ').map(Number);
      const [real = NaN, user = NaN, system = NaN] = times;
      done({ seconds: real, cpuSeconds: user + system, code, output: output + stderr });
    });
  });
}

function check(step: string, run: Timed): Timed {
  if (run.code !== 0) throw new Error(`${step} failed (exit ${run.code}):\n${run.output}`);
  return run;
}

/** One fresh pair of repositories: raw borg's and Cairn's, made the same way (repokey-blake2). */
async function freshPair(work: string, label: string) {
  const home = join(work, label);
  await mkdir(home, { recursive: true });
  const passFile = join(home, 'passphrase');
  await writeFile(passFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', TZ: 'UTC', CAIRN_CONFIG_DIR: join(home, 'config'), CAIRN_DATA_DIR: join(home, 'data') };
  const borgEnv = { ...env, BORG_PASSPHRASE_FD: '3', BORG_REPO: join(home, 'raw-repo') };
  const cairn = (...args: string[]) => timed(process.execPath, [cli, ...args], env);
  check('borg init', await timed('borg', ['init', '--encryption', 'repokey-blake2'], borgEnv, PASSPHRASE));
  check('cairn states add', await cairn('states', 'add', 'tree', tree));
  check('cairn repos add', await cairn('repos', 'add', 'bench', join(home, 'cairn-repo'), '--init', '--passphrase-command', `cat ${passFile}`));
  check('cairn jobs add', await cairn('jobs', 'add', 'bench', '--state', 'tree', '--repo', 'bench', '--schedule', 'manual', '--check', 'never'));
  let archive = 0;
  return {
    // What a person would type: same compression and excludes as Cairn's job, no progress or JSON.
    raw: async (step: string) => check(`borg create (${step})`, await timed('borg', ['create', '--compression', 'auto,zstd', '--exclude-caches', `::raw-${archive++}`, tree], borgEnv, PASSPHRASE)),
    cairn: async (step: string) => check(`cairn backups create (${step})`, await cairn('backups', 'create', 'bench')),
  };
}

const PAIRS = 2;
/** Incremental runs per pair: they are short, so more of them are needed to see past the noise. */
const INCREMENTAL_RUNS = 3;

/** Runs the backup benchmark and prints its table. */
export async function runBackupBench(): Promise<void> {
  await ensureTree();
  const work = await mkdtemp(join(tmpdir(), 'cairn-bench-'));
  try {
    // Warm the page cache so neither side pays for the first read of the tree.
    check('warm-up', await timed('find', [tree, '-type', 'f'], process.env));
    const runs = { rawFirst: [] as Timed[], cairnFirst: [] as Timed[], rawNext: [] as Timed[], cairnNext: [] as Timed[] };
    for (let rep = 0; rep < PAIRS; rep++) {
      const pair = await freshPair(work, `rep-${rep}`);
      // Alternate who goes first, so neither side always gets the warmer machine.
      const order: readonly ('raw' | 'cairn')[] = rep % 2 === 0 ? ['raw', 'cairn'] : ['cairn', 'raw'];
      for (const side of order) runs[side === 'raw' ? 'rawFirst' : 'cairnFirst'].push(await pair[side]('first'));
      for (let i = 0; i < INCREMENTAL_RUNS; i++) {
        for (const side of i % 2 === 0 ? order : [...order].reverse()) {
          runs[side === 'raw' ? 'rawNext' : 'cairnNext'].push(await pair[side]('incremental'));
        }
      }
    }
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const middle = sorted.length / 2;
      return Number.isInteger(middle) ? ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2 : (sorted[Math.floor(middle)] ?? NaN);
    };
    // The fixed cost of starting Cairn's CLI at all (Node, the bundle, the config), for scale.
    const startup = await Promise.all([0, 1, 2].map(async () => (await timed(process.execPath, [cli, '--version'], process.env)).seconds));
    const rows: [string, Timed[], Timed[]][] = [
      ['first run', runs.rawFirst, runs.cairnFirst],
      ['incremental', runs.rawNext, runs.cairnNext],
    ];
    console.log(`\nBackup of ${DIRS * FILES_PER_DIR} small files into a fresh repokey-blake2 repository (auto,zstd); medians of ${PAIRS} first and ${PAIRS * INCREMENTAL_RUNS} incremental runs per side:`);
    console.log('run          measure   raw borg     cairn      ratio (target <= 1.03)  every run (raw | cairn)');
    for (const [label, raw, cairn] of rows) {
      for (const [measure, pick] of [['wall', (t: Timed) => t.seconds], ['cpu', (t: Timed) => t.cpuSeconds]] as const) {
        const r = median(raw.map(pick));
        const c = median(cairn.map(pick));
        const ratio = c / r;
        const all = `${raw.map((t) => pick(t).toFixed(1)).join(' ')} | ${cairn.map((t) => pick(t).toFixed(1)).join(' ')}`;
        console.log(`${label.padEnd(12)} ${measure.padEnd(7)} ${r.toFixed(2).padStart(7)} s  ${c.toFixed(2).padStart(7)} s  ${ratio.toFixed(3)}${ratio <= 1.03 ? '                  ' : ' (over target)    '}${all}`);
      }
    }
    console.log(`cairn CLI start-up alone (cairn --version): ${median(startup).toFixed(2)} s wall`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

