import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../electron/core/config/errors.js';
import { findJsonSyntaxError, parseJsonFile } from '../../../electron/core/config/json-syntax.js';
import { sampleFile } from './fixtures.js';

function accepts(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('findJsonSyntaxError', () => {
  it('locates common mistakes by line and column', () => {
    expect(findJsonSyntaxError('{\n  "a": 1,\n}')).toMatchObject({ line: 3, column: 1, problem: 'expected a property name in double quotes, found "}"' });
    expect(findJsonSyntaxError('{\n  "a": [1 2]\n}')).toMatchObject({ line: 2, column: 11, problem: 'expected "," or "]", found "2"' });
    expect(findJsonSyntaxError("{ 'a': 1 }")).toMatchObject({ line: 1, column: 3 });
    expect(findJsonSyntaxError('{"a": "x')).toMatchObject({ line: 1, column: 7, problem: 'unterminated string' });
    expect(findJsonSyntaxError('')).toMatchObject({ line: 1, column: 1, problem: 'expected a value, found the end of the file' });
    expect(findJsonSyntaxError('{} {}')).toMatchObject({ column: 4, problem: 'unexpected "{" after the end of the JSON value' });
  });

  it('agrees with JSON.parse on every one-character deletion and insertion of a real config', () => {
    const text = JSON.stringify({ ...sampleFile(), extra: [-0.5e3, true, false, null, 'é\\n\u0001'] }, null, 2);
    const variants = new Set<string>([text]);
    for (let i = 0; i < text.length; i++) {
      variants.add(text.slice(0, i) + text.slice(i + 1));
      for (const c of ['"', ',', '}', ']', '0', '-', '\\', '\n', 'x']) variants.add(text.slice(0, i) + c + text.slice(i));
    }
    const disagreements = [...variants].filter((v) => accepts(v) !== (findJsonSyntaxError(v) === null));
    expect(disagreements).toEqual([]);
  });
});

describe('parseJsonFile', () => {
  it('throws a ConfigError whose issue names the line and column', () => {
    const error: unknown = (() => {
      try {
        return parseJsonFile('{\n  "version": 1\n  "jobs": []\n}');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([{ path: '', message: 'line 3, column 3: expected "," or "}", found "\\""' }]);
  });

  it('accepts a file that starts with a byte order mark', () => {
    expect(parseJsonFile('\uFEFF{"version": 1}')).toEqual({ version: 1 });
  });
});
