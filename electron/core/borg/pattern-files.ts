import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes lines to `dir/fileName` (mode 0600) for `--patterns-from` / `--exclude-from`; returns the path. */
async function writeLinesFile(dir: string, fileName: string, lines: readonly string[]): Promise<string> {
  for (const line of lines) {
    // One entry per line: a line break inside an entry would smuggle in another pattern.
    if (/[\r\n]/.test(line)) throw new RangeError(`a pattern must not contain a line break: ${JSON.stringify(line)}`);
  }
  const path = join(dir, fileName);
  await writeFile(path, lines.map((line) => `${line}\n`).join(''), { mode: 0o600 });
  await chmod(path, 0o600); // mode above applies only when the file is new
  return path;
}

/** A borg patterns file (`R root`, `P sh`, `+ path`, `- path`, `! path`) for `--patterns-from`. */
export function writePatternsFile(dir: string, lines: readonly string[], fileName = 'patterns.lst'): Promise<string> {
  return writeLinesFile(dir, fileName, lines);
}

/** A borg exclude file (one `sh:`-style pattern per line) for `--exclude-from`. */
export function writeExcludeFile(dir: string, patterns: readonly string[], fileName = 'excludes.lst'): Promise<string> {
  return writeLinesFile(dir, fileName, patterns);
}
