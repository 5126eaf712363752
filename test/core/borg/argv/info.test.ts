import { describe, expect, it } from 'vitest';
import { infoArgs } from '../../../../electron/core/borg/argv/info.js';

describe('infoArgs', () => {
  it('describes the repository when no archive is given', () => {
    expect(infoArgs()).toEqual(['info', '--log-json', '--json']);
  });

  it('describes one archive, or the archives matching a glob', () => {
    expect(infoArgs({ archive: 'a1', lockWait: 2 })).toEqual(['info', '--log-json', '--json', '--lock-wait', '2', '--', '::a1']);
    expect(infoArgs({ glob: 'x-*', last: 2 })).toEqual(['info', '--log-json', '--json', '-a', 'x-*', '--last', '2']);
  });
});
