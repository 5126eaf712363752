import { useId, useState } from 'react';
import type { EventPayload } from '../../../electron/core/api/contract';
import { cairn } from '../../bridge';
import { useAction, useEvent } from '../../hooks/use-invoke';

type Operation = 'check' | 'compact';
type Progress = Pick<EventPayload<'maintenance.progress'>, 'percent' | 'message'>;

const runningLabel: Record<Operation, string> = { check: 'Checking the repository…', compact: 'Compacting the repository…' };

/**
 * "Check repository" and "Compact" for the selected repository, with borg's progress in a
 * fixed-height live region and the result sentence once done.
 */
export function MaintenancePanel({ repositoryId }: { repositoryId: string }) {
  const headingId = useId();
  const action = useAction();
  const [verifyData, setVerifyData] = useState(false);
  const [running, setRunning] = useState<Operation | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  useEvent('maintenance.progress', (event) => {
    if (event.repositoryId !== repositoryId || (event.operation !== 'check' && event.operation !== 'compact')) return;
    setProgress({ percent: event.percent, message: event.message });
  });

  const start = async (operation: Operation) => {
    setRunning(operation);
    setProgress(null);
    setResult(null);
    const outcome = await action.run(async () =>
      operation === 'check'
        ? cairn().invoke('repositories.check', { repositoryId, verifyData })
        : { ok: true, ...(await cairn().invoke('repositories.compact', { repositoryId })) },
    );
    setRunning(null);
    if (outcome) setResult(outcome);
  };

  const shown = running !== null || result !== null || action.error !== null;
  return (
    <section className="maintenance" aria-labelledby={headingId}>
      <h2 id={headingId}>Repository maintenance</h2>
      <div className="actions">
        <button type="button" disabled={action.busy} onClick={() => void start('check')}>
          Check repository
        </button>
        <label className="check inline">
          <input type="checkbox" checked={verifyData} disabled={action.busy} onChange={(e) => setVerifyData(e.target.checked)} />
          Verify all data (slow)
        </label>
        <button type="button" disabled={action.busy} onClick={() => void start('compact')}>
          Compact
        </button>
      </div>
      <div className={shown ? 'progress-block maintenance-status' : 'maintenance-status idle'} aria-live="polite" data-testid="maintenance-status">
        {running !== null && (
          <>
            <progress max={100} value={progress?.percent ?? undefined} aria-label={runningLabel[running]} />
            <p className="progress-text">
              {progress?.percent != null ? `${progress.percent.toFixed(1)} % · ` : ''}
              {progress?.message ?? runningLabel[running]}
            </p>
          </>
        )}
        {running === null && result && (
          <p className={result.ok ? 'result ok' : 'result error'} role="status">
            {result.message}
          </p>
        )}
        {running === null && action.error && (
          <p className="result error" role="alert">
            {action.error}
          </p>
        )}
      </div>
    </section>
  );
}
