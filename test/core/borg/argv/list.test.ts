import { describe, expect, it } from 'vitest';
import { listArchivesArgs, listItemsArgs } from '../../../../electron/core/borg/argv/list.js';

describe('listArchivesArgs / listItemsArgs', () => {
  it('lists archives as JSON', () => {
    expect(listArchivesArgs()).toEqual(['list', '--log-json', '--json']);
  });

  it('limits archives by count and glob and can include checkpoints', () => {
    expect(listArchivesArgs({ last: 3, glob: 'laptop-*', considerCheckpoints: true, lockWait: 10 })).toEqual([
      'list', '--log-json', '--json', '--last', '3', '-a', 'laptop-*', '--consider-checkpoints', '--lock-wait', '10',
    ]);
  });

  it('streams the items of one archive as JSON lines, optionally under some paths', () => {
    expect(listItemsArgs({ archive: 'a1' })).toEqual(['list', '--log-json', '--json-lines', '--', '::a1']);
    expect(listItemsArgs({ archive: 'a1', paths: ['home/me/docs', '-odd'], format: '{path}{csize}{NL}', lockWait: 3 })).toEqual([
      'list', '--log-json', '--json-lines', '--format', '{path}{csize}{NL}', '--lock-wait', '3', '--', '::a1', 'home/me/docs', '-odd',
    ]);
  });
});
