import { useEffect, useState, type ReactNode } from 'react';
import type { JobStatus } from '../../../electron/core/api/contract';
import { cairn } from '../../bridge';
import { useAction } from '../../hooks/use-invoke';

/**
 * "Back up now" and "Cancel" for one job, with what the core answered when the run could not
 * start at once (queued behind another job, already running).
 */
export function JobActions({ job, children }: { job: JobStatus; children?: ReactNode }) {
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);

  // The note about a queued or refused start is stale once the job is idle again.
  useEffect(() => {
    if (job.state === 'idle') setNotice(null);
  }, [job.state]);

  const start = async () => {
    setNotice(null);
    const result = await action.run(() => cairn().invoke('backup.start', { jobId: job.id }));
    if (!result) return;
    if (result.status === 'queued') setNotice('Queued: it starts as soon as the repository is free.');
    else if (result.status !== 'started') setNotice(result.message ?? (result.status === 'already-running' ? 'It is already running.' : 'It is already waiting for its repository.'));
  };
  const cancel = async () => {
    setNotice(null);
    const result = await action.run(() => cairn().invoke('backup.cancel', { jobId: job.id }));
    if (result && !result.cancelled) setNotice('Nothing to cancel: the run had already finished.');
    else if (result) setNotice('Cancelling… borg keeps what it has saved so far.');
  };

  const busy = job.state !== 'idle';
  return (
    <>
      <div className="actions job-actions">
        {busy ? (
          <button type="button" onClick={cancel} disabled={action.busy}>Cancel</button>
        ) : (
          <button type="button" className="primary" onClick={start} disabled={action.busy}>Back up now</button>
        )}
        {children}
      </div>
      <p className="job-note muted" role="status">{notice}</p>
      {action.error && <p className="error" role="alert">{action.error}</p>}
    </>
  );
}
