import { describe, expect, it } from 'vitest';
import {
  forcedCommandOf,
  mergeAuthorizedKey,
  parseAuthorizedKeyLine,
  parsePublicKey,
  restrictedLine,
  serveCommand,
  validateQuota,
  validateServerPath,
} from '../../../electron/core/ssh/authorized-keys.js';
import { SshError } from '../../../electron/core/ssh/errors.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx1b3JlbWlwc3VtZG9sb3JzaXRhbWV0Y29uc2VjdGV0dXI cairn@laptop';
const OTHER = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE90aGVyb3RoZXJvdGhlcm90aGVyb3RoZXJvdGhlcm90aGVy alice';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof SshError ? error.code : 'other';
  }
  return undefined;
}

describe('restricted authorized_keys lines', () => {
  it('forces borg serve confined to the path, with append-only and quota when asked', () => {
    const line = restrictedLine(parsePublicKey(KEY), { path: '/srv/borg/laptop/', appendOnly: true, quota: '500G', borgPath: '/usr/bin/borg' });
    expect(line).toBe(
      `command="/usr/bin/borg serve --restrict-to-path /srv/borg/laptop --append-only --storage-quota 500G",restrict ${KEY}`,
    );
    expect(serveCommand({ path: '/srv/my backups', appendOnly: false, environment: { BORG_BASE_DIR: '/var/lib/borg home' } })).toBe(
      "BORG_BASE_DIR='/var/lib/borg home' borg serve --restrict-to-path '/srv/my backups'",
    );
  });

  it('refuses paths and quotas that could escape the forced command', () => {
    for (const path of ['relative/dir', '/srv/a"b', "/srv/a'b", '/srv/a\nb', '/srv/$(id)', '/srv/a\\b', '/srv/../etc']) {
      expect(code(() => validateServerPath(path)), path).toBe('invalid-input');
    }
    for (const quota of ['500G"', '1G --x', '', '-5G', '5Q']) expect(code(() => validateQuota(quota)), quota).toBe('invalid-input');
    expect(validateQuota('1.5T')).toBe('1.5T');
    expect(code(() => parsePublicKey('not a key'))).toBe('invalid-input');
  });

  it('parses options with quoted spaces and reads the forced command back', () => {
    const parsed = parseAuthorizedKeyLine(`command="borg serve --restrict-to-path '/a b'",restrict ${KEY}`);
    expect(parsed?.key.comment).toBe('cairn@laptop');
    expect(forcedCommandOf(parsed?.options ?? '')).toBe("borg serve --restrict-to-path '/a b'");
    expect(parseAuthorizedKeyLine('# a comment')).toBeNull();
    expect(parseAuthorizedKeyLine('garbage line here')).toBeNull();
  });
});

describe('mergeAuthorizedKey', () => {
  const line = restrictedLine(parsePublicKey(KEY), { path: '/srv/borg', appendOnly: true });

  it('appends once and keeps every existing byte, even without a final newline', () => {
    const existing = `# managed by hand\nfrom="10.0.0.1",no-pty ${OTHER}\n\u00ff odd line\n${OTHER.replace('alice', 'bob')}`;
    const first = mergeAuthorizedKey(existing, line);
    expect(first.changed).toBe(true);
    expect(first.text).toBe(`${existing}\n${line}\n`);
    const second = mergeAuthorizedKey(first.text, line);
    expect(second).toEqual({ text: first.text, changed: false });
  });

  it('refuses to add the same key with other restrictions instead of editing the existing line', () => {
    const looser = restrictedLine(parsePublicKey(KEY), { path: '/srv/borg', appendOnly: false });
    expect(code(() => mergeAuthorizedKey(`${line}\n`, looser))).toBe('key-authorized-differently');
    expect(code(() => mergeAuthorizedKey(`${KEY}\n`, line))).toBe('key-authorized-differently');
  });
});
