import { AsyncView } from '../components/async-view';
import type { Navigate } from '../navigation';
import { ItemEditor } from './editors/item-editor';
import { JobForm } from './editors/jobs/job-form';
import { useConfig } from './editors/use-config';
import { formWiring, useSelection } from './editors/use-selection';

/** The "Jobs" screen: which folder sets go to which repository, when, and with which options. */
export function JobsEditor({ navigate, selectedId }: { navigate: Navigate; selectedId?: string | undefined }) {
  const config = useConfig();
  const selection = useSelection(selectedId, navigate);
  return (
    <AsyncView value={config} retry={config.reload}>
      {(data) => (
        <ItemEditor
          title="Jobs"
          intro="A job backs up one or more folder sets to one repository on its own schedule, and removes old backups by its rules."
          listLabel="Jobs"
          addLabel="Add job"
          noun="job"
          items={data.jobs}
          toListItem={(job) => ({
            id: job.id,
            label: job.name,
            detail: `→ ${data.repositories.find((r) => r.id === job.repositoryId)?.name ?? job.repositoryId}`,
          })}
          empty={
            <>
              <p>No jobs yet — a job backs up folder sets to a repository on a schedule.</p>
              {data.states.length === 0 || data.repositories.length === 0 ? (
                <p>
                  First add{' '}
                  {data.states.length === 0 && (
                    <button type="button" className="link" onClick={() => selection.navigate({ view: 'states' })}>
                      the folders to back up
                    </button>
                  )}
                  {data.states.length === 0 && data.repositories.length === 0 && ' and '}
                  {data.repositories.length === 0 && (
                    <button type="button" className="link" onClick={() => selection.navigate({ view: 'repositories' })}>
                      a repository
                    </button>
                  )}
                  .
                </p>
              ) : (
                <button type="button" className="primary" onClick={selection.add}>
                  Add job
                </button>
              )}
            </>
          }
          selection={selection}
          renderForm={(job, key) => (
            <JobForm
              key={key}
              job={job}
              states={data.states}
              repositories={data.repositories}
              {...formWiring(selection, config.reload)}
            />
          )}
        />
      )}
    </AsyncView>
  );
}
