import { describe, expect, it } from 'vitest';
import { extractArgs } from '../../../../electron/core/borg/argv/extract.js';

describe('extractArgs', () => {
  it('extracts a whole archive', () => {
    expect(extractArgs({ archive: 'a1' })).toEqual(['extract', '--log-json', '--', '::a1']);
  });

  it('extracts some paths with every option', () => {
    expect(
      extractArgs({ archive: 'a1', paths: ['home/me/a.txt', 'sh:home/**/*.md'], patternsFile: '/tmp/p.lst', stripComponents: 2, dryRun: true, list: true, progress: true, lockWait: 4 }),
    ).toEqual([
      'extract', '--log-json', '--dry-run', '--list', '--progress', '--strip-components', '2', '--patterns-from', '/tmp/p.lst',
      '--lock-wait', '4', '--', '::a1', 'home/me/a.txt', 'sh:home/**/*.md',
    ]);
  });

  it('refuses a negative strip count', () => {
    expect(() => extractArgs({ archive: 'a1', stripComponents: -1 })).toThrow(RangeError);
  });
});
