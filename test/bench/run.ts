// `npm run bench`: the wall time of `cairn backups create` against raw `borg create` of the same
// folders into a fresh repository, first and incremental run, on a cached synthetic tree of
// 100,000 small files. Prints the figures and the ratios (target: ≤ 1.03).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const cli = join(root, 'out/electron/cli.js');
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
  seconds: number;
  code: number | null;
  output: string;
}

/** Runs a program to the end and measures its wall time; fd 3 carries a passphrase when given. */
function timed(program: string, args: string[], env: NodeJS.ProcessEnv, passphrase?: string): Promise<Timed> {
  return new Promise((done, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
    const fd3 = child.stdio[3] as NodeJS.WritableStream | null;
    fd3?.end(passphrase === undefined ? '' : `${passphrase}\n`);
    child.on('error', reject);
    child.on('close', (code) => done({ seconds: Number(process.hrtime.bigint() - started) / 1e9, code, output }));
  });
}

function check(step: string, run: Timed): Timed {
  if (run.code !== 0) throw new Error(`${step} failed (exit ${run.code}):\n${run.output}`);
  return run;
}

async function main(): Promise<void> {
  await ensureTree();
  const work = await mkdtemp(join(tmpdir(), 'cairn-bench-'));
  try {
    const home = join(work, 'home');
    await mkdir(home, { recursive: true });
    const passFile = join(work, 'passphrase');
    await writeFile(passFile, `${PASSPHRASE}\n`, { mode: 0o600 });
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', TZ: 'UTC', CAIRN_CONFIG_DIR: join(home, 'config'), CAIRN_DATA_DIR: join(home, 'data') };
    const rawRepo = join(work, 'raw-repo');
    const borgEnv = { ...env, BORG_PASSPHRASE_FD: '3', BORG_REPO: rawRepo };
    const cairn = (...args: string[]) => timed(process.execPath, [cli, ...args], env);

    // Both repositories are made the same way: repokey-blake2, same compression and excludes.
    check('borg init', await timed('borg', ['init', '--encryption', 'repokey-blake2'], borgEnv, PASSPHRASE));
    check('cairn states add', await cairn('states', 'add', 'tree', tree));
    check('cairn repos add', await cairn('repos', 'add', 'bench', join(work, 'cairn-repo'), '--init', '--passphrase-command', `cat ${passFile}`));
    check('cairn jobs add', await cairn('jobs', 'add', 'bench', '--state', 'tree', '--repo', 'bench', '--schedule', 'manual', '--check', 'never'));
    const raw = (name: string) => timed('borg', ['create', '--compression', 'auto,zstd', '--exclude-caches', `::${name}`, tree], borgEnv, PASSPHRASE);

    // Warm the page cache so neither side pays for the first read of the tree.
    check('warm-up', await timed('find', [tree, '-type', 'f'], env));
    const results: [string, Timed, Timed][] = [];
    const rawFirst = check('borg create (first)', await raw('first'));
    const cairnFirst = check('cairn backups create (first)', await cairn('backups', 'create', 'bench'));
    results.push(['first run', rawFirst, cairnFirst]);
    const rawNext = check('borg create (incremental)', await raw('second'));
    const cairnNext = check('cairn backups create (incremental)', await cairn('backups', 'create', 'bench'));
    results.push(['incremental', rawNext, cairnNext]);

    console.log(`\nBackup of ${DIRS * FILES_PER_DIR} small files (repokey-blake2, auto,zstd), wall time:`);
    console.log('run           raw borg    cairn      ratio (target <= 1.03)');
    for (const [label, rawRun, cairnRun] of results) {
      const ratio = cairnRun.seconds / rawRun.seconds;
      console.log(`${label.padEnd(13)} ${rawRun.seconds.toFixed(2).padStart(7)} s  ${cairnRun.seconds.toFixed(2).padStart(7)} s  ${ratio.toFixed(3)}${ratio <= 1.03 ? '' : '  (over target)'}`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
