import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { vi } from 'vitest';

/** The built CLI (npm test builds it first; run `npm run build:node` before running vitest alone). */
export const CLI = resolve(import.meta.dirname, '../../out/cli/cairn.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user whose home is `home`: config, data and borg's files all live there. */
export function userEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), ...extra };
  // The keyring daemon keeps the XDG_DATA_HOME it started with; Cairn's data goes to the test home.
  env.CAIRN_DATA_DIR = join(home, '.local/share/Cairn');
  delete env.BORG_BASE_DIR;
  delete env.CAIRN_CONFIG_DIR;
  return env;
}

/** Runs `cairn ARGS…` as a separate process, the way a user or a script would. */
export function runCairn(args: readonly string[], options: { env: NodeJS.ProcessEnv; input?: string; cwd?: string }): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:node first`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: options.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Runs `cairn ARGS…` inside this test process (faster than a child; stdin stays the test's) and collects what it prints. */
export async function runCairnInProcess(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { runCli } = await import('../../electron/cli/program.js');
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}
