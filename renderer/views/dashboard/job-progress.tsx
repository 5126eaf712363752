import { formatBytes, formatCount } from '../../../electron/core/format';
import type { RunProgress } from './use-run-progress';

const phaseLabels: Record<RunProgress['phase'], string> = {
  starting: 'Starting…',
  'pre-hooks': 'Running the pre-backup script…',
  create: 'Backing up…',
  prune: 'Removing old archives…',
  compact: 'Freeing space in the repository…',
  check: 'Checking the repository…',
  'post-hooks': 'Running the post-backup script…',
};

/**
 * A running or waiting job's progress. The block has a fixed height and tabular numbers, so the
 * card never moves as numbers change; the line with the current file is cut with an ellipsis.
 */
export function JobProgress({ state, progress }: { state: 'running' | 'queued'; progress: RunProgress | undefined }) {
  const counts: string[] = [];
  if (progress?.files !== undefined) counts.push(`${formatCount(progress.files)} ${progress.files === 1 ? 'file' : 'files'}`);
  if (progress?.originalSize !== undefined) counts.push(`${formatBytes(progress.originalSize)} read`);
  if (progress?.percent !== undefined) counts.push(`${Math.floor(progress.percent)} %`);
  const heading = state === 'queued' ? 'Waiting for the repository…' : phaseLabels[progress?.phase ?? 'starting'];
  const detail = state === 'queued' ? 'Another job is using it; this one starts when it is done.' : (progress?.path ?? progress?.message ?? '');
  return (
    <div className="progress-block job-progress" role="status" aria-live="polite" aria-label="Backup progress">
      <p className="progress-line">
        <strong>{heading}</strong>
        {counts.length > 0 && <span className="progress-counts"> {counts.join(' · ')}</span>}
      </p>
      {progress?.percent !== undefined ? (
        <progress max={100} value={progress.percent} aria-label={`${heading} ${Math.floor(progress.percent)} percent`} />
      ) : (
        <div className="progress-placeholder" aria-hidden="true" />
      )}
      {/* Cut at the start, not the end: the file's name is the part worth reading. */}
      <p className="progress-text progress-path" title={detail}>
        <bdi>{detail}</bdi>
      </p>
    </div>
  );
}
