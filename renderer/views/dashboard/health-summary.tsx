import type { overallHealth } from './health';

/** The line at the top of the dashboard: all good, or how many jobs need attention and why. */
export function HealthSummary({ health, total }: { health: ReturnType<typeof overallHealth>; total: number }) {
  if (health.count === 0) {
    return (
      <div className="notice ok health-summary" role="status">
        <p>
          <strong>All good.</strong> {total === 1 ? 'The job is' : `All ${total} jobs are`} backed up.
        </p>
      </div>
    );
  }
  return (
    <div className={`notice ${health.level} health-summary`} role="status">
      <p>
        <strong>{health.count === 1 ? '1 job needs attention.' : `${health.count} jobs need attention.`}</strong>
      </p>
      {health.worst && (
        <p>
          {health.worst.name}: {health.worst.reason}
        </p>
      )}
    </div>
  );
}
