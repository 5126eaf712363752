import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a byte or text stream into lines without losing a partial last line between chunks,
 * and without breaking a UTF-8 character split across two chunks.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending: string[] = [];

  /** Feeds one chunk; returns the lines it completed (without `\n` or a trailing `\r`). */
  push(chunk: Buffer | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const parts = text.split('\n');
    if (parts.length === 1) {
      // No line end yet: keep the piece instead of re-concatenating a growing string per chunk.
      if (text.length > 0) this.pending.push(text);
      return [];
    }
    const first = this.pending.join('') + (parts[0] ?? '');
    const last = parts.pop() ?? '';
    parts[0] = first;
    this.pending = last.length > 0 ? [last] : [];
    return parts.map(withoutCarriageReturn);
  }

  /** Ends the stream; returns the last line if it had no `\n`. */
  flush(): string[] {
    const rest = this.pending.join('') + this.decoder.end();
    this.pending = [];
    return rest.length > 0 ? [withoutCarriageReturn(rest)] : [];
  }
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
