import { useEffect, useRef, useState } from 'react';
import type { RunRecord } from '../../../electron/core/jobs/run-record';
import { formatBytes, formatCount } from '../../../electron/core/format';
import { cairn } from '../../bridge';
import { useAction } from '../../hooks/use-invoke';
import { formatDateTime } from '../../format-time';
import { OutcomeBadge } from './outcome-badge';
import { RunLog } from './run-log';
import { runDuration, triggerLabel } from './run-table';

/** One run in full: why it ended as it did, what to do, borg's messages and the whole log. */
export function RunDetails({ run, jobName, onClose }: { run: RunRecord; jobName: string; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const openFolder = useAction();
  const [folderNote, setFolderNote] = useState<string | null>(null);
  const openLogFolder = async () => {
    const result = await openFolder.run(() => cairn().invoke('app.openLogFolder', {}));
    setFolderNote(result?.opened === false ? 'The log folder could not be opened.' : null);
  };
  // Opening a run moves focus (and the view) to its details.
  useEffect(() => heading.current?.focus(), [run.id]);

  const notice = run.outcome === 'error' ? 'error' : run.outcome === 'warning' ? 'warning' : run.outcome === 'ok' ? 'ok' : '';
  return (
    <section className="card run-details" aria-labelledby="run-details-title">
      <h2 id="run-details-title" ref={heading} tabIndex={-1}>
        {jobName}, {formatDateTime(run.start)} <OutcomeBadge outcome={run.outcome} />
      </h2>
      {run.reason && (
        <div className={`notice ${notice}`}>
          <p>{run.reason}</p>
          {run.hint && <p className="muted">{run.hint}</p>}
        </div>
      )}
      <dl className="facts">
        <dt>Started</dt>
        <dd>{formatDateTime(run.start)} ({triggerLabel(run.trigger).toLowerCase()})</dd>
        <dt>Duration</dt>
        <dd>{runDuration(run)}</dd>
        {run.archiveName && (
          <>
            <dt>Archive</dt>
            <dd className="mono">{run.archiveName}</dd>
          </>
        )}
        {run.stats && (
          <>
            <dt>Files</dt>
            <dd>{formatCount(run.stats.nfiles)}</dd>
            <dt>Size</dt>
            <dd>{formatBytes(run.stats.originalSize)} read, {formatBytes(run.stats.deduplicatedSize)} new in the repository</dd>
          </>
        )}
        {run.errorCode && (
          <>
            <dt>Error code</dt>
            <dd className="mono">{run.errorCode}</dd>
          </>
        )}
      </dl>
      <h3>Messages from borg</h3>
      {run.messages.length === 0 ? (
        <p className="muted">No warnings or errors.</p>
      ) : (
        <ul className="run-messages">
          {run.messages.map((m, i) => (
            <li key={i}>
              <span className={`badge ${m.level}`}>{m.level === 'error' ? 'Error' : 'Warning'}</span> <span className="run-message">{m.message}</span>
              {m.msgid && <code className="muted"> {m.msgid}</code>}
            </li>
          ))}
        </ul>
      )}
      <h3>Full log</h3>
      <RunLog runId={run.id} />
      <div className="actions">
        <button type="button" onClick={() => void openLogFolder()} disabled={openFolder.busy}>
          Open log folder
        </button>
        <button type="button" onClick={onClose}>Close</button>
      </div>
      {(openFolder.error ?? folderNote) && <p className="error" role="alert">{openFolder.error ?? folderNote}</p>}
    </section>
  );
}
