import { ConfigError } from './errors.js';

/** JSON.parse for a file a person may have edited: a syntax error becomes a ConfigError naming line and column. */
export function parseJsonFile(text: string): unknown {
  // Some Windows editors save a byte order mark; JSON.parse rejects it, people never see it.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const found = findJsonSyntaxError(body);
    const message = found ? `line ${found.line}, column ${found.column}: ${found.problem}` : (error as Error).message;
    throw new ConfigError('The file is not valid JSON:', [{ path: '', message }]);
  }
}

/** Where the first syntax error is, since V8's messages often give neither line nor position. */
export function findJsonSyntaxError(text: string): { offset: number; line: number; column: number; problem: string } | null {
  try {
    new JsonChecker(text).document();
    return null;
  } catch (error) {
    if (!(error instanceof SyntaxErrorAt)) throw error;
    const before = text.slice(0, error.offset).split('\n');
    return { offset: error.offset, line: before.length, column: (before.at(-1)?.length ?? 0) + 1, problem: error.problem };
  }
}

class SyntaxErrorAt extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

/** A recursive-descent recognizer of RFC 8259 JSON: builds nothing, only finds the first error. */
class JsonChecker {
  private i = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.space();
    if (this.i < this.text.length) this.fail(`unexpected ${this.found()} after the end of the JSON value`);
  }

  private value(): void {
    this.space();
    const c = this.text[this.i];
    if (c === '{') return this.container('}', () => {
      if (this.text[this.i] !== '"') this.fail(`expected a property name in double quotes, found ${this.found()}`);
      this.string();
      this.space();
      if (this.text[this.i] !== ':') this.fail(`expected ":" after the property name, found ${this.found()}`);
      this.i++;
      this.value();
    });
    if (c === '[') return this.container(']', () => this.value());
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    this.fail(`expected a value, found ${this.found()}`);
  }

  private container(close: '}' | ']', member: () => void): void {
    this.i++;
    this.space();
    if (this.text[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      member();
      this.space();
      const c = this.text[this.i];
      if (c === close) {
        this.i++;
        return;
      }
      if (c !== ',') this.fail(`expected "," or "${close}", found ${this.found()}`);
      this.i++;
      this.space();
    }
  }

  private string(): void {
    const start = this.i++;
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) this.fail('unterminated string', start);
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') {
        const next = this.text[this.i + 1] ?? '';
        if ('"\\/bfnrt'.includes(next) && next !== '') this.i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) this.i += 6;
        else this.fail('invalid escape sequence in a string');
      } else if (c < ' ') {
        this.fail('a line break or control character inside a string (write it as \\n or \\t)');
      } else {
        this.i++;
      }
    }
  }

  private number(): void {
    const match = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    match.lastIndex = this.i;
    const found = match.exec(this.text);
    if (!found) this.fail('invalid number');
    this.i += found[0].length;
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i] ?? '')) this.i++;
  }

  private found(): string {
    const c = this.text[this.i];
    return c === undefined ? 'the end of the file' : JSON.stringify(c);
  }

  private fail(problem: string, at = this.i): never {
    throw new SyntaxErrorAt(at, problem);
  }
}
