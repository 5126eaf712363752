import { useCallback, useEffect, useState } from 'react';
import type { EventPayload, JobStatus } from '../electron/core/api/contract';
import { cairn } from './bridge';

type Progress = EventPayload<'run.progress'>;

function describeLastRun(job: JobStatus): string {
  if (!job.lastRun) return 'never run';
  const when = new Date(job.lastRun.end).toLocaleString();
  return job.lastRun.outcome === 'ok' ? `ok, ${when}` : `${job.lastRun.outcome}: ${job.lastRun.reason ?? ''} (${when})`;
}

/** The first window: each job, its last run, and "Back up now". The full dashboard comes later. */
export function App() {
  const [jobs, setJobs] = useState<JobStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Record<string, Progress>>({});

  const refresh = useCallback(() => {
    cairn()
      .invoke('status.get', {})
      .then((status) => setJobs(status.jobs), (e: Error) => setError(e.message));
  }, []);

  useEffect(() => {
    refresh();
    const offProgress = cairn().on('run.progress', (p) => setProgress((all) => ({ ...all, [p.jobId]: p })));
    const offFinished = cairn().on('run.finished', (record) => {
      setProgress(({ [record.jobId]: _done, ...rest }) => rest);
      refresh();
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, [refresh]);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!jobs) return <p>Loading…</p>;
  return (
    <main>
      <h1>Cairn</h1>
      {jobs.length === 0 ? (
        <p>No backup jobs yet. Add one with <code>cairn jobs add</code>.</p>
      ) : (
        <table>
          <thead>
            <tr><th scope="col">Job</th><th scope="col">Repository</th><th scope="col">Last run</th><th scope="col">Now</th></tr>
          </thead>
          <tbody>
            {jobs.map((job) => {
              const p = progress[job.id];
              return (
                <tr key={job.id}>
                  <td>{job.name}</td>
                  <td>{job.repositoryName}</td>
                  <td>{describeLastRun(job)}</td>
                  <td>
                    {p || job.state !== 'idle' ? (
                      <>
                        <span className="progress" aria-live="polite">{p ? `${p.phase} ${p.files ?? ''} files` : job.state}</span>
                        <button type="button" onClick={() => void cairn().invoke('backup.cancel', { jobId: job.id })}>Cancel</button>
                      </>
                    ) : (
                      <button type="button" onClick={() => void cairn().invoke('backup.start', { jobId: job.id }).then(refresh)}>Back up now</button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </main>
  );
}
