import type { MethodOutput } from '../../../electron/core/api/contract';
import { formatCount } from '../../../electron/core/format';

/** What a restore did: restored N, skipped M, failed K with the reasons, and the renamed copies. */
export function RestoreSummary({ result }: { result: MethodOutput<'restore.start'> }) {
  const failed = result.failed.length;
  const tone = result.cancelled || failed > 0 ? 'warning' : 'ok';
  return (
    <div className={`notice ${tone} restore-summary`} role="status" aria-live="polite">
      <p>
        <strong>{result.cancelled ? 'Restore cancelled. ' : 'Restore finished. '}</strong>
        Restored {formatCount(result.restored)}, skipped {formatCount(result.skipped.length)}, failed {formatCount(failed)}
        {result.overwritten.length > 0 ? `, overwrote ${formatCount(result.overwritten.length)}` : ''}.
      </p>
      <p className="muted wrap">{result.destination === '/' ? 'Back to where they were.' : `Into ${result.destination}`}</p>
      {result.keptBoth.length > 0 && (
        <details open={result.keptBoth.length <= 5}>
          <summary>Kept both ({formatCount(result.keptBoth.length)})</summary>
          <ul className="restore-list">
            {result.keptBoth.map((k) => (
              <li key={k.restoredAs} className="wrap">Restored as {k.restoredAs}</li>
            ))}
          </ul>
        </details>
      )}
      {result.skipped.length > 0 && (
        <details>
          <summary>Skipped, already there ({formatCount(result.skipped.length)})</summary>
          <ul className="restore-list">
            {result.skipped.map((path) => (
              <li key={path} className="wrap">{path}</li>
            ))}
          </ul>
        </details>
      )}
      {failed > 0 && (
        <details open>
          <summary>Failed ({formatCount(failed)})</summary>
          <ul className="restore-list">
            {result.failed.map((f) => (
              <li key={f.path} className="wrap">{f.path}: {f.reason}</li>
            ))}
          </ul>
        </details>
      )}
      {result.messages.length > 0 && (
        <ul className="restore-list muted">
          {result.messages.map((m, i) => (
            <li key={i} className="wrap">{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
