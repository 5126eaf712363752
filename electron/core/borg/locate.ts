import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { BorgError } from './errors.js';
import type { BorgBinary } from './types.js';

/** Cairn drives the borg 1.2 command line; 1.4 keeps it, 2.x changed it. */
export const MINIMUM_BORG_VERSION = { major: 1, minor: 2, patch: 0 } as const;

/** Where to look for borg; every field has a sensible default. */
export interface LocateOptions {
  /** Environment holding CAIRN_BORG, PATH, HOME and SHELL (process.env by default). */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Ask the login shell for its PATH's borg (apps started from a launcher lack the terminal's PATH). */
  loginShell?: boolean | undefined;
  /** Folders tried last; defaults to the usual install places. */
  commonDirs?: readonly string[] | undefined;
  timeoutMs?: number | undefined;
}

/** A parsed `borg --version` line. */
export interface BorgVersion {
  major: number;
  minor: number;
  patch: number;
  /** The version as borg printed it, e.g. `1.2.4` or `1.4.0rc1`. */
  text: string;
}

/** Reads "borg 1.2.4" (as printed by `borg --version`); null when the output is not a borg version. */
export function parseBorgVersion(output: string): BorgVersion | null {
  const match = /^borg(?:\.exe)?\s+v?((\d+)\.(\d+)(?:\.(\d+))?\S*)/m.exec(output.trim());
  if (match === null) return null;
  return { text: match[1] ?? '', major: Number(match[2]), minor: Number(match[3]), patch: Number(match[4] ?? 0) };
}

const cache = new Map<string, Promise<BorgBinary>>();

/** Forgets found borg programs (after the user installed borg, and in tests). */
export function clearBorgLocationCache(): void {
  cache.clear();
}

/**
 * Finds a usable borg: CAIRN_BORG, then PATH, then the login shell's PATH, then the usual folders.
 * The answer is cached per environment; a failure is not, so installing borg and retrying works.
 */
export function locateBorg(options: LocateOptions = {}): Promise<BorgBinary> {
  const env = options.env ?? process.env;
  const key = JSON.stringify([env.CAIRN_BORG, env.PATH, env.HOME, env.SHELL, options.loginShell, options.commonDirs]);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const found = search(env, options);
  cache.set(key, found);
  found.catch(() => cache.delete(key));
  return found;
}

async function search(env: Readonly<Record<string, string | undefined>>, options: LocateOptions): Promise<BorgBinary> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const explicit = env.CAIRN_BORG;
  if (explicit !== undefined && explicit !== '') {
    if (!(await isExecutableFile(explicit))) {
      throw new BorgError({ code: 'borg-missing', summary: `CAIRN_BORG is set to ${explicit}, which is not an executable program.`, hint: 'Point CAIRN_BORG at the borg program, or unset it to let Cairn search for borg.' });
    }
    return checkVersion(explicit, env, timeoutMs);
  }
  let firstRefusal: BorgError | undefined;
  for await (const candidate of candidates(env, options, timeoutMs)) {
    try {
      return await checkVersion(candidate, env, timeoutMs);
    } catch (error) {
      // An old borg early in PATH should not hide a newer one further on.
      if (!(error instanceof BorgError)) throw error;
      firstRefusal ??= error;
    }
  }
  throw firstRefusal ?? new BorgError({ code: 'borg-missing', detail: `searched PATH (${env.PATH ?? ''}), the login shell and the usual folders` });
}

async function* candidates(env: Readonly<Record<string, string | undefined>>, options: LocateOptions, timeoutMs: number): AsyncGenerator<string> {
  const seen = new Set<string>();
  const fresh = async (path: string | undefined): Promise<boolean> => {
    if (path === undefined || !isAbsolute(path) || seen.has(path)) return false;
    seen.add(path);
    return isExecutableFile(path);
  };
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const path = dir === '' ? undefined : join(dir, 'borg');
    if (await fresh(path)) yield path as string;
  }
  if (options.loginShell !== false) {
    const path = await loginShellBorg(env, timeoutMs);
    if (await fresh(path)) yield path as string;
  }
  const home = env.HOME ?? homedir();
  const dirs = options.commonDirs ?? ['/usr/bin', '/usr/local/bin', '/opt/homebrew/bin', '/opt/local/bin', '/home/linuxbrew/.linuxbrew/bin', join(home, '.local/bin')];
  for (const dir of dirs) {
    const path = join(dir, 'borg');
    if (await fresh(path)) yield path;
  }
}

/** `$SHELL -lc 'command -v borg'`: the borg a terminal would run, or undefined. */
async function loginShellBorg(env: Readonly<Record<string, string | undefined>>, timeoutMs: number): Promise<string | undefined> {
  const shell = env.SHELL;
  if (shell === undefined || !isAbsolute(shell)) return undefined;
  const childEnv = pick(env, ['HOME', 'USER', 'LOGNAME', 'SHELL', 'PATH']);
  const output = await run(shell, ['-lc', 'command -v borg'], childEnv, timeoutMs).catch(() => '');
  // Profiles may print greetings: take the last line that looks like a path.
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('/'))
    .at(-1);
}

async function checkVersion(path: string, env: Readonly<Record<string, string | undefined>>, timeoutMs: number): Promise<BorgBinary> {
  const childEnv = { ...pick(env, ['PATH', 'HOME', 'BORG_BASE_DIR']), LANG: 'C.UTF-8' };
  let output: string;
  try {
    output = await run(path, ['--version'], childEnv, Math.max(timeoutMs, 15_000));
  } catch (error) {
    throw new BorgError({ code: 'borg-missing', summary: `${path} did not run as borg.`, detail: (error as Error).message, cause: error });
  }
  const version = parseBorgVersion(output);
  if (version === null) {
    throw new BorgError({ code: 'borg-missing', summary: `${path} is not borg (its --version printed something else).`, detail: output.slice(0, 500) });
  }
  const { major, minor } = version;
  if (major < MINIMUM_BORG_VERSION.major || (major === MINIMUM_BORG_VERSION.major && minor < MINIMUM_BORG_VERSION.minor)) {
    throw new BorgError({ code: 'borg-too-old', summary: `borg ${version.text} at ${path} is too old: Cairn needs borg 1.2 or newer.`, detail: output.trim() });
  }
  if (major >= 2) {
    throw new BorgError({ code: 'borg-unsupported', summary: `borg ${version.text} at ${path} has a command line Cairn does not speak: Cairn needs borg 1.2 to 1.4.`, detail: output.trim() });
  }
  return { path, version: version.text };
}

/** Runs a short helper program in its own process group; on timeout the whole group is killed. */
function run(file: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    // A profile may start something that keeps our pipes open: kill the group, not just the shell.
    const timer = setTimeout(() => {
      if (child.pid !== undefined) killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${file} ${args.join(' ')} ended with ${signal ?? `code ${code}`}: ${output.slice(0, 500)}`));
    });
  });
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pick(env: Readonly<Record<string, string | undefined>>, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}
