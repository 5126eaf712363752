import { describe, expect, it } from 'vitest';
import { archiveRef, lockWaitArgs } from '../../../../electron/core/borg/argv/common.js';

describe('common', () => {
  it('adds --lock-wait only when a wait is set', () => {
    expect(lockWaitArgs(undefined)).toEqual([]);
    expect(lockWaitArgs(60)).toEqual(['--lock-wait', '60']);
    expect(() => lockWaitArgs(1.5)).toThrow(RangeError);
  });

  it('addresses an archive as ::NAME and refuses names that would change the repository', () => {
    expect(archiveRef('laptop-2024')).toBe('::laptop-2024');
    expect(() => archiveRef('')).toThrow(RangeError);
    expect(() => archiveRef('a::b')).toThrow(RangeError);
    expect(() => archiveRef('a/b')).toThrow(RangeError);
  });
});
