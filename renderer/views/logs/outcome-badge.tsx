import type { RunOutcome } from '../../../electron/core/jobs/run-record';

const looks: Record<RunOutcome, { label: string; className: string }> = {
  ok: { label: 'OK', className: 'ok' },
  warning: { label: 'Warning', className: 'warning' },
  error: { label: 'Failed', className: 'error' },
  cancelled: { label: 'Cancelled', className: 'idle' },
  skipped: { label: 'Skipped', className: 'idle' },
};

/**
 * A run's outcome in words and colour, the same on the dashboard and in the logs. `prefix` is read
 * by screen readers only ("Last run:"), for where the colour alone gives the context.
 */
export function OutcomeBadge({ outcome, prefix, title }: { outcome: RunOutcome; prefix?: string; title?: string }) {
  const look = looks[outcome];
  return (
    <span className={`badge ${look.className}`} title={title}>
      {prefix && <span className="visually-hidden">{prefix} </span>}
      {look.label}
    </span>
  );
}

/** The outcome's word, for select options and sentences. */
export function outcomeLabel(outcome: RunOutcome): string {
  return looks[outcome].label;
}
