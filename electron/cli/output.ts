/** Exit codes of `cairn`, documented in the README. */
export const ExitCode = {
  ok: 0,
  /** The work was done, with warnings (some files unreadable…). */
  warning: 1,
  /** It failed; the message says why and what to do. */
  error: 2,
  /** Cancelled (Ctrl-C); borg kept a checkpoint when it was backing up. */
  cancelled: 3,
  /** Bad command line or invalid config values. */
  usage: 64,
} as const;

/** Where the CLI writes; tests and the real terminal both provide one. */
export interface Output {
  json: boolean;
  isTTY: boolean;
  out(text: string): void;
  err(text: string): void;
  /** Replaces the current status line on a terminal (progress). */
  status(text: string): void;
}

export function terminalOutput(json: boolean): Output {
  const isTTY = process.stderr.isTTY === true;
  let statusShown = false;
  const clear = () => {
    if (statusShown) process.stderr.write('\r\x1b[2K');
    statusShown = false;
  };
  return {
    json,
    isTTY,
    out: (text) => {
      clear();
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    err: (text) => {
      clear();
      process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    status: (text) => {
      if (!isTTY) return;
      const width = Math.max(20, (process.stderr.columns ?? 80) - 1);
      process.stderr.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      statusShown = text.length > 0;
    },
  };
}

/** A plain aligned table for terminals. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
