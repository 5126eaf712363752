import { describe, expect, it } from 'vitest';
import { parseRepositoryUrl } from '../../../electron/core/borg/repository-url.js';

describe('parseRepositoryUrl', () => {
  it('reads local paths, including ones with a colon, and file:// URLs', () => {
    expect(parseRepositoryUrl('/media/usb/borg')).toEqual({ kind: 'local', path: '/media/usb/borg' });
    expect(parseRepositoryUrl('/mnt/disk:1/repo')).toEqual({ kind: 'local', path: '/mnt/disk:1/repo' });
    expect(parseRepositoryUrl('file:///srv/repo')).toEqual({ kind: 'local', path: '/srv/repo' });
  });

  it('reads ssh:// URLs with user, port and path', () => {
    expect(parseRepositoryUrl('ssh://alice@nas.local:2222/srv/borg/alice')).toEqual({ kind: 'ssh', user: 'alice', host: 'nas.local', port: 2222, path: '/srv/borg/alice' });
    expect(parseRepositoryUrl('ssh://nas/./rel')).toEqual({ kind: 'ssh', user: undefined, host: 'nas', port: undefined, path: './rel' });
    expect(parseRepositoryUrl('ssh://u@nas/~/rel')).toEqual({ kind: 'ssh', user: 'u', host: 'nas', port: undefined, path: '~/rel' });
    expect(parseRepositoryUrl('ssh://u@[::1]:22/r')).toEqual({ kind: 'ssh', user: 'u', host: '::1', port: 22, path: '/r' });
  });

  it('reads scp-style locations', () => {
    expect(parseRepositoryUrl('alice@nas:/srv/borg')).toEqual({ kind: 'ssh', user: 'alice', host: 'nas', path: '/srv/borg' });
    expect(parseRepositoryUrl('nas:backups/repo')).toEqual({ kind: 'ssh', user: undefined, host: 'nas', path: 'backups/repo' });
  });
});
