import { describe, expect, it } from 'vitest';
import { diffArgs } from '../../../../electron/core/borg/argv/diff.js';

describe('diffArgs', () => {
  it('compares two archives as JSON lines, the second named without `::`', () => {
    expect(diffArgs({ archive: 'a1', other: 'a2' })).toEqual(['diff', '--log-json', '--json-lines', '--', '::a1', 'a2']);
    expect(diffArgs({ archive: 'a1', other: 'a2', contentOnly: true, lockWait: 30, paths: ['home/ann'] })).toEqual([
      'diff', '--log-json', '--json-lines', '--content-only', '--lock-wait', '30', '--', '::a1', 'a2', 'home/ann',
    ]);
  });

  it('refuses archive names borg would read as something else', () => {
    expect(() => diffArgs({ archive: 'a1', other: 'x::y' })).toThrow(RangeError);
    expect(() => diffArgs({ archive: '', other: 'a2' })).toThrow(RangeError);
  });
});
