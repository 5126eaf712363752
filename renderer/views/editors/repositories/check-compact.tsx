import { useState } from 'react';
import type { EventPayload } from '../../../../electron/core/api/contract';
import { cairn } from '../../../bridge';
import { useAction, useEvent } from '../../../hooks/use-invoke';

type Progress = EventPayload<'maintenance.progress'>;

/**
 * `borg check` (optionally reading all data) and `borg compact`, one at a time, with their
 * progress in a fixed-height area and their outcome in words.
 */
export function CheckCompact({ repositoryId }: { repositoryId: string }) {
  const action = useAction();
  const [verifyData, setVerifyData] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  useEvent('maintenance.progress', (event) => {
    if (event.repositoryId === repositoryId) setProgress(event);
  });

  const check = () =>
    void action.run(async () => {
      setOutcome(null);
      setProgress(null);
      try {
        setOutcome(await cairn().invoke('repositories.check', { repositoryId, verifyData }));
      } finally {
        setProgress(null);
      }
    });
  const compact = () =>
    void action.run(async () => {
      setOutcome(null);
      setProgress(null);
      try {
        const { message } = await cairn().invoke('repositories.compact', { repositoryId });
        setOutcome({ ok: true, message });
      } finally {
        setProgress(null);
      }
    });

  const percent = progress?.percent ?? null;
  return (
    <div className="maintenance-item">
      <h4>Check and compact</h4>
      <p className="help">
        Checking reads the repository and reports damage (it repairs nothing). Compacting frees the space of deleted archives; jobs do it after removing old backups
        unless told not to.
      </p>
      <div className="check">
        <input type="checkbox" id={`verify-${repositoryId}`} checked={verifyData} disabled={action.busy} onChange={(e) => setVerifyData(e.target.checked)} />
        <label htmlFor={`verify-${repositoryId}`}>Also verify all data (slow: reads and decrypts every archive)</label>
      </div>
      <div className="actions">
        <button type="button" disabled={action.busy} onClick={check}>
          Check repository
        </button>
        <button type="button" disabled={action.busy} onClick={compact}>
          Compact
        </button>
      </div>
      <div className="progress-block" aria-busy={action.busy}>
        {action.busy && (
          <>
            <progress max={100} value={percent ?? undefined} aria-label={progress?.operation === 'compact' ? 'Compacting' : 'Checking'} />
            <p className="progress-text" aria-live="polite">
              {percent !== null ? `${percent.toFixed(0)}% ` : ''}
              {progress?.message ?? 'Starting borg…'}
            </p>
          </>
        )}
        <div role="status" aria-live="polite">
          {!action.busy && outcome && <p className={outcome.ok ? 'notice ok' : 'notice error'}>{outcome.message}</p>}
        </div>
      </div>
      {action.error && (
        <p className="notice error" role="alert">
          {action.error}
        </p>
      )}
    </div>
  );
}
