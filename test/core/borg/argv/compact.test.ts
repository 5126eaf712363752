import { describe, expect, it } from 'vitest';
import { compactArgs } from '../../../../electron/core/borg/argv/compact.js';

describe('compactArgs', () => {
  it('compacts with progress and a threshold', () => {
    expect(compactArgs()).toEqual(['compact', '--log-json']);
    expect(compactArgs({ progress: true, threshold: 5, lockWait: 9 })).toEqual(['compact', '--log-json', '--progress', '--threshold', '5', '--lock-wait', '9']);
  });

  it('asks for the INFO lines that say how much space was freed', () => {
    expect(compactArgs({ progress: true, verbose: true, lockWait: 60 })).toEqual(['compact', '--log-json', '--progress', '--info', '--lock-wait', '60']);
  });
});
