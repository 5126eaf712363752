import { describeBorgError, type ErrorContext } from './error-descriptions.js';
import type { BorgMessage } from './types.js';

/** Every failure Cairn tells apart; each has its own sentence and advice (error-descriptions.ts). */
export const borgErrorCodes = [
  'passphrase-wrong',
  'no-passphrase',
  'repository-not-found',
  'not-a-repository',
  'repository-exists',
  'parent-missing',
  'no-manifest',
  'quota-exceeded',
  'lock-timeout',
  'connection-closed',
  'host-key-or-auth',
  'host-unreachable',
  'host-key-changed',
  'ssh-auth-failed',
  'path-not-allowed',
  'archive-not-found',
  'archive-exists',
  'relocated-repository',
  'unknown-unencrypted',
  'integrity',
  'keyfile-missing',
  'disk-full',
  'interrupted',
  'borg-missing',
  'borg-too-old',
  'borg-unsupported',
  'usage',
  'unknown',
] as const;
export type BorgErrorCode = (typeof borgErrorCodes)[number];

/** What a BorgError is made of; `summary` and `hint` default to the code's description. */
export interface BorgErrorInit {
  code: BorgErrorCode;
  summary?: string | undefined;
  hint?: string | undefined;
  /** borg's own text (or the OS error), for the details view and the log. */
  detail?: string | undefined;
  msgid?: string | undefined;
  exitCode?: number | null | undefined;
  /** The command that failed, without secrets (the repository URL and the argv). */
  command?: string | undefined;
  repository?: string | undefined;
  /** The archive the error is about, when borg named it. */
  archive?: string | undefined;
  cause?: unknown;
}

/** A borg failure a person can act on: `summary` says what happened, `hint` what to do; `message` is both. */
export class BorgError extends Error {
  override readonly name = 'BorgError';
  readonly code: BorgErrorCode;
  readonly msgid: string | undefined;
  readonly exitCode: number | null;
  /** The sentence saying what happened (the first part of `message`). */
  readonly summary: string;
  /** What to do about it (the second part of `message`). */
  readonly hint: string;
  readonly detail: string;
  readonly command: string | undefined;

  constructor(init: BorgErrorInit) {
    const described = describeBorgError(init.code, { repository: init.repository, archive: init.archive });
    const summary = init.summary ?? described.summary;
    const hint = init.hint ?? described.hint;
    super(`${summary} ${hint}`.trim(), init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.msgid = init.msgid;
    this.exitCode = init.exitCode ?? null;
    this.summary = summary;
    this.hint = hint;
    this.detail = init.detail ?? '';
    this.command = init.command;
  }
}

// Full msgids first: both archives and repositories have a DoesNotExist / AlreadyExists.
const byFullMsgid: Readonly<Record<string, BorgErrorCode>> = {
  'Archive.DoesNotExist': 'archive-not-found',
  'Archive.AlreadyExists': 'archive-exists',
};

// Then the part after the last dot: over ssh most errors arrive as bare class names.
const byClassName: Readonly<Record<string, BorgErrorCode>> = {
  PassphraseWrong: 'passphrase-wrong',
  NoPassphraseFailure: 'no-passphrase',
  PasscommandFailure: 'no-passphrase',
  PasswordRetriesExceeded: 'no-passphrase',
  DoesNotExist: 'repository-not-found',
  InvalidRepository: 'not-a-repository',
  InvalidRepositoryConfig: 'not-a-repository',
  AlreadyExists: 'repository-exists',
  PathAlreadyExists: 'repository-exists',
  ParentPathDoesNotExist: 'parent-missing',
  NoManifestError: 'no-manifest',
  StorageQuotaExceeded: 'quota-exceeded',
  LockTimeout: 'lock-timeout',
  ConnectionClosed: 'connection-closed',
  ConnectionClosedWithHint: 'host-key-or-auth',
  PathNotAllowed: 'path-not-allowed',
  RepositoryAccessAborted: 'relocated-repository',
  CacheInitAbortedError: 'unknown-unencrypted',
  IntegrityError: 'integrity',
  ObjectNotFound: 'integrity',
  CheckNeeded: 'integrity',
  KeyfileNotFoundError: 'keyfile-missing',
  KeyfileMismatchError: 'keyfile-missing',
  KeyfileInvalidError: 'keyfile-missing',
};

/** The code for a borg msgid (`Repository.DoesNotExist`, or a bare `LockTimeout` from ssh), or undefined. */
export function errorCodeForMsgid(msgid: string): BorgErrorCode | undefined {
  const full = byFullMsgid[msgid];
  if (full !== undefined) return full;
  const className = msgid.slice(msgid.lastIndexOf('.') + 1);
  return byClassName[className];
}

const diskFull = /No space left on device|\[Errno 28\]|ENOSPC/;
// What ssh itself printed (borg relays it as "Remote: …" warnings, when it does): more precise than
// borg's catch-all ConnectionClosedWithHint.
const sshFailures: readonly [RegExp, BorgErrorCode][] = [
  [/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed|host key for .* has changed|No \S+ host key is known for/i, 'host-key-changed'],
  [/ssh: connect to host .*: (Connection refused|No route to host|Network is unreachable|Connection timed out)|ssh: Could not resolve hostname|Connection timed out during banner exchange/i, 'host-unreachable'],
  [/Permission denied \((publickey|password|keyboard-interactive)/i, 'ssh-auth-failed'],
];
// argparse errors ("borg create: error: …", "usage: borg …") and bad archive name placeholders.
const usageLine = /^(usage: borg|borg(?: [a-z-]+)*: error: |Invalid placeholder )/;
const interruptedText = /^(Got Ctrl-C \/ SIGINT\.|Keyboard interrupt)/;
const maxDetail = 4000;
// Archive.DoesNotExist: "Archive nope does not exist".
const missingArchive = /^Archive (.+) does not exist$/s;

/** Chooses the BorgError that best explains a failed run, from its messages, raw stderr and exit. */
export function errorFromRun(
  exitCode: number | null,
  signal: NodeJS.Signals | null,
  messages: readonly BorgMessage[],
  rawLines: readonly string[],
  commandDescription: string,
  context: ErrorContext = {},
): BorgError {
  const errors = messages.filter((m) => m.level === 'error');
  const base = { exitCode, command: commandDescription, repository: context.repository };
  const detailOf = (lines: readonly string[]): string => clip(lines.join('\n'));

  const full = [...errors.map((m) => m.message), ...rawLines].find((text) => diskFull.test(text));
  if (full !== undefined) return new BorgError({ ...base, code: 'disk-full', detail: clip(full) });

  const sshText = [...messages.map((m) => m.message), ...rawLines];
  for (const [pattern, code] of sshFailures) {
    const line = sshText.find((text) => pattern.test(text));
    if (line !== undefined) return new BorgError({ ...base, code, detail: clip(line) });
  }

  for (const message of errors) {
    const code = message.msgid === undefined ? undefined : errorCodeForMsgid(message.msgid);
    if (code === undefined) continue;
    const archive = code === 'archive-not-found' ? missingArchive.exec(message.message)?.[1] : undefined;
    return new BorgError({ ...base, code, archive, msgid: message.msgid, detail: clip(message.message) });
  }

  const usage = rawLines.filter((line) => usageLine.test(line));
  const usageError = usage.find((line) => !line.startsWith('usage:')) ?? usage[0];
  if (usageError !== undefined) return new BorgError({ ...base, code: 'usage', detail: clip(usageError) });

  const interrupted = errors.find((m) => interruptedText.test(m.message));
  if (interrupted !== undefined || signal !== null || (exitCode !== null && exitCode >= 128)) {
    const how = signal !== null ? `borg was stopped by ${signal}` : exitCode !== null && exitCode >= 128 ? `borg exited with code ${exitCode} (signal ${exitCode - 128})` : '';
    return new BorgError({ ...base, code: 'interrupted', msgid: interrupted?.msgid, detail: detailOf([interrupted?.message ?? '', how].filter((s) => s !== '')) });
  }

  const firstMsgid = errors.find((m) => m.msgid !== undefined)?.msgid;
  const detail = errors.length > 0 ? detailOf(errors.map((m) => m.message)) : detailOf(rawLines.slice(-20));
  return new BorgError({ ...base, code: 'unknown', msgid: firstMsgid, detail: detail || `borg exited with code ${exitCode ?? 'none'}` });
}

function clip(text: string): string {
  return text.length > maxDetail ? `${text.slice(0, maxDetail)}…` : text;
}
