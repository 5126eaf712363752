import type { RunOutcome, RunRecord } from '../../../electron/core/jobs/run-record';
import { Field } from '../../components/field';
import { outcomeLabel } from './outcome-badge';

/** Every outcome a run can have, in the order the filter lists them. */
export const outcomes = ['ok', 'warning', 'error', 'cancelled', 'skipped'] as const satisfies readonly RunOutcome[];

/** What the run list is narrowed to ('' = everything). */
export interface RunFilter {
  jobId: string;
  outcome: RunOutcome | '';
}

/** The runs a filter lets through. */
export function applyFilter(runs: readonly RunRecord[], filter: RunFilter): RunRecord[] {
  return runs.filter((run) => (filter.jobId === '' || run.jobId === filter.jobId) && (filter.outcome === '' || run.outcome === filter.outcome));
}

/** The two selects above the run table: which job, which outcome. */
export function RunFilters({
  filter,
  jobs,
  onChange,
}: {
  filter: RunFilter;
  jobs: readonly { id: string; name: string }[];
  onChange: (filter: RunFilter) => void;
}) {
  return (
    <div className="toolbar run-filters">
      <Field label="Job">
        <select value={filter.jobId} onChange={(e) => onChange({ ...filter, jobId: e.target.value })}>
          <option value="">All jobs</option>
          {jobs.map((job) => (
            <option key={job.id} value={job.id}>{job.name}</option>
          ))}
        </select>
      </Field>
      <Field label="Outcome">
        <select value={filter.outcome} onChange={(e) => onChange({ ...filter, outcome: e.target.value as RunFilter['outcome'] })}>
          <option value="">All outcomes</option>
          {outcomes.map((outcome) => (
            <option key={outcome} value={outcome}>{outcomeLabel(outcome)}</option>
          ))}
        </select>
      </Field>
    </div>
  );
}
