import type { Job, Repository } from '../../../electron/core/config/schema';
import { Field } from '../../components/field';

/** Which repository, and optionally which of its jobs, the screen shows. */
export interface Selection {
  repositoryId: string;
  /** '' for all the repository's archives. */
  jobId: string;
}

/** The selection the screen opens on: the ids it was given when they exist, else the first repository. */
export function initialSelection(
  repositories: readonly Repository[],
  jobs: readonly Job[],
  wanted: { repositoryId?: string | undefined; jobId?: string | undefined },
): Selection {
  const job = jobs.find((j) => j.id === wanted.jobId);
  const repository =
    repositories.find((r) => r.id === wanted.repositoryId) ?? repositories.find((r) => r.id === job?.repositoryId) ?? repositories[0];
  const repositoryId = repository?.id ?? '';
  return { repositoryId, jobId: job && job.repositoryId === repositoryId ? job.id : '' };
}

/** The two selects at the top of the screen: a repository, then "All archives" or one of its jobs. */
export function SelectionBar({
  repositories,
  jobs,
  value,
  onChange,
}: {
  repositories: readonly Repository[];
  jobs: readonly Job[];
  value: Selection;
  onChange: (selection: Selection) => void;
}) {
  return (
    <div className="toolbar archives-selection">
      <Field label="Repository">
        <select
          name="repository"
          value={value.repositoryId}
          onChange={(event) => onChange({ repositoryId: event.target.value, jobId: '' })}
        >
          {repositories.map((r) => (
            <option key={r.id} value={r.id}>{r.name}</option>
          ))}
        </select>
      </Field>
      <Field label="Job">
        <select name="job" value={value.jobId} onChange={(event) => onChange({ ...value, jobId: event.target.value })}>
          <option value="">All archives</option>
          {jobs.map((j) => (
            <option key={j.id} value={j.id}>{j.name}</option>
          ))}
        </select>
      </Field>
    </div>
  );
}
