import { useState } from 'react';
import type { EncryptionMode } from '../../../../electron/core/config/schema';
import { cairn } from '../../../bridge';
import { useAction } from '../../../hooks/use-invoke';

type Format = 'file' | 'paper' | 'qr-html';

/** Exports the repository's key (a file, text to print, or a printable QR page): without it, damaged key data means lost backups. */
export function ExportKey({ repositoryId, encryption }: { repositoryId: string; encryption: EncryptionMode }) {
  const action = useAction();
  const [result, setResult] = useState<{ kind: 'saved'; path: string } | { kind: 'paper'; text: string } | null>(null);
  const run = (format: Format) =>
    void action.run(async () => {
      setResult(null);
      const answer = await cairn().invoke('repositories.exportKey', { repositoryId, format });
      if (answer.kind !== 'cancelled') setResult(answer);
    });
  const keyfile = encryption.startsWith('keyfile');
  return (
    <div className="maintenance-item">
      <h4>Key</h4>
      <p className="help">
        {keyfile
          ? 'The key is only on this computer: without a copy, the backups are lost together with the computer. Export it and keep it somewhere safe.'
          : 'The key is inside the repository. A copy kept apart (on paper, say) saves the backups if that part of the repository is ever damaged. It is still protected by the passphrase.'}
      </p>
      <div className="actions">
        <button type="button" disabled={action.busy} onClick={() => run('file')}>
          Export key…
        </button>
        <button type="button" disabled={action.busy} onClick={() => run('paper')}>
          Show key for paper
        </button>
        <button type="button" disabled={action.busy} onClick={() => run('qr-html')}>
          Save as printable QR page…
        </button>
      </div>
      <div role="status" aria-live="polite" className="maintenance-result">
        {action.busy && <span className="muted">Exporting…</span>}
        {result?.kind === 'saved' && (
          <span className="saved">
            ✓ Saved to <code className="wrap">{result.path}</code>
          </span>
        )}
      </div>
      {result?.kind === 'paper' && (
        <div className="paper-key">
          <p>Print this or write it down; borg can type it back in (<code>borg key import --paper</code>).</p>
          <pre className="log key-paper" aria-label="The key for paper">
            {result.text}
          </pre>
          <div className="actions no-print">
            <button type="button" onClick={() => window.print()}>
              Print…
            </button>
            <button type="button" onClick={() => setResult(null)}>
              Hide key
            </button>
          </div>
        </div>
      )}
      {action.error && (
        <p className="notice error" role="alert">
          {action.error}
        </p>
      )}
    </div>
  );
}
