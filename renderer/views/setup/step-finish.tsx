import type { EventPayload } from '../../../electron/core/api/contract';
import { formatBytes, formatCount } from '../../../electron/core/format';
import type { Navigate } from '../../navigation';
import { StepFrame } from './step-frame';
import type { FirstBackup } from './use-first-backup';

const phases: Record<EventPayload<'run.progress'>['phase'], string> = {
  starting: 'Starting…',
  'pre-hooks': 'Running the before-backup script…',
  create: 'Backing up',
  prune: 'Removing old backups…',
  compact: 'Freeing space…',
  check: 'Checking the repository…',
  'post-hooks': 'Running the after-backup script…',
};

/** Step 6: the first backup's live progress, then its result (with "Try again" on failure). */
export function StepFinish({ run, jobId, navigate, onRetry }: { run: FirstBackup; jobId: string; navigate: Navigate; onRetry: () => void }) {
  const { finished, progress } = run;
  const succeeded = finished?.outcome === 'ok' || finished?.outcome === 'warning';
  const failed = (finished && !succeeded) || run.error !== null;
  return (
    <StepFrame title={succeeded ? 'All set' : 'Your first backup'}>
      {!finished && !run.error && (
        <div className="progress-block first-backup-progress">
          <progress aria-label="Backup progress" {...(progress?.percent != null ? { value: progress.percent, max: 100 } : {})} />
          <p aria-live="polite" className="progress-summary">
            {progress ? phases[progress.phase] : run.started?.status === 'queued' ? 'Waiting for another run on this repository…' : 'Starting…'}
            {progress?.files !== undefined && <> · {formatCount(progress.files)} files</>}
            {progress?.originalSize !== undefined && <> · {formatBytes(progress.originalSize)} read</>}
            {progress?.deduplicatedSize !== undefined && <> · {formatBytes(progress.deduplicatedSize)} new</>}
          </p>
          <p className="progress-text" title={progress?.path}>
            {progress?.path ?? progress?.message ?? run.started?.message ?? '\u00a0'}
          </p>
        </div>
      )}
      {succeeded && finished && (
        <div className="notice ok" role="status">
          <p>
            <strong>Your first backup is done.</strong>
            {finished.stats && (
              <>
                {' '}
                {formatCount(finished.stats.nfiles)} files, {formatBytes(finished.stats.originalSize)}, stored in {formatBytes(finished.stats.deduplicatedSize)}.
              </>
            )}
          </p>
          {finished.outcome === 'warning' && (
            <p>
              With a warning: {finished.reason} {finished.hint}
            </p>
          )}
          <p>From now on Cairn backs up on its own; its tray icon shows how it is going.</p>
        </div>
      )}
      {failed && (
        <div className="notice error" role="alert">
          <p>
            <strong>The backup did not finish.</strong> {finished?.reason ?? run.error}
          </p>
          {finished?.hint && <p>{finished.hint}</p>}
          <p className="muted">Your settings are saved; Cairn will also retry on schedule.</p>
        </div>
      )}
      <div className="actions">
        {failed && (
          <button type="button" className="primary" onClick={onRetry}>
            Try again
          </button>
        )}
        {failed && finished && (
          <button type="button" onClick={() => navigate({ view: 'logs', jobId, runId: finished.id })}>
            See the log
          </button>
        )}
        {(succeeded || failed) && (
          <button type="button" className={succeeded ? 'primary' : undefined} onClick={() => navigate({ view: 'dashboard' })}>
            Go to the dashboard
          </button>
        )}
      </div>
    </StepFrame>
  );
}
