import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { borgEnvironment } from './environment.js';
import { diagnoseSshFailure } from './diagnose-ssh.js';
import { BorgError, errorFromRun, type BorgErrorCode } from './errors.js';
import { LineSplitter, parseBorgLine } from './events.js';
import { classifyExit } from './exit.js';
import { parseRepositoryUrl } from './repository-url.js';
import type { BorgBinary, BorgCommand, BorgEvent, BorgMessage, BorgRunResult } from './types.js';

/** How long a cancelled create may spend writing its checkpoint before it gets SIGTERM. */
export const DEFAULT_CANCEL_GRACE_MS = 20_000;
const KILL_AFTER_TERM_MS = 10_000;
const MAX_MESSAGES = 1000;
const MAX_RAW_LINES = 200;

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

// borg runs in its own process group, so it would outlive Cairn: stop it when Node exits.
function track(child: ChildProcess): void {
  liveChildren.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const live of liveChildren) signal(live, 'SIGTERM');
    });
  }
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  // The pid, not the group: borg starts ssh with SIGINT ignored so a checkpoint can still be sent.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(child.pid, name);
  } catch {
    // already gone
  }
}

/** How a run is named in errors and logs: the repository and the argv, never a secret. */
export function describeCommand(borg: BorgBinary, command: Pick<BorgCommand, 'args' | 'repository'>): string {
  return `BORG_REPO=${command.repository.url} ${borg.path} ${command.args.join(' ')}`;
}

/**
 * Runs one borg command the only way Cairn runs borg: argv without a shell, an allowlisted
 * environment, the passphrase on fd 3, stdin closed, no controlling tty. Resolves with the outcome
 * for every borg failure (see `error`); rejects only when borg cannot be started at all.
 */
export function runBorg(borg: BorgBinary, command: BorgCommand): Promise<BorgRunResult> {
  const description = describeCommand(borg, command);
  const context = { command: description, repository: command.repository.name };
  const started = Date.now();
  if (command.signal?.aborted === true) {
    const error = new BorgError({ ...context, code: 'interrupted', summary: 'The operation was cancelled before it started.' });
    return Promise.resolve({ exitCode: null, signal: null, outcome: 'cancelled', stdout: '', messages: [], error, durationMs: 0 });
  }
  if (command.cwd !== undefined && !existsSync(command.cwd)) {
    return Promise.reject(new BorgError({ ...context, code: 'usage', summary: `Borg cannot run in ${command.cwd}: the folder does not exist.`, hint: 'Choose an existing folder.' }));
  }
  let env: Record<string, string>;
  try {
    env = borgEnvironment(command.repository, { extraEnv: command.extraEnv });
  } catch (error) {
    return Promise.reject(new BorgError({ ...context, code: 'usage', summary: (error as Error).message, hint: "Check the repository's settings in Cairn.", cause: error }));
  }

  return new Promise((resolve, reject) => {
    const child = spawn(borg.path, [...command.args], { cwd: command.cwd, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], detached: true });
    let spawned = false;
    let cancelled = false;
    let callbackError: unknown;
    const timers: NodeJS.Timeout[] = [];
    const messages: BorgMessage[] = [];
    let droppedWarnings = 0;
    const rawLines: string[] = [];
    let stdout = '';

    const call = <T>(callback: ((value: T) => void) | undefined, value: T): void => {
      if (callback === undefined || callbackError !== undefined) return;
      try {
        callback(value);
      } catch (error) {
        callbackError = error;
      }
    };

    const [, childStdout, childStderr, passphrasePipe] = child.stdio as unknown as [null, Readable, Readable, Writable];
    // borg reads fd 3 to EOF: it must be ended, even empty, or borg waits for ever.
    passphrasePipe.on('error', () => {}); // EPIPE when borg exits without reading it
    passphrasePipe.end(command.repository.passphrase === null ? undefined : `${command.repository.passphrase}\n`);

    const record = (event: BorgEvent): void => {
      if (event.type === 'raw') {
        rawLines.push(event.line);
        if (rawLines.length > MAX_RAW_LINES) rawLines.shift();
      } else if (event.type === 'log_message' && event.levelname !== 'INFO' && event.levelname !== 'DEBUG') {
        const level = event.levelname === 'WARNING' ? 'warning' : 'error';
        if (level === 'warning' && messages.length >= MAX_MESSAGES) droppedWarnings += 1;
        else messages.push({ level, message: event.message, msgid: event.msgid, time: event.time });
      }
      call(command.onEvent, event);
    };
    const onStderrLine = (line: string): void => {
      if (line.trim() !== '') parseBorgLine(line).forEach(record);
    };
    const stderrLines = new LineSplitter();
    childStderr.on('data', (chunk: Buffer) => stderrLines.push(chunk).forEach(onStderrLine));
    childStderr.on('end', () => stderrLines.flush().forEach(onStderrLine));

    if (command.onStdoutLine !== undefined) {
      const onLine = command.onStdoutLine;
      const stdoutLines = new LineSplitter();
      const deliver = (line: string): void => {
        if (line !== '') call(onLine, line);
      };
      childStdout.on('data', (chunk: Buffer) => stdoutLines.push(chunk).forEach(deliver));
      childStdout.on('end', () => stdoutLines.flush().forEach(deliver));
    } else {
      childStdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    }

    const onAbort = (): void => {
      if (cancelled) return;
      cancelled = true;
      const terminate = (): void => {
        signal(child, 'SIGTERM');
        timers.push(setTimeout(() => signal(child, 'SIGKILL'), KILL_AFTER_TERM_MS));
      };
      if (command.args[0] === 'create') {
        // The first SIGINT makes create write a checkpoint and exit (rc 2); other commands ignore it.
        signal(child, 'SIGINT');
        timers.push(setTimeout(terminate, command.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS));
      } else {
        terminate();
      }
    };

    child.once('spawn', () => {
      spawned = true;
      track(child);
      command.signal?.addEventListener('abort', onAbort, { once: true });
      if (child.pid !== undefined) call(command.onSpawn, child.pid);
    });

    child.once('error', (error: NodeJS.ErrnoException) => {
      if (spawned) return; // a failed kill(); the close event still comes
      reject(
        new BorgError({
          ...context,
          code: 'borg-missing',
          summary: `Cairn could not start borg at ${borg.path} (${error.code ?? error.message}).`,
          detail: error.message,
          cause: error,
        }),
      );
    });

    child.once('close', (exitCode: number | null, exitSignal: NodeJS.Signals | null) => {
      timers.forEach(clearTimeout);
      liveChildren.delete(child);
      command.signal?.removeEventListener('abort', onAbort);
      if (!spawned) return;
      if (callbackError !== undefined) {
        reject(callbackError);
        return;
      }
      if (droppedWarnings > 0) {
        messages.push({ level: 'warning', message: `${droppedWarnings} more warnings were left out.`, time: Date.now() / 1000 });
      }
      const outcome = classifyExit(exitCode, exitSignal, cancelled);
      let error: BorgError | undefined;
      if (outcome === 'cancelled') {
        const detail = messages.filter((m) => m.level === 'error').map((m) => m.message).join('\n');
        error = new BorgError({ ...context, code: 'interrupted', exitCode, summary: 'The operation was cancelled.', detail });
      } else if (outcome === 'error' || outcome === 'killed') {
        error = errorFromRun(exitCode, exitSignal, messages, rawLines, description, { repository: command.repository.name });
      }
      const result = (finalError: BorgError | undefined): void =>
        resolve({ exitCode, signal: exitSignal, outcome, stdout, messages, error: finalError, durationMs: Date.now() - started });
      if (error === undefined || !sshAmbiguous.has(error.code)) return result(error);
      void refineSshError(error, command.repository, context).then(result);
    });
  });
}

// borg's catch-all ssh errors, which a look at the server itself can often make precise.
const sshAmbiguous = new Set<BorgErrorCode>(['host-key-or-auth', 'connection-closed']);

/** Replaces a vague ssh error by what diagnoseSshFailure finds, keeping borg's own text as detail. */
async function refineSshError(error: BorgError, repository: BorgCommand['repository'], context: { command: string; repository: string | undefined }): Promise<BorgError> {
  const location = parseRepositoryUrl(repository.url);
  if (location.kind !== 'ssh') return error;
  const found = await diagnoseSshFailure({ host: location.host, port: location.port, knownHostsFile: repository.ssh?.knownHostsFile }).catch(() => null);
  if (found === null) return error;
  return new BorgError({ ...context, code: found, msgid: error.msgid, exitCode: error.exitCode, detail: error.detail });
}

/** Returns a run that completed (ok or warning); throws its BorgError when it failed, was killed or was cancelled. */
export function ensureOk(result: BorgRunResult): BorgRunResult {
  if (result.outcome === 'ok' || result.outcome === 'warning') return result;
  throw result.error ?? new BorgError({ code: 'unknown', exitCode: result.exitCode, detail: `outcome ${result.outcome}` });
}
