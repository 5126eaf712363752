import { useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../electron/core/api/contract';
import { formatCount } from '../../../electron/core/format';
import { cairn, describeError } from '../../bridge';
import { useEvent } from '../../hooks/use-invoke';
import { placedIn, RestoreSummary } from './restore-summary';

type Conflict = 'keep-both' | 'skip' | 'overwrite';
type Phase = { step: 'ask' } | { step: 'running' } | { step: 'done'; result: MethodOutput<'restore.start'> } | { step: 'failed'; error: string };

/** What to restore: archive paths and whether each is a folder. */
export interface RestoreRequest {
  archiveName: string;
  items: readonly { path: string; folder: boolean; name: string }[];
}

const conflictChoices: readonly { value: Conflict; label: string; help: string }[] = [
  { value: 'keep-both', label: 'Keep both', help: 'The restored copy gets a new name, such as “report (restored).pdf”, next to the existing file.' },
  { value: 'skip', label: 'Skip', help: 'Files that already exist are left as they are and not restored.' },
  { value: 'overwrite', label: 'Overwrite', help: 'Existing files are replaced by the archive’s copy. Their current content is lost.' },
];

/** borg's progress line starts with its own percentage, already shown in front of it. */
const withoutPercent = (message: string) => message.replace(/^\s*\d+(\.\d+)?\s*%\s*/, '');

const newRestoreId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * Restores a selection: where to (original place or a picked folder), what to do with files that
 * already exist (asked once, keep both by default), then progress with Cancel, then the summary.
 */
export function RestoreDialog({ repositoryId, request, onClose }: { repositoryId: string; request: RestoreRequest; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [target, setTarget] = useState<'original' | 'folder'>('original');
  const [folder, setFolder] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict>('keep-both');
  const [phase, setPhase] = useState<Phase>({ step: 'ask' });
  const [progress, setProgress] = useState<{ percent: number | null; message: string | null }>({ percent: null, message: null });
  const [pickError, setPickError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const restoreId = useRef(newRestoreId());

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  useEvent('restore.progress', (event) => {
    if (event.restoreId === restoreId.current) setProgress({ percent: event.percent, message: event.message });
  });

  const pick = async () => {
    setPickError(null);
    try {
      const { paths } = await cairn().invoke('dialog.pickFolders', { purpose: 'restore-target', multiple: false });
      if (paths[0]) {
        setFolder(paths[0]);
        setTarget('folder');
      }
    } catch (error) {
      setPickError(describeError(error));
    }
  };

  const start = async () => {
    setPhase({ step: 'running' });
    setCancelling(false);
    setProgress({ percent: null, message: null });
    try {
      const result = await cairn().invoke('restore.start', {
        restoreId: restoreId.current,
        repositoryId,
        archiveName: request.archiveName,
        selection: request.items.map((item) => ({ path: item.path, folder: item.folder })),
        target: target === 'folder' && folder ? { kind: 'folder', path: folder } : { kind: 'original' },
        onConflict: conflict,
      });
      setPhase({ step: 'done', result });
    } catch (error) {
      setPhase({ step: 'failed', error: describeError(error) });
    }
    restoreId.current = newRestoreId();
  };

  const cancel = () => {
    setCancelling(true);
    void cairn().invoke('restore.cancel', { restoreId: restoreId.current }).catch(() => undefined);
  };
  const count = request.items.length;
  const what = count === 1 ? `“${request.items[0]?.name ?? ''}”` : `${formatCount(count)} items`;

  return (
    <dialog
      ref={ref}
      className="confirm restore-dialog"
      aria-labelledby="restore-title"
      onCancel={(event) => {
        event.preventDefault();
        if (phase.step === 'running') cancel();
        else onClose();
      }}
    >
      <h2 id="restore-title">Restore {what}</h2>
      <p className="muted wrap">From {request.archiveName}</p>
      {phase.step === 'ask' && (
        <>
          <fieldset>
            <legend>Restore to</legend>
            <label className="check">
              <input type="radio" name="restore-target" checked={target === 'original'} onChange={() => setTarget('original')} />
              Where {count === 1 ? 'it was' : 'they were'} (the original location)
            </label>
            <label className="check">
              <input type="radio" name="restore-target" checked={target === 'folder'} disabled={folder === null} onChange={() => setTarget('folder')} />
              {folder ? <span className="wrap">Into {folder}</span> : 'Another folder'}
            </label>
            {folder && target === 'folder' && (
              <p className="muted wrap">With the folders they were in, so they land in {placedIn(folder, request.items.map((item) => item.path))}.</p>
            )}
            <button type="button" onClick={() => void pick()}>{folder ? 'Choose another folder…' : 'Choose a folder…'}</button>
            {pickError && <p className="field-error" role="alert">{pickError}</p>}
          </fieldset>
          <fieldset>
            <legend>If a file already exists</legend>
            {conflictChoices.map((choice) => (
              <label className="check conflict-choice" key={choice.value}>
                <input type="radio" name="restore-conflict" checked={conflict === choice.value} onChange={() => setConflict(choice.value)} />
                <span>
                  <strong>{choice.label}</strong>
                  <span className="help">{choice.help}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="actions">
            <button type="button" onClick={onClose}>Cancel</button>
            <button type="button" className={conflict === 'overwrite' ? 'danger' : 'primary'} autoFocus onClick={() => void start()}>
              {conflict === 'overwrite' ? `Restore and overwrite` : `Restore ${what}`}
            </button>
          </div>
        </>
      )}
      {phase.step === 'running' && (
        <>
          <div className="progress-block" role="status" aria-live="polite" aria-label="Restore progress">
            <progress max={100} value={progress.percent ?? undefined} />
            <p className="progress-text">
              {progress.percent === null ? 'Preparing…' : `${Math.floor(progress.percent)} %`}
              {progress.message ? ` · ${withoutPercent(progress.message)}` : ''}
            </p>
          </div>
          <div className="actions">
            <button type="button" disabled={cancelling} onClick={cancel}>{cancelling ? 'Cancelling…' : 'Cancel restore'}</button>
          </div>
        </>
      )}
      {phase.step === 'failed' && (
        <>
          <div className="notice error" role="alert">
            <p>{phase.error}</p>
          </div>
          <div className="actions">
            <button type="button" onClick={onClose}>Close</button>
            <button type="button" className="primary" onClick={() => setPhase({ step: 'ask' })}>Try again</button>
          </div>
        </>
      )}
      {phase.step === 'done' && (
        <>
          <RestoreSummary result={phase.result} archivePaths={request.items.map((item) => item.path)} />
          <div className="actions">
            <button type="button" className="primary" autoFocus onClick={onClose}>Done</button>
          </div>
        </>
      )}
    </dialog>
  );
}
