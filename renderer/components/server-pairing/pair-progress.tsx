import type { PairStep } from '../../../electron/core/api/contract';
import { pairStepOrder, type StepStatus } from './model';
import { StepHeading } from './step-heading';

const icons: Record<StepStatus, string> = { waiting: '○', running: '…', done: '✓', failed: '✗' };
const words: Record<StepStatus, string> = { waiting: 'waiting', running: 'in progress', done: 'done', failed: 'failed' };

/** What each step does, in the user's words. */
function stepLabel(step: PairStep, host: string, user: string, path: string): string {
  switch (step) {
    case 'key':
      return "Prepare Cairn's own ssh key";
    case 'host-key':
      return `Check the identity of ${host}`;
    case 'login':
      return `Log in as ${user}`;
    case 'borg':
      return 'Find borg on the server';
    case 'path':
      return `Prepare the folder ${path}`;
    case 'authorize':
      return "Allow Cairn's key to run only borg there";
  }
}

/**
 * Fourth screen: each pairing step with its state (announced politely as it changes), and on
 * failure the core's sentence next to the step that failed.
 */
export function PairProgress({
  host,
  user,
  path,
  statuses,
  failure,
  running,
  fixLabel,
  onFix,
  onRetry,
  onCancel,
}: {
  host: string;
  user: string;
  path: string;
  statuses: Record<PairStep, StepStatus>;
  failure: { step: PairStep | null; message: string; hint: string | null } | null;
  running: boolean;
  fixLabel: string;
  onFix: () => void;
  onRetry: () => void;
  onCancel: () => void;
}) {
  return (
    <section aria-busy={running}>
      <StepHeading>{failure ? `Pairing with ${host} stopped` : `Pairing with ${host}`}</StepHeading>
      <ol className="pair-steps" aria-live="polite">
        {pairStepOrder.map((step) => {
          const status = statuses[step];
          return (
            <li key={step} data-status={status}>
              <span className="pair-icon" aria-hidden="true">
                {icons[status]}
              </span>
              <span className="pair-label">
                {stepLabel(step, host, user, path)}
                <span className="visually-hidden">: {words[status]}</span>
              </span>
              {failure && failure.step === step && (
                <div className="notice error pair-failure" role="alert">
                  <p>{failure.message}</p>
                  {failure.hint && <p className="muted">{failure.hint}</p>}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {failure && failure.step === null && (
        <div className="notice error" role="alert">
          <p>{failure.message}</p>
        </div>
      )}
      {running ? (
        <p className="muted progress-text" role="status">
          Working on the server; this takes a few seconds.
        </p>
      ) : (
        failure && (
          <div className="actions">
            <button type="button" className="primary" onClick={onFix}>
              {fixLabel}
            </button>
            <button type="button" onClick={onRetry}>
              Try again
            </button>
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        )
      )}
    </section>
  );
}
