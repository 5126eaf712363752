import { describe, expect, it } from 'vitest';
import { mountArgs, umountArgs } from '../../../../electron/core/borg/argv/mount.js';

describe('mountArgs / umountArgs', () => {
  it('mounts the whole repository in the foreground', () => {
    expect(mountArgs({ mountpoint: '/tmp/mnt' })).toEqual(['mount', '--log-json', '-f', '--', '::', '/tmp/mnt']);
  });

  it('mounts one archive with options, or some archives of the repository', () => {
    expect(mountArgs({ mountpoint: '/tmp/mnt', archive: 'a1', mountOptions: ['versions', 'uid=1000'], lockWait: 5 })).toEqual([
      'mount', '--log-json', '-f', '-o', 'versions,uid=1000', '--lock-wait', '5', '--', '::a1', '/tmp/mnt',
    ]);
    expect(mountArgs({ mountpoint: '/m', glob: 'x-*', last: 3 })).toEqual(['mount', '--log-json', '-f', '-a', 'x-*', '--last', '3', '--', '::', '/m']);
  });

  it('unmounts a mountpoint', () => {
    expect(umountArgs('/tmp/mnt')).toEqual(['umount', '--log-json', '--', '/tmp/mnt']);
  });
});
