import { spawn } from 'node:child_process';

/** Where a hook runs and what it may see; values go through the environment, never into the script. */
export interface HookContext {
  /** Variables for the script, e.g. archiveName, exitStatus, CAIRN_JOB. */
  variables: Readonly<Record<string, string>>;
  cwd?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface HookResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines the script printed (stdout and stderr), for the run record. */
  output: string;
}

const KEEP_OUTPUT_CHARS = 4000;

/** Why a hook gets a shell: NixOS hooks are shell snippets, and users write them the same way. */
function shellFor(script: string): [string, string[]] {
  return process.platform === 'win32'
    ? [process.env.ComSpec ?? 'cmd.exe', ['/d', '/s', '/c', script]]
    : ['/bin/sh', ['-c', script]];
}

/**
 * Runs one user hook. The user's own environment is kept (hooks call their own tools); the passphrase
 * is never in it because Cairn never puts it in any environment.
 */
export function runHook(script: string, context: HookContext): Promise<HookResult> {
  const [program, args] = shellFor(script);
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      cwd: context.cwd,
      env: { ...process.env, ...context.variables },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-KEEP_OUTPUT_CHARS);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const onAbort = () => {
      // The hook may have started children of its own: stop its whole process group.
      if (child.pid !== undefined) {
        try {
          process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
      }
    };
    context.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      context.signal?.removeEventListener('abort', onAbort);
      resolve({ exitCode: 127, signal: null, output: `could not start the hook: ${error.message}` });
    });
    child.on('close', (exitCode, signal) => {
      context.signal?.removeEventListener('abort', onAbort);
      resolve({ exitCode, signal, output: output.trim() });
    });
  });
}

/** A hook's outcome in one sentence for the run record ("preHook failed (exit 3): disk busy"). */
export function describeHookFailure(label: string, result: HookResult): string {
  const how = result.signal ? `was stopped by ${result.signal}` : `failed (exit ${result.exitCode})`;
  const lastLine = result.output.split('\n').filter(Boolean).pop();
  return lastLine ? `${label} ${how}: ${lastLine}` : `${label} ${how}`;
}
