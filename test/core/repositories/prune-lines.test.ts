import { describe, expect, it } from 'vitest';
import { parsePruneLine } from '../../../electron/core/repositories/prune-preview.js';

const id = 'b495b53e219df83911508f0a6f1f62c386e8ed95fe72edc855d440b173faa9f0';

describe('parsePruneLine', () => {
  it('reads the kept archives with their rule, as borg 1.2 logs them', () => {
    expect(parsePruneLine(`Keeping archive (rule: daily #1):        a2                                   Tue, 2024-01-02 10:00:00 [${id}]`)).toEqual({
      name: 'a2',
      id,
      start: '2024-01-02T10:00:00.000Z',
      decision: 'keep',
      rule: 'daily #1',
    });
    // --keep-last is "secondly" inside borg.
    expect(parsePruneLine(`Keeping archive (rule: secondly #3):     a b c                                Tue, 2024-01-02 10:00:00 [${id}]`)).toMatchObject({ name: 'a b c', rule: 'last #3' });
    expect(parsePruneLine(`Keeping checkpoint archive:              x.checkpoint                         Tue, 2024-01-02 10:00:00 [${id}]`)).toMatchObject({ decision: 'keep', rule: 'checkpoint' });
  });

  it('reads pruned archives (dry run or not) and ignores anything else', () => {
    expect(parsePruneLine(`Would prune:                             a1                                   Mon, 2024-01-01 10:00:00 [${id}]`)).toEqual({
      name: 'a1',
      id,
      start: '2024-01-01T10:00:00.000Z',
      decision: 'prune',
      rule: null,
    });
    expect(parsePruneLine(`Pruning archive (1/4):                   a1                                   Mon, 2024-01-01 10:00:00 [${id}]`)).toMatchObject({ decision: 'prune' });
    expect(parsePruneLine('Pruning archives  50%')).toBeNull();
  });
});
