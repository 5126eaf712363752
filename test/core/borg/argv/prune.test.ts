import { describe, expect, it } from 'vitest';
import { pruneArgs } from '../../../../electron/core/borg/argv/prune.js';

describe('pruneArgs', () => {
  it('turns every keep rule into its flag and leaves counts of 0 out', () => {
    expect(
      pruneArgs({ keep: { within: '2d', last: 1, hourly: 24, daily: 7, weekly: 4, monthly: 6, yearly: 0 }, glob: 'laptop-*', list: true, lockWait: 60 }),
    ).toEqual([
      'prune', '--log-json', '--list', '--keep-within', '2d', '--keep-last', '1', '--keep-hourly', '24', '--keep-daily', '7',
      '--keep-weekly', '4', '--keep-monthly', '6', '-a', 'laptop-*', '--lock-wait', '60',
    ]);
  });

  it('makes a dry run list what would go', () => {
    expect(pruneArgs({ keep: { daily: 2 }, dryRun: true })).toEqual(['prune', '--log-json', '--dry-run', '--list', '--keep-daily', '2']);
  });

  it('refuses to prune without a rule that keeps something', () => {
    expect(() => pruneArgs({ keep: {} })).toThrow(RangeError);
    expect(() => pruneArgs({ keep: { daily: 0 } })).toThrow(RangeError);
  });
});
