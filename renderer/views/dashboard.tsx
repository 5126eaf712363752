import { AsyncView } from '../components/async-view';
import { useEvent, useInvoke } from '../hooks/use-invoke';
import type { Navigate } from '../navigation';
import { jobHealth, overallHealth } from './dashboard/health';
import { HealthSummary } from './dashboard/health-summary';
import { JobCard } from './dashboard/job-card';
import { useNow } from './dashboard/use-now';
import { useRunProgress } from './dashboard/use-run-progress';

/**
 * The first screen: whether everything is backed up, then one card per job with its last
 * success, next run, progress while running and "Back up now". It follows the core's events.
 */
export function DashboardView({ navigate }: { navigate: Navigate }) {
  const status = useInvoke('status.get', {});
  // Only for the staleness setting and which jobs are manual; the dashboard works without it.
  const config = useInvoke('config.get', {});
  const progress = useRunProgress();
  const now = useNow();
  useEvent('run.state', () => status.reload());
  useEvent('run.finished', () => status.reload());
  // Archive count and sizes are measured after the run has finished.
  useEvent('repository.stats', () => status.reload());
  useEvent('config.changed', () => {
    status.reload();
    config.reload();
  });

  const settings = config.status === 'ready' ? config.data.settings : null;
  const manualJobs = new Set(config.status === 'ready' ? config.data.jobs.filter((j) => j.schedule.kind === 'manual').map((j) => j.id) : []);

  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Dashboard</h1>
      <AsyncView
        value={status}
        retry={status.reload}
        isEmpty={(data) => data.jobs.length === 0}
        empty={
          <>
            <p>Nothing is being backed up yet. A backup job says which folders to save, where to, and how often.</p>
            <button type="button" className="primary" onClick={() => navigate({ view: 'setup' })}>Set up a backup</button>
          </>
        }
      >
        {({ jobs }) => {
          const rated = jobs.map((job) => ({
            job,
            name: job.name,
            health: jobHealth(job, { staleAfterDays: settings?.staleAfterDays ?? null, manual: manualJobs.has(job.id), now }),
          }));
          return (
            <>
              <HealthSummary health={overallHealth(rated)} total={jobs.length} />
              <div className="cards">
                {rated.map(({ job, health }) => (
                  <JobCard
                    key={job.id}
                    job={job}
                    health={health}
                    manual={manualJobs.has(job.id)}
                    progress={progress.get(job.id)}
                    now={now}
                    navigate={navigate}
                  />
                ))}
              </div>
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}
