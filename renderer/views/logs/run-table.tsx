import type { RunRecord } from '../../../electron/core/jobs/run-record';
import { formatBytes, formatCount } from '../../../electron/core/format';
import { formatDateTime, formatDuration, formatRelative, secondsBetween } from '../../format-time';
import { OutcomeBadge } from './outcome-badge';

const triggerLabels: Record<RunRecord['trigger'], string> = {
  manual: 'Back up now',
  schedule: 'Schedule',
  'catch-up': 'Catch-up',
  cli: 'Command line',
};

/** How a run was started, in words. */
export function triggerLabel(trigger: RunRecord['trigger']): string {
  return triggerLabels[trigger];
}

/** A run's length from start to end (hooks, prune and compact included), borg's own figure if unreadable. */
export function runDuration(run: RunRecord): string {
  const seconds = secondsBetween(run.start, run.end) ?? run.stats?.durationSeconds ?? null;
  return seconds === null ? '—' : formatDuration(seconds);
}

/** The run history as a table; each row's time is a button that opens the run's details. */
export function RunTable({
  runs,
  jobName,
  selectedId,
  now,
  onSelect,
}: {
  runs: readonly RunRecord[];
  jobName: (jobId: string) => string;
  selectedId: string | null;
  now: Date;
  onSelect: (runId: string) => void;
}) {
  return (
    <div className="table-scroll">
      <table className="run-table">
        <caption className="visually-hidden">Recent runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Job</th>
            <th scope="col">Trigger</th>
            <th scope="col">Outcome</th>
            <th scope="col" className="num">Duration</th>
            <th scope="col" className="num">Files / size</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} aria-current={run.id === selectedId ? 'true' : undefined} data-run-id={run.id} onClick={() => onSelect(run.id)}>
              <td>
                <button type="button" className="link" title={formatRelative(run.start, now)} onClick={(e) => {
                  e.stopPropagation();
                  onSelect(run.id);
                }}>
                  {formatDateTime(run.start)}
                </button>
              </td>
              <td>{jobName(run.jobId)}</td>
              <td>{triggerLabel(run.trigger)}</td>
              <td><OutcomeBadge outcome={run.outcome} /></td>
              <td className="num">{runDuration(run)}</td>
              <td className="num">{run.stats ? `${formatCount(run.stats.nfiles)} ${run.stats.nfiles === 1 ? 'file' : 'files'} · ${formatBytes(run.stats.originalSize)}` : '—'}</td>
              <td className="run-reason">{run.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
