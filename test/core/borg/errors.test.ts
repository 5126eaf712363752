import { describe, expect, it } from 'vitest';
import { BorgError, errorCodeForMsgid, errorFromRun, type BorgErrorCode } from '../../../electron/core/borg/errors.js';
import type { BorgMessage } from '../../../electron/core/borg/types.js';

const error = (message: string, msgid?: string): BorgMessage => ({ level: 'error', message, msgid, time: 1795288683.4 });
const run = (messages: BorgMessage[], rawLines: string[] = [], exitCode: number | null = 2, signal: NodeJS.Signals | null = null) =>
  errorFromRun(exitCode, signal, messages, rawLines, 'BORG_REPO=/r borg list --log-json --json', { repository: 'usb-disk' });

describe('errorCodeForMsgid', () => {
  const cases: Array<[string, BorgErrorCode]> = [
    ['PassphraseWrong', 'passphrase-wrong'],
    ['NoPassphraseFailure', 'no-passphrase'],
    ['PasscommandFailure', 'no-passphrase'],
    ['Repository.DoesNotExist', 'repository-not-found'],
    ['Repository.InvalidRepository', 'not-a-repository'],
    ['InvalidRepository', 'not-a-repository'],
    ['Repository.AlreadyExists', 'repository-exists'],
    ['Repository.PathAlreadyExists', 'repository-exists'],
    ['Repository.ParentPathDoesNotExist', 'parent-missing'],
    ['NoManifestError', 'no-manifest'],
    ['Repository.StorageQuotaExceeded', 'quota-exceeded'],
    ['StorageQuotaExceeded', 'quota-exceeded'],
    ['LockTimeout', 'lock-timeout'],
    ['ConnectionClosed', 'connection-closed'],
    ['ConnectionClosedWithHint', 'host-key-or-auth'],
    ['PathNotAllowed', 'path-not-allowed'],
    ['Archive.DoesNotExist', 'archive-not-found'],
    ['Archive.AlreadyExists', 'archive-exists'],
    ['Cache.RepositoryAccessAborted', 'relocated-repository'],
    ['Cache.CacheInitAbortedError', 'unknown-unencrypted'],
    ['IntegrityError', 'integrity'],
    ['Repository.ObjectNotFound', 'integrity'],
    ['KeyfileNotFoundError', 'keyfile-missing'],
    ['KeyfileMismatchError', 'keyfile-missing'],
  ];
  it.each(cases)('maps %s to %s', (msgid, code) => {
    expect(errorCodeForMsgid(msgid)).toBe(code);
  });

  it('knows nothing of the generic Exception or unseen classes', () => {
    expect(errorCodeForMsgid('Exception')).toBeUndefined();
    expect(errorCodeForMsgid('Some.NewError')).toBeUndefined();
  });
});

describe('errorFromRun', () => {
  it('gives a wrong passphrase a sentence, advice naming the repository, and borg text as detail', () => {
    const result = run([error('passphrase supplied in BORG_PASSPHRASE, by BORG_PASSCOMMAND or via BORG_PASSPHRASE_FD is incorrect.', 'PassphraseWrong')]);
    expect(result).toBeInstanceOf(BorgError);
    expect(result.code).toBe('passphrase-wrong');
    expect(result.msgid).toBe('PassphraseWrong');
    expect(result.exitCode).toBe(2);
    expect(result.summary).toBe('The passphrase for this repository is wrong.');
    expect(result.hint).toBe('Update it in Cairn (cairn repos passphrase usb-disk) or check the passphrase command.');
    expect(result.message).toBe(`${result.summary} ${result.hint}`);
    expect(result.detail).toContain('is incorrect');
    expect(result.command).toBe('BORG_REPO=/r borg list --log-json --json');
  });

  it('maps the captured repository errors', () => {
    expect(run([error('Repository /tmp/borgx/nonexist does not exist.', 'Repository.DoesNotExist')]).code).toBe('repository-not-found');
    expect(run([error('/tmp/borgx/data is not a valid repository. Check repo config.', 'InvalidRepository')]).code).toBe('not-a-repository');
    expect(run([error('Failed to create/acquire the lock /tmp/borgx/r1/lock.exclusive (timeout).', 'LockTimeout')]).code).toBe('lock-timeout');
    expect(run([error('Archive nope does not exist', 'Archive.DoesNotExist')]).code).toBe('archive-not-found');
    expect(run([error('Repository access aborted', 'Cache.RepositoryAccessAborted')]).code).toBe('relocated-repository');
    expect(run([error('Connection closed by remote host. Is borg working on the server?', 'ConnectionClosedWithHint')]).code).toBe('host-key-or-auth');
  });

  it('skips a generic Exception to find a later typed error', () => {
    expect(run([error('Local Exception', 'Exception'), error('Traceback …'), error('Repository has no manifest.', 'NoManifestError')]).code).toBe('no-manifest');
  });

  it('recognises a full disk in a traceback or a raw line, before anything else', () => {
    const traceback = error('Traceback (most recent call last):\n  …\nOSError: [Errno 28] No space left on device');
    const full = run([error('Local Exception', 'Exception'), traceback]);
    expect(full.code).toBe('disk-full');
    expect(full.detail).toContain('No space left on device');
    expect(run([], ['OSError: [Errno 28] something'], 2).code).toBe('disk-full');
  });

  it('reports argparse errors in raw stderr as a usage error with the error line as detail', () => {
    const result = run([], ['usage: borg create [-h] [--critical] …', 'borg create: error: unrecognized arguments: --bogus']);
    expect(result.code).toBe('usage');
    expect(result.detail).toBe('borg create: error: unrecognized arguments: --bogus');
    expect(run([], ['Invalid placeholder "nope" in string: {nope}']).code).toBe('usage');
  });

  it('reports Ctrl-C, signals and 128+N exit codes as interrupted', () => {
    expect(run([error('Got Ctrl-C / SIGINT.')]).code).toBe('interrupted');
    const killed = run([], [], null, 'SIGKILL');
    expect(killed.code).toBe('interrupted');
    expect(killed.detail).toContain('SIGKILL');
    expect(run([error('Got Signal.SIGTERM', 'Signal.SIGTERM')], [], 143).code).toBe('interrupted');
  });

  it('falls back to unknown, keeping borg errors or the last raw lines as detail', () => {
    const traced = run([error('Local Exception', 'Exception'), error('Traceback: ValueError')]);
    expect(traced.code).toBe('unknown');
    expect(traced.msgid).toBe('Exception');
    expect(traced.detail).toBe('Local Exception\nTraceback: ValueError');
    expect(run([], ["No option 'bogus_key' in section: 'repository'"]).detail).toBe("No option 'bogus_key' in section: 'repository'");
    expect(run([], [], 2).detail).toBe('borg exited with code 2');
  });

  it('uses a placeholder when the repository has no name', () => {
    const result = errorFromRun(2, null, [error('x', 'PassphraseWrong')], [], 'borg list');
    expect(result.hint).toContain('cairn repos passphrase <repository>');
  });
});

describe('BorgError', () => {
  it('takes its sentence and advice from the code unless given', () => {
    const missing = new BorgError({ code: 'borg-missing' });
    expect(missing.message).toMatch(/could not find borg/);
    expect(missing.hint).toMatch(/apt install borgbackup/);
    expect(missing.hint).toMatch(/brew install borgbackup/);
    expect(missing.exitCode).toBeNull();
    const custom = new BorgError({ code: 'usage', summary: 'Custom.', hint: 'Do this.' });
    expect(custom.message).toBe('Custom. Do this.');
    expect(custom.name).toBe('BorgError');
  });
});

describe('errorFromRun on what ssh said', () => {
  const warning = (message: string): BorgMessage => ({ level: 'warning', message, time: 1795288683.4 });
  const hinted = error('Connection closed by remote host. Is borg working on the server?', 'ConnectionClosedWithHint');

  it('tells an unreachable server from a refused login', () => {
    expect(run([warning('Remote: ssh: connect to host 127.0.0.1 port 1: Connection refused'), hinted]).code).toBe('host-unreachable');
    expect(run([warning('Remote: ssh: Could not resolve hostname nas.local: Name or service not known'), hinted]).code).toBe('host-unreachable');
  });

  it('says a changed or unknown host key was refused', () => {
    expect(run([warning('Remote: @       WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @'), hinted]).code).toBe('host-key-changed');
    expect(run([warning('Remote: Host key verification failed.'), hinted]).code).toBe('host-key-changed');
  });

  it('says the server refused the key', () => {
    expect(run([warning('Remote: root@127.0.0.1: Permission denied (publickey).'), hinted]).code).toBe('ssh-auth-failed');
  });

  it('falls back to borg’s own hint when ssh said nothing', () => {
    expect(run([hinted]).code).toBe('host-key-or-auth');
  });
});
