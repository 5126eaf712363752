/** Why pairing with a server (or editing authorized_keys) failed, so callers can react per case. */
export type SshErrorCode =
  | 'invalid-input'
  | 'host-unreachable'
  | 'auth-failed'
  | 'key-unreadable'
  | 'host-key-rejected'
  | 'host-key-mismatch'
  | 'borg-missing'
  | 'borg-too-old'
  | 'path-not-writable'
  | 'authorized-keys-unwritable'
  | 'key-authorized-differently'
  | 'remote-command-failed'
  | 'interrupted';

/** A typed ssh/pairing failure: `message` says what happened, `hint` what the user can do. */
export class SshError extends Error {
  override readonly name = 'SshError';
  readonly code: SshErrorCode;
  readonly hint: string | undefined;

  constructor(code: SshErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

/** The server offered a host key other than the pinned one: refused, never replaced silently. */
export class HostKeyMismatchError extends SshError {
  readonly offeredFingerprint: string;
  readonly pinnedFingerprints: readonly string[];

  constructor(target: string, offeredFingerprint: string, pinnedFingerprints: readonly string[]) {
    super(
      'host-key-mismatch',
      `The host key of ${target} has changed: it now offers ${offeredFingerprint}, but Cairn pinned ${pinnedFingerprints.join(', ')}. ` +
        'Someone could be intercepting the connection; Cairn refused to connect.',
      {
        hint:
          'If the server was reinstalled or its keys were regenerated, check the new fingerprint on the server ' +
          '(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and re-pin it explicitly.',
      },
    );
    this.offeredFingerprint = offeredFingerprint;
    this.pinnedFingerprints = pinnedFingerprints;
  }
}
