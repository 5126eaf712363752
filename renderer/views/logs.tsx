import { useEffect, useState } from 'react';
import { AsyncView } from '../components/async-view';
import { useEvent, useInvoke } from '../hooks/use-invoke';
import type { Navigate } from '../navigation';
import { useNow } from './dashboard/use-now';
import { RunDetails } from './logs/run-details';
import { applyFilter, RunFilters, type RunFilter } from './logs/run-filters';
import { RunTable } from './logs/run-table';

/** How many runs the history shows; older ones stay in the history file. */
const RUN_LIMIT = 200;

/**
 * The run history: every backup with its outcome, filterable by job and outcome; a run opens to
 * its reason, hint, borg's messages and full log. Opened on `runId` it shows that run.
 */
export function LogsView({ jobId, runId }: { navigate: Navigate; jobId?: string | undefined; runId?: string | undefined }) {
  const runs = useInvoke('runs.recent', { limit: RUN_LIMIT });
  const config = useInvoke('config.get', {});
  const now = useNow();
  const [filter, setFilter] = useState<RunFilter>({ jobId: jobId ?? '', outcome: '' });
  const [selectedId, setSelectedId] = useState<string | null>(runId ?? null);
  useEvent('run.finished', () => runs.reload());
  useEvent('config.changed', () => config.reload());

  // The window may be sent to another run while this screen is open (a notification was clicked).
  useEffect(() => {
    if (runId) setSelectedId(runId);
    if (jobId) setFilter((f) => ({ ...f, jobId }));
  }, [runId, jobId]);

  // Back to the list: focus returns to the row the details were opened from.
  const closeDetails = (id: string) => {
    setSelectedId(null);
    requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`tr[data-run-id="${CSS.escape(id)}"] button`)?.focus());
  };
  const configJobs = config.status === 'ready' ? config.data.jobs : [];
  const jobName = (id: string) => configJobs.find((j) => j.id === id)?.name ?? id;

  return (
    <section aria-labelledby="logs-title">
      <h1 id="logs-title">Logs</h1>
      <AsyncView
        value={runs}
        retry={runs.reload}
        isEmpty={(data) => data.length === 0}
        empty={<p>No runs yet. Every backup, whether it worked or not, is listed here with its log.</p>}
      >
        {(all) => {
          // Jobs that were removed still have runs: list them under their id.
          const jobs = [...configJobs.map((j) => ({ id: j.id, name: j.name }))];
          for (const run of all) if (!jobs.some((j) => j.id === run.jobId)) jobs.push({ id: run.jobId, name: run.jobId });
          const shown = applyFilter(all, filter);
          const selected = selectedId ? all.find((r) => r.id === selectedId) : undefined;
          return (
            <>
              {selectedId && !selected && (
                <div className="notice warning" role="alert">
                  <p>That run is not among the last {RUN_LIMIT} runs.</p>
                </div>
              )}
              {selected && <RunDetails run={selected} jobName={jobName(selected.jobId)} onClose={() => closeDetails(selected.id)} />}
              <RunFilters filter={filter} jobs={jobs} onChange={setFilter} />
              {shown.length === 0 ? (
                <div className="empty">
                  <p>No runs match these filters.</p>
                  <button type="button" onClick={() => setFilter({ jobId: '', outcome: '' })}>Show all runs</button>
                </div>
              ) : (
                <RunTable runs={shown} jobName={jobName} selectedId={selectedId} now={now} onSelect={setSelectedId} />
              )}
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}
