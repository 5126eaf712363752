import { describe, expect, it } from 'vitest';
import { createArgs } from '../../../../electron/core/borg/argv/create.js';
import { breakLockArgs } from '../../../../electron/core/borg/argv/break-lock.js';
import { checkArgs } from '../../../../electron/core/borg/argv/check.js';
import { archiveRef, lockWaitArgs } from '../../../../electron/core/borg/argv/common.js';
import { compactArgs } from '../../../../electron/core/borg/argv/compact.js';
import { deleteArgs } from '../../../../electron/core/borg/argv/delete.js';
import { extractArgs } from '../../../../electron/core/borg/argv/extract.js';
import { infoArgs } from '../../../../electron/core/borg/argv/info.js';
import { initArgs } from '../../../../electron/core/borg/argv/init.js';
import { keyExportArgs } from '../../../../electron/core/borg/argv/key-export.js';
import { listArchivesArgs, listItemsArgs } from '../../../../electron/core/borg/argv/list.js';
import { mountArgs, umountArgs } from '../../../../electron/core/borg/argv/mount.js';
import { pruneArgs } from '../../../../electron/core/borg/argv/prune.js';

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

describe('createArgs', () => {
  it('builds a minimal create with the archive after -- and the paths after it', () => {
    expect(createArgs({ archiveName: 'a1', paths: ['/home/me/Documents', 'rel'] })).toEqual([
      'create', '--log-json', '--', '::a1', '/home/me/Documents', 'rel',
    ]);
  });

  it('includes every option in a fixed order, extra args right before the archive', () => {
    expect(
      createArgs({
        archiveName: 'host-job-2024',
        paths: [],
        patternsFile: '/tmp/run/patterns.lst',
        excludeFile: '/tmp/run/excludes.lst',
        excludeCaches: true,
        excludeIfPresent: ['.nobackup', '.cairn-skip'],
        oneFileSystem: true,
        compression: 'auto,zstd,6',
        progress: true,
        list: true,
        json: true,
        checkpointInterval: 300,
        extraArgs: ['--comment', 'hello world', '--files-cache=ctime,size'],
        lockWait: 60,
      }),
    ).toEqual([
      'create', '--log-json', '--progress', '--json', '--list', '--filter=AME', '--compression', 'auto,zstd,6',
      '--exclude-caches', '--exclude-if-present', '.nobackup', '--exclude-if-present', '.cairn-skip', '--one-file-system',
      '--patterns-from', '/tmp/run/patterns.lst', '--exclude-from', '/tmp/run/excludes.lst', '--checkpoint-interval', '300',
      '--lock-wait', '60', '--comment', 'hello world', '--files-cache=ctime,size', '--', '::host-job-2024',
    ]);
  });

  it('leaves false flags out', () => {
    expect(createArgs({ archiveName: 'a', paths: ['x'], excludeCaches: false, oneFileSystem: false, progress: false, list: false, json: false })).toEqual([
      'create', '--log-json', '--', '::a', 'x',
    ]);
  });

  it('refuses a create with neither paths nor a patterns file', () => {
    expect(() => createArgs({ archiveName: 'a', paths: [] })).toThrow(RangeError);
  });
});

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

describe('infoArgs', () => {
  it('describes the repository when no archive is given', () => {
    expect(infoArgs()).toEqual(['info', '--log-json', '--json']);
  });

  it('describes one archive, or the archives matching a glob', () => {
    expect(infoArgs({ archive: 'a1', lockWait: 2 })).toEqual(['info', '--log-json', '--json', '--lock-wait', '2', '--', '::a1']);
    expect(infoArgs({ glob: 'x-*', last: 2 })).toEqual(['info', '--log-json', '--json', '-a', 'x-*', '--last', '2']);
  });
});

describe('deleteArgs', () => {
  it('deletes one archive by name', () => {
    expect(deleteArgs({ archive: 'a1' })).toEqual(['delete', '--log-json', '--', '::a1']);
  });

  it('deletes the archives matching a glob with :: as the repository', () => {
    expect(deleteArgs({ glob: '*.checkpoint', list: true, stats: true, lockWait: 30 })).toEqual([
      'delete', '--log-json', '--list', '--stats', '-a', '*.checkpoint', '--lock-wait', '30', '--', '::',
    ]);
  });

  it('refuses to build a delete that names no archive (that would destroy the repository)', () => {
    expect(() => deleteArgs({ archive: undefined, glob: undefined } as never)).toThrow(RangeError);
  });
});

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

describe('compactArgs', () => {
  it('compacts with progress and a threshold', () => {
    expect(compactArgs()).toEqual(['compact', '--log-json']);
    expect(compactArgs({ progress: true, threshold: 5, lockWait: 9 })).toEqual(['compact', '--log-json', '--progress', '--threshold', '5', '--lock-wait', '9']);
  });
});

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

describe('keyExportArgs', () => {
  it('exports to a file, as paper or as a QR page, with :: standing for the repository', () => {
    expect(keyExportArgs({ file: '/tmp/key.txt' })).toEqual(['key', 'export', '--log-json', '--', '::', '/tmp/key.txt']);
    expect(keyExportArgs({ file: '/tmp/key.txt', format: 'paper' })).toEqual(['key', 'export', '--log-json', '--paper', '--', '::', '/tmp/key.txt']);
    expect(keyExportArgs({ file: '/tmp/key.html', format: 'qr-html' })).toEqual(['key', 'export', '--log-json', '--qr-html', '--', '::', '/tmp/key.html']);
  });

  it('writes to stdout without a file, except for the QR page', () => {
    expect(keyExportArgs()).toEqual(['key', 'export', '--log-json', '--', '::']);
    expect(() => keyExportArgs({ format: 'qr-html' })).toThrow(RangeError);
  });
});

describe('breakLockArgs', () => {
  it('breaks the lock of BORG_REPO', () => {
    expect(breakLockArgs()).toEqual(['break-lock', '--log-json']);
  });
});

describe('extractArgs', () => {
  it('extracts a whole archive', () => {
    expect(extractArgs({ archive: 'a1' })).toEqual(['extract', '--log-json', '--', '::a1']);
  });

  it('extracts some paths with every option', () => {
    expect(
      extractArgs({ archive: 'a1', paths: ['home/me/a.txt', 'sh:home/**/*.md'], patternsFile: '/tmp/p.lst', stripComponents: 2, dryRun: true, list: true, progress: true, lockWait: 4 }),
    ).toEqual([
      'extract', '--log-json', '--dry-run', '--list', '--progress', '--strip-components', '2', '--patterns-from', '/tmp/p.lst',
      '--lock-wait', '4', '--', '::a1', 'home/me/a.txt', 'sh:home/**/*.md',
    ]);
  });

  it('refuses a negative strip count', () => {
    expect(() => extractArgs({ archive: 'a1', stripComponents: -1 })).toThrow(RangeError);
  });
});

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
