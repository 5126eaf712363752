import { spawn } from 'node:child_process';
import type { Repository } from '../config/schema.js';
import { getPassphrase } from './keychain.js';
import { maskSecrets } from './masking.js';

/** A passphrase could not be obtained; the message says why and what to do, never the secret. */
export class PassphraseError extends Error {
  override readonly name = 'PassphraseError';
}

/** What resolvePassphrase needs from outside; tests pass their own keychain or a short timeout. */
export interface PassphraseDeps {
  keychain?: { getPassphrase(repositoryId: string): Promise<string | null> };
  /** How long a passphrase command may run (default 30 s). */
  commandTimeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** After SIGTERM, how long a command gets before SIGKILL. */
const KILL_GRACE_MS = 2_000;
/** After the command exits, how long a grandchild may keep stdout open before we stop waiting. */
const DRAIN_MS = 2_000;

/**
 * The repository's passphrase from its configured source, or null for an unencrypted one.
 * Throws PassphraseError, or KeychainUnavailableError when the keychain itself cannot be used.
 */
export async function resolvePassphrase(repository: Repository, deps: PassphraseDeps = {}): Promise<string | null> {
  const source = repository.passphrase;
  switch (source.source) {
    case 'none':
      return null;
    case 'keychain': {
      const passphrase = await (deps.keychain?.getPassphrase ?? getPassphrase)(repository.id);
      if (passphrase === null || passphrase === '') {
        throw new PassphraseError(
          `No passphrase for repository "${repository.name}" in the keychain: set it with \`cairn repos passphrase ${repository.id}\``,
        );
      }
      return passphrase;
    }
    case 'command':
      return runPassphraseCommand(repository, source.command, deps.commandTimeoutMs ?? DEFAULT_TIMEOUT_MS);
  }
}

/** Like NixOS `passCommand`: `/bin/sh -c COMMAND`, stdout minus one trailing newline is the passphrase. */
function runPassphraseCommand(repository: Repository, command: string, timeoutMs: number): Promise<string> {
  const fail = (why: string): PassphraseError =>
    new PassphraseError(`The passphrase command of repository "${repository.name}" ${why}`);

  return new Promise((resolve, reject) => {
    // stdin ignored: a command that prompts gets EOF instead of hanging. Detached: its own process
    // group, so a timeout can stop the shell and everything it started.
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      action();
    };
    const errorOutput = (): string => {
      // A command that echoes the secret on stderr too must not leak it through our message.
      const text = maskSecrets(Buffer.concat(stderr).toString('utf8'), [stripNewline(Buffer.concat(stdout).toString('utf8'))]).trim();
      return text === '' ? ' (it wrote nothing on stderr)' : `:\n${text.split('\n').slice(-20).join('\n')}`;
    };

    child.on('error', (error) => settle(() => reject(fail(`could not be started: ${error.message}`))));
    timers.push(
      setTimeout(() => {
        killGroup(child.pid, 'SIGTERM');
        setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
        child.stdout.destroy();
        child.stderr.destroy();
        settle(() => reject(fail(`did not finish within ${duration(timeoutMs)} and was stopped${errorOutput()}`)));
      }, timeoutMs),
    );
    const finish = (code: number | null, signal: NodeJS.Signals | null): void =>
      settle(() => {
        if (signal) return reject(fail(`was killed by ${signal}${errorOutput()}`));
        if (code !== 0) return reject(fail(`failed with exit code ${code}${errorOutput()}`));
        const passphrase = stripNewline(Buffer.concat(stdout).toString('utf8'));
        if (passphrase === '') return reject(fail(`printed nothing on stdout${errorOutput()}`));
        resolve(passphrase);
      });
    child.on('close', finish);
    child.on('exit', (code, signal) => {
      // A background process started by the command may keep stdout open forever: 'close' would
      // then never come. Give the pipes a moment to drain, then decide with what we have.
      timers.push(
        setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish(code, signal);
        }, DRAIN_MS),
      );
    });
  });
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** Exactly one trailing newline is removed, as NixOS and borg do with a passcommand's output. */
function stripNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
