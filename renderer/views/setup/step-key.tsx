import { useState } from 'react';
import { cairn } from '../../bridge';
import { useAction } from '../../hooks/use-invoke';
import type { Saved } from './draft';
import { StepFrame } from './step-frame';

type Format = 'file' | 'paper' | 'qr-html';

/**
 * Step 4, right after a new encrypted repository: offer to export its key (a file, a paper key to
 * print, or a printable QR page), and say where it went.
 */
export function StepKey({ repository, onBack, onNext }: { repository: NonNullable<Saved['repository']>; onBack: () => void; onNext: () => void }) {
  const action = useAction();
  const [pending, setPending] = useState<Format | null>(null);
  const [saved, setSaved] = useState<{ format: Format; path: string }[]>([]);
  const [paper, setPaper] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const keyOnlyHere = repository.encryption?.startsWith('keyfile') ?? false;

  const exportKey = (format: Format) => {
    setPending(format);
    setCancelled(false);
    void action
      .run(() => cairn().invoke('repositories.exportKey', { repositoryId: repository.id, format }))
      .then((answer) => {
        setPending(null);
        if (!answer) return;
        if (answer.kind === 'saved') setSaved((list) => [...list.filter((s) => s.path !== answer.path), { format, path: answer.path }]);
        else if (answer.kind === 'paper') setPaper(answer.text);
        else setCancelled(true);
      });
  };
  const done = saved.length > 0 || paper !== null;

  return (
    <StepFrame
      title="Keep a copy of the key"
      intro={
        <>
          <p>
            Your backups can only be read with both the repository's key and your passphrase.{' '}
            {keyOnlyHere
              ? 'This repository keeps its key only on this computer: if the computer is lost, the backups are lost with it unless you have a copy of the key.'
              : 'The key lives inside the repository: if that part of the disk is ever damaged, a copy of the key is the only way back to your files.'}
          </p>
          <p className="muted">Keep the copy somewhere safe, away from the backup disk. It is useless without the passphrase.</p>
        </>
      }
      onBack={onBack}
      next={{ label: done ? 'Next' : 'Skip', onClick: onNext, disabled: action.busy }}
    >
      <div className="actions">
        <button type="button" onClick={() => exportKey('file')} disabled={action.busy}>
          {pending === 'file' ? 'Saving…' : 'Save key file…'}
        </button>
        <button type="button" onClick={() => exportKey('paper')} disabled={action.busy}>
          {pending === 'paper' ? 'Preparing…' : 'Printable paper key'}
        </button>
        <button type="button" onClick={() => exportKey('qr-html')} disabled={action.busy}>
          {pending === 'qr-html' ? 'Saving…' : 'Printable QR page…'}
        </button>
      </div>
      <div aria-live="polite">
        {saved.map((entry) => (
          <div className="notice ok" key={entry.path}>
            <p>
              {entry.format === 'qr-html' ? 'QR page saved to ' : 'Key saved to '}
              <code>{entry.path}</code>
              {entry.format === 'qr-html' ? ': open it in a browser to print it.' : '.'}
            </p>
          </div>
        ))}
        {cancelled && <p className="muted">Nothing was saved.</p>}
      </div>
      {action.error && (
        <div className="notice error" role="alert">
          <p>{action.error}</p>
        </div>
      )}
      {paper !== null && (
        <div className="paper-key">
          <h3>Paper key for {repository.name}</h3>
          <pre className="log" aria-label="Paper key">
            {paper}
          </pre>
          <div className="actions no-print">
            <button type="button" onClick={() => window.print()}>
              Print
            </button>
          </div>
        </div>
      )}
    </StepFrame>
  );
}
