import type { EncryptionMode } from '../config/schema.js';

/** The borg program Cairn found, and its version (checked against the minimum). */
export interface BorgBinary {
  path: string;
  version: string;
}

/** Everything borg needs to reach one repository. The passphrase goes on fd 3, nowhere else. */
export interface RepositoryAccess {
  /** Local path, `ssh://user@host:port/path` or `user@host:path`; given to borg as BORG_REPO. */
  url: string;
  encryption: EncryptionMode;
  /** null for unencrypted repositories. */
  passphrase: string | null;
  ssh?: { keyFile?: string | undefined; knownHostsFile?: string | undefined } | undefined;
  /** How the user calls this repository in Cairn; error hints use it in suggested commands. */
  name?: string | undefined;
}

/** One `--log-json` line from borg's stderr, typed by its `type`. */
export type BorgEvent =
  | { type: 'log_message'; time: number; levelname: string; name: string; message: string; msgid?: string | undefined }
  | {
      type: 'archive_progress';
      time: number;
      finished: boolean;
      originalSize?: number | undefined;
      compressedSize?: number | undefined;
      deduplicatedSize?: number | undefined;
      nfiles?: number | undefined;
      path?: string | undefined;
    }
  | {
      type: 'progress_percent';
      time: number;
      finished: boolean;
      msgid?: string | undefined;
      message?: string | undefined;
      current?: number | undefined;
      total?: number | undefined;
    }
  | { type: 'progress_message'; time: number; finished: boolean; msgid?: string | undefined; message?: string | undefined }
  | { type: 'file_status'; status: string; path: string }
  | { type: 'question'; kind: string; msgid?: string | undefined; message: string }
  /** A stderr line that is not JSON (argparse errors, fusermount output…), kept as-is. */
  | { type: 'raw'; line: string };

/** A borg warning or error worth showing a person. */
export interface BorgMessage {
  level: 'warning' | 'error';
  message: string;
  msgid?: string | undefined;
  time: number;
}

/** How a borg process ended: 0 ok, 1 warning, >=2 error, cancelled by us, or killed by a signal. */
export type BorgOutcome = 'ok' | 'warning' | 'error' | 'cancelled' | 'killed';

export interface BorgRunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  outcome: BorgOutcome;
  /** stdout collected (empty when streamed through onStdoutLine). */
  stdout: string;
  /** Warnings and errors borg reported, in order. */
  messages: BorgMessage[];
  /** The typed error when outcome is 'error' or 'killed'; code 'interrupted' when 'cancelled'. */
  error?: import('./errors.js').BorgError | undefined;
  durationMs: number;
}

export interface BorgCommand {
  /** Arguments after the borg program, from an argv builder (`--log-json` included by the builder). */
  args: readonly string[];
  repository: RepositoryAccess;
  /** create stores paths relative to it; extract writes into it. */
  cwd?: string | undefined;
  /** Deliberate answers to borg's questions (e.g. BORG_RELOCATED_REPO_ACCESS_IS_OK); never secrets. */
  extraEnv?: Readonly<Record<string, string>> | undefined;
  onEvent?: ((event: BorgEvent) => void) | undefined;
  /** When set, stdout is delivered line by line (for --json-lines) instead of collected. */
  onStdoutLine?: ((line: string) => void) | undefined;
  /** Abort = cancel: SIGINT (create writes a checkpoint), then SIGTERM after cancelGraceMs. */
  signal?: AbortSignal | undefined;
  cancelGraceMs?: number | undefined;
  /** Called once the child is spawned (tests read /proc/<pid>). */
  onSpawn?: ((pid: number) => void) | undefined;
}
