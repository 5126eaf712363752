import { describe, expect, it } from 'vitest';
import { borgEnvironment } from '../../../electron/core/borg/environment.js';
import type { RepositoryAccess } from '../../../electron/core/borg/types.js';

const base = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/me',
  USER: 'me',
  SSH_AUTH_SOCK: '/run/agent.sock',
  BORG_BASE_DIR: '/home/me/.cairn-borg',
  BORG_PASSPHRASE: 'stray-secret',
  BORG_PASSCOMMAND: 'pass show x',
  AWS_SECRET_ACCESS_KEY: 'nope',
  TZ: 'Asia/Tokyo',
  LANG: 'de_DE.UTF-8',
  XDG_CONFIG_HOME: '',
};
const local: RepositoryAccess = { url: '/media/usb/repo', encryption: 'repokey-blake2', passphrase: 'secret' };

describe('borgEnvironment', () => {
  it('copies only allowlisted variables and sets the fixed ones, for a local encrypted repository', () => {
    expect(borgEnvironment(local, { baseEnv: base })).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/me',
      USER: 'me',
      SSH_AUTH_SOCK: '/run/agent.sock',
      BORG_BASE_DIR: '/home/me/.cairn-borg',
      TZ: 'UTC',
      LANG: 'C.UTF-8',
      BORG_REPO: '/media/usb/repo',
      BORG_PASSPHRASE_FD: '3',
      BORG_RELOCATED_REPO_ACCESS_IS_OK: 'no',
      BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'no',
      BORG_CHECK_I_KNOW_WHAT_I_AM_DOING: 'NO',
      BORG_DELETE_I_KNOW_WHAT_I_AM_DOING: 'NO',
    });
  });

  it('never contains the passphrase, whatever the parent environment holds', () => {
    const env = borgEnvironment(local, { baseEnv: base });
    expect(Object.values(env)).not.toContain('secret');
    expect(env).not.toHaveProperty('BORG_PASSPHRASE');
    expect(env).not.toHaveProperty('BORG_PASSCOMMAND');
  });

  it('accepts an unknown unencrypted repository only when the user chose no encryption, and sets no fd without a passphrase', () => {
    const env = borgEnvironment({ url: '/r', encryption: 'none', passphrase: null }, { baseEnv: base });
    expect(env.BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK).toBe('yes');
    expect(env).not.toHaveProperty('BORG_PASSPHRASE_FD');
  });

  it('sets BORG_RSH for ssh repositories only', () => {
    const ssh = borgEnvironment(
      { url: 'ssh://alice@nas:2222/srv/repo', encryption: 'repokey-blake2', passphrase: 'x', ssh: { keyFile: '/k', knownHostsFile: '/kh' } },
      { baseEnv: base },
    );
    expect(ssh.BORG_RSH).toBe('ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=/kh -i /k -o IdentitiesOnly=yes -o ServerAliveInterval=10 -o ServerAliveCountMax=30');
    expect(borgEnvironment({ url: 'alice@nas:repo', encryption: 'none', passphrase: null }, { baseEnv: base }).BORG_RSH).toMatch(/^ssh -o BatchMode=yes/);
    expect(borgEnvironment(local, { baseEnv: base })).not.toHaveProperty('BORG_RSH');
  });

  it('applies deliberate answers last, but never secrets or another repository', () => {
    expect(borgEnvironment(local, { baseEnv: base, extraEnv: { BORG_RELOCATED_REPO_ACCESS_IS_OK: 'yes' } }).BORG_RELOCATED_REPO_ACCESS_IS_OK).toBe('yes');
    for (const name of ['BORG_PASSPHRASE', 'BORG_PASSCOMMAND', 'BORG_NEW_PASSPHRASE', 'BORG_PASSPHRASE_FD', 'BORG_REPO']) {
      expect(() => borgEnvironment(local, { baseEnv: base, extraEnv: { [name]: 'x' } })).toThrow(RangeError);
    }
  });
});
