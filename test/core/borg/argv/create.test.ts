import { describe, expect, it } from 'vitest';
import { createArgs } from '../../../../electron/core/borg/argv/create.js';

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
