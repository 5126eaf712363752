import { describe, expect, it } from 'vitest';
import { checkArgs } from '../../../../electron/core/borg/argv/check.js';

describe('checkArgs', () => {
  it('checks everything by default', () => {
    expect(checkArgs()).toEqual(['check', '--log-json']);
  });

  it('builds repository-only, archives-only with --last, and verify-data checks', () => {
    expect(checkArgs({ scope: 'repository', progress: true })).toEqual(['check', '--log-json', '--progress', '--repository-only']);
    expect(checkArgs({ scope: 'archives', last: 2, lockWait: 60 })).toEqual(['check', '--log-json', '--archives-only', '--last', '2', '--lock-wait', '60']);
    expect(checkArgs({ verifyData: true, progress: true })).toEqual(['check', '--log-json', '--progress', '--verify-data']);
  });

  it('refuses the combinations borg rejects', () => {
    expect(() => checkArgs({ scope: 'repository', verifyData: true })).toThrow(RangeError);
    expect(() => checkArgs({ scope: 'repository', last: 1 })).toThrow(RangeError);
  });
});
