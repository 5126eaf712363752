import { useState } from 'react';
import { cairn, describeError } from '../../../bridge';
import { PassphraseFields, passphraseProblem, type PassphraseValue } from '../../../components/passphrase-fields';

/**
 * Stores a repository's passphrase in the keychain (typed twice). The core first checks that it
 * opens the repository, so a typo can't lock the backups out.
 */
export function PassphraseChange({ repositoryId }: { repositoryId: string }) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<PassphraseValue>({ passphrase: '', repeat: '' });
  const [showProblems, setShowProblems] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState(false);

  const submit = async () => {
    if (passphraseProblem(value, true)) {
      setShowProblems(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const result = await cairn().invoke('repositories.setPassphrase', { repositoryId, passphrase: value.passphrase });
      if (result.ok) {
        setDone(true);
        setOpen(false);
        setValue({ passphrase: '', repeat: '' });
        setShowProblems(false);
      } else {
        setError(result.errors[0]?.message ?? result.message);
      }
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="maintenance-item">
      <h4>Passphrase in the keychain</h4>
      <p className="help">
        Type the repository’s current passphrase when the keychain lost it or it was changed elsewhere (<code>borg key change-passphrase</code>). Cairn checks that it
        opens the repository before storing it.
      </p>
      {open ? (
        <div className="inline-panel">
          <PassphraseFields value={value} onChange={setValue} error={error} showProblems={showProblems} label="Passphrase of the repository" />
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
              {busy ? 'Checking…' : 'Store in keychain'}
            </button>
            <button type="button" disabled={busy} onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              setOpen(true);
              setDone(false);
            }}
          >
            Change passphrase in keychain…
          </button>
        </div>
      )}
      <p role="status" aria-live="polite" className="maintenance-result">
        {done && <span className="saved">✓ The keychain now holds the new passphrase.</span>}
      </p>
    </div>
  );
}
