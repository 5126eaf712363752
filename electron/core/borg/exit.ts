import type { BorgOutcome } from './types.js';

/**
 * Sorts how borg ended into an outcome, in one place: 0 ok, 1 warning (for `check`: corruption found),
 * 2+ error, 128+N or a signal = killed. A run we cancelled is 'cancelled' unless it finished anyway (0 or 1).
 */
export function classifyExit(exitCode: number | null, signal: NodeJS.Signals | null, cancelledByUs = false): BorgOutcome {
  if (exitCode === 0) return 'ok';
  if (exitCode === 1) return 'warning';
  if (cancelledByUs) return 'cancelled';
  if (signal !== null || exitCode === null) return 'killed';
  // borg turns SIGTERM/SIGHUP into exit 128+N itself, so Node sees a code, not a signal.
  if (exitCode >= 128) return 'killed';
  return 'error';
}
