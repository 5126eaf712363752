import { describe, expect, it } from 'vitest';
import { compactArgs } from '../../../../electron/core/borg/argv/compact.js';

describe('compactArgs', () => {
  it('compacts with progress and a threshold', () => {
    expect(compactArgs()).toEqual(['compact', '--log-json']);
    expect(compactArgs({ progress: true, threshold: 5, lockWait: 9 })).toEqual(['compact', '--log-json', '--progress', '--threshold', '5', '--lock-wait', '9']);
  });
});
