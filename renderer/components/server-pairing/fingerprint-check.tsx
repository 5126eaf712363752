import { verifyCommand, type HostKeySeen } from './model';
import { StepHeading } from './step-heading';

/**
 * Second screen: the server's host key fingerprint exactly as `ssh` shows it, and how to check it
 * on the server. A key that differs from the pinned one is a loud stop, never a question.
 */
export function FingerprintCheck({
  host,
  hostKey,
  onConfirm,
  onBack,
  onCancel,
}: {
  host: string;
  hostKey: HostKeySeen;
  onConfirm: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const command = verifyCommand(hostKey.keyType);
  if (hostKey.status === 'changed') {
    return (
      <section>
        <StepHeading>Warning: this server's identity has changed</StepHeading>
        <div className="notice error" role="alert">
          <p>
            <strong>Cairn will not connect.</strong> When you paired with {host} before, it identified itself with{' '}
            {hostKey.pinnedFingerprints.map((fingerprint) => (
              <code key={fingerprint} className="fingerprint-inline">{fingerprint}</code>
            ))}
            . Now it shows:
          </p>
          <p className="fingerprint">
            <code>{hostKey.fingerprint}</code>
          </p>
          <p>
            Someone could be intercepting the connection to steal your backups or your password. If the server was
            reinstalled, ask whoever runs it to check the new fingerprint with <code>{command}</code> before anything else.
          </p>
        </div>
        <div className="actions">
          <button type="button" onClick={onBack}>
            Back
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </section>
    );
  }
  return (
    <section>
      <StepHeading>Is this your server?</StepHeading>
      {hostKey.status === 'pinned' ? (
        <div className="notice ok">
          <p>Cairn already knows {host}: it shows the same identity as when you paired with it before.</p>
        </div>
      ) : (
        <p>
          {host} identifies itself with this {hostKey.keyType} key. Check that it is really your server, so nobody in
          between can pose as it.
        </p>
      )}
      <p className="fingerprint" aria-label="Host key fingerprint">
        <code>{hostKey.fingerprint}</code>
      </p>
      {hostKey.status === 'unknown' && (
        <>
          <p>On the server (or ask whoever runs it), run:</p>
          <pre className="log">{command}</pre>
          <p className="muted">
            The part starting with <code>SHA256:</code> must be exactly the one above. It is also what <code>ssh</code> shows the
            first time you connect.
          </p>
        </>
      )}
      <div className="actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={onConfirm}>
          {hostKey.status === 'pinned' ? 'Continue' : 'It matches: continue'}
        </button>
      </div>
    </section>
  );
}
