import { useId } from 'react';
import type { JobStatus } from '../../../electron/core/api/contract';
import { formatBytes, formatCount } from '../../../electron/core/format';
import { formatDateTime, formatRelative } from '../../format-time';
import type { Navigate } from '../../navigation';
import { OutcomeBadge } from '../logs/outcome-badge';
import type { JobHealth } from './health';
import { JobActions } from './job-actions';
import { JobProgress } from './job-progress';
import type { RunProgress } from './use-run-progress';

const stateLabels = { running: 'Running', queued: 'Queued', idle: 'Idle' } as const;

/** One job on the dashboard: where it stands, what it holds, what went wrong, and its buttons. */
export function JobCard({
  job,
  health,
  manual,
  progress,
  now,
  navigate,
}: {
  job: JobStatus;
  health: JobHealth;
  manual: boolean;
  progress: RunProgress | undefined;
  now: Date;
  navigate: Navigate;
}) {
  const headingId = useId();
  const stats = job.repositoryStats;
  return (
    <article className="card job-card" aria-labelledby={headingId}>
      <div className="job-card-head">
        <h2 id={headingId}>{job.name}</h2>
        <span className="job-badges">
          <span className={`badge state-${job.state}`}>{stateLabels[job.state]}</span>
          {job.lastRun && <OutcomeBadge outcome={job.lastRun.outcome} prefix="Last run:" title="How the last run ended" />}
        </span>
      </div>
      <dl className="facts">
        <dt>Repository</dt>
        <dd>{job.repositoryName}</dd>
        <dt>Last success</dt>
        <dd>{job.lastSuccessAt ? <Time iso={job.lastSuccessAt} now={now} /> : 'never'}</dd>
        <dt>Next run</dt>
        <dd>{job.nextRunAt ? <Time iso={job.nextRunAt} now={now} /> : manual ? 'manual' : 'not scheduled'}</dd>
        <dt>Archives</dt>
        <dd>{stats ? formatCount(stats.archiveCount) : '—'}</dd>
        <dt>Size</dt>
        <dd>{stats ? `${formatBytes(stats.originalSize)} original, ${formatBytes(stats.deduplicatedSize)} stored` : '—'}</dd>
      </dl>
      {job.state !== 'idle' ? (
        <JobProgress state={job.state} progress={progress} />
      ) : (
        <Problem job={job} health={health} navigate={navigate} />
      )}
      <JobActions job={job}>
        <button type="button" className="link" onClick={() => navigate({ view: 'archives', jobId: job.id, repositoryId: job.repositoryId })}>
          Browse archives
        </button>
      </JobActions>
    </article>
  );
}

/** A time as "3 hours ago", with the exact date and time on hover. */
function Time({ iso, now }: { iso: string; now: Date }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}

/** Why the job needs attention: the last run's reason and hint, or that it has gone stale. */
function Problem({ job, health, navigate }: { job: JobStatus; health: JobHealth; navigate: Navigate }) {
  const last = job.lastRun;
  if (last && (last.outcome === 'error' || last.outcome === 'warning')) {
    return (
      <div className={`notice ${last.outcome} job-problem`}>
        <p>
          <strong>{last.outcome === 'error' ? 'The last backup failed: ' : 'The last backup had warnings: '}</strong>
          {last.reason ?? 'borg reported a problem.'}
        </p>
        {last.hint && <p className="muted">{last.hint}</p>}
        <button type="button" className="link" onClick={() => navigate({ view: 'logs', jobId: job.id, runId: last.id })}>
          Show log
        </button>
      </div>
    );
  }
  if (health.level !== 'ok' && health.reason) {
    return (
      <div className="notice warning job-problem">
        <p>{health.reason}</p>
      </div>
    );
  }
  return null;
}
