import { describe, expect, it } from 'vitest';
import { breakLockArgs } from '../../../../electron/core/borg/argv/break-lock.js';

describe('breakLockArgs', () => {
  it('breaks the lock of BORG_REPO', () => {
    expect(breakLockArgs()).toEqual(['break-lock', '--log-json']);
  });
});
