import { useEffect, useState } from 'react';
import { AsyncView } from '../../components/async-view';
import { useInvoke } from '../../hooks/use-invoke';
import { StepFrame } from './step-frame';

/** Step 1: is borg installed (and which version), and can Cairn keep passphrases in the keychain? */
export function StepBorg({ onNext }: { onNext: (keychainAvailable: boolean) => void }) {
  const system = useInvoke('system.info', {});
  const found = system.status === 'ready' && system.data.borg.found;
  const [checking, setChecking] = useState(false);
  const data = system.status === 'ready' ? system.data : null;
  useEffect(() => setChecking(false), [data]);
  return (
    <StepFrame
      title="Welcome to Cairn"
      intro={<p>Cairn backs up your folders with BorgBackup: compressed, deduplicated and encrypted. First, let's check this computer has what it needs.</p>}
      next={{
        label: 'Next',
        disabled: !found,
        onClick: () => system.status === 'ready' && onNext(system.data.keychain.available),
      }}
    >
      <AsyncView value={system} retry={system.reload}>
        {(info) => (
          <div aria-live="polite">
            {info.borg.found ? (
              <div className="notice ok">
                <p>
                  <strong>BorgBackup {info.borg.version}</strong> is installed <span className="muted">({info.borg.path})</span>.
                </p>
              </div>
            ) : (
              <div className="notice error" role="alert">
                <p>
                  <strong>BorgBackup was not found.</strong> {info.borg.message}
                </p>
                <p>{info.borg.hint}</p>
                <p className="muted">Install it, then check again. Cairn needs borg 1.2.</p>
              </div>
            )}
            {info.keychain.available ? (
              <div className="notice ok">
                <p>The system keychain is available: Cairn keeps your repository passphrases there, never in its files.</p>
              </div>
            ) : (
              <div className="notice warning">
                <p>
                  <strong>The system keychain is not available.</strong> {info.keychain.message}
                </p>
                <p>Cairn keeps passphrases only there, so it can't create or open an encrypted repository until the keychain works.</p>
              </div>
            )}
            <div className="actions">
              <button
                type="button"
                disabled={checking}
                onClick={() => {
                  setChecking(true);
                  system.reload();
                }}
              >
                {checking ? 'Checking…' : 'Check again'}
              </button>
            </div>
          </div>
        )}
      </AsyncView>
    </StepFrame>
  );
}
