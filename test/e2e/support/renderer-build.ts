import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { projectRoot, rendererOut } from './root.js';

// The e2e tests run the BUILT renderer. `npm test` builds it first; a single file run with
// `npx vitest run test/e2e/x.test.ts` builds it here when it is missing or older than its sources.
// Two vitest workers may ask at once: a lock directory lets one build while the other waits.

/** Written by builds made here: the exact source files that went into the bundle. */
const INPUTS_FILE = '.cairn-inputs.json';
const LOCK = join(projectRoot, 'out', '.renderer-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

function newestMtime(paths: Iterable<string>): number {
  let newest = 0;
  for (const path of paths) {
    try {
      newest = Math.max(newest, statSync(path).mtimeMs);
    } catch {
      return Infinity; // a source that went away: rebuild
    }
  }
  return newest;
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/\.(tsx?|css|html)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** The sources the last build used, or (for a build made by `vite build`) every plausible one. */
function sources(): string[] {
  const always = [join(projectRoot, 'vite.config.ts'), join(projectRoot, 'package-lock.json'), ...walk(join(projectRoot, 'renderer'))];
  try {
    const listed = JSON.parse(readFileSync(join(rendererOut, INPUTS_FILE), 'utf8')) as string[];
    return [...always, ...listed.map((file) => join(projectRoot, file))];
  } catch {
    return [...always, ...walk(join(projectRoot, 'electron', 'core'))];
  }
}

/** Whether out/renderer exists and is newer than everything it was built from. */
export function rendererIsFresh(): boolean {
  const index = join(rendererOut, 'index.html');
  if (!existsSync(index)) return false;
  return newestMtime(sources()) <= statSync(index).mtimeMs;
}

async function withLock<T>(action: () => Promise<T>): Promise<T> {
  mkdirSync(join(projectRoot, 'out'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Held by another worker; a lock left by a killed process is taken over after a while.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await action();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** `vite build` with the project's config, plus the list of inputs the freshness check reads. */
async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, and vite would then bundle React's development build: the tests
  // must run what `vite build` ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      mode: 'production',
      configFile: join(projectRoot, 'vite.config.ts'),
      root: join(projectRoot, 'renderer'),
      logLevel: 'warn',
      plugins: [
        {
          name: 'cairn-e2e-inputs',
          generateBundle() {
            const files = [...this.getModuleIds()]
              .filter((id) => id.startsWith(projectRoot + sep) && !id.includes(`${sep}node_modules${sep}`))
              .map((id) => relative(projectRoot, id.split('?')[0] ?? id));
            this.emitFile({ type: 'asset', fileName: INPUTS_FILE, source: JSON.stringify(files) });
          },
        },
      ],
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

let ensured: Promise<void> | undefined;

/** Builds the renderer into out/renderer unless it is up to date (once per process). */
export function ensureRendererBuilt(): Promise<void> {
  ensured ??= (async () => {
    if (rendererIsFresh()) return;
    await withLock(async () => {
      if (rendererIsFresh()) return; // another worker built it while we waited
      const started = Date.now();
      await buildRenderer();
      process.stderr.write(`e2e: built the renderer into ${relative(projectRoot, rendererOut)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    });
  })();
  ensured.catch(() => (ensured = undefined));
  return ensured;
}
