import { describe, expect, it } from 'vitest';
import { deleteArgs } from '../../../../electron/core/borg/argv/delete.js';

describe('deleteArgs', () => {
  it('deletes one archive by name', () => {
    expect(deleteArgs({ archive: 'a1' })).toEqual(['delete', '--log-json', '--', '::a1']);
  });

  it('deletes the archives matching a glob with :: as the repository', () => {
    expect(deleteArgs({ glob: '*.checkpoint', list: true, stats: true, lockWait: 30 })).toEqual([
      'delete', '--log-json', '--list', '--stats', '-a', '*.checkpoint', '--lock-wait', '30', '--', '::',
    ]);
  });

  it('refuses to build a delete that names no archive (that would destroy the repository)', () => {
    expect(() => deleteArgs({ archive: undefined, glob: undefined } as never)).toThrow(RangeError);
  });
});
