import { describe, expect, it } from 'vitest';
import { initArgs } from '../../../../electron/core/borg/argv/init.js';

describe('initArgs', () => {
  it('needs only the encryption mode', () => {
    expect(initArgs({ encryption: 'repokey-blake2' })).toEqual(['init', '--log-json', '--encryption', 'repokey-blake2']);
  });

  it('adds append-only, quota, parent dirs and lock wait', () => {
    expect(initArgs({ encryption: 'none', appendOnly: true, storageQuota: '10G', makeParentDirs: true, lockWait: 5 })).toEqual([
      'init', '--log-json', '--encryption', 'none', '--append-only', '--storage-quota', '10G', '--make-parent-dirs', '--lock-wait', '5',
    ]);
  });
});
