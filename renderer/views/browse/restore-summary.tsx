import type { MethodOutput } from '../../../electron/core/api/contract';
import { formatCount } from '../../../electron/core/format';

/**
 * The folder a restore into `destination` puts the selection in: borg recreates each item's folders
 * from the archive under the chosen folder, so the files are further down than the folder picked.
 */
export function placedIn(destination: string, archivePaths: readonly string[]): string {
  const parents = archivePaths.map((path) => path.split('/').filter((p) => p !== '').slice(0, -1));
  const first = parents[0] ?? [];
  let length = 0;
  while (length < first.length && parents.every((parts) => parts[length] === first[length])) length++;
  return [destination.replace(/\/+$/, ''), ...first.slice(0, length)].join('/') || '/';
}

/** What a restore did: restored N, skipped M, failed K with the reasons, and the renamed copies. */
export function RestoreSummary({ result, archivePaths }: { result: MethodOutput<'restore.start'>; archivePaths: readonly string[] }) {
  const failed = result.failed.length;
  const tone = result.cancelled || failed > 0 ? 'warning' : 'ok';
  // borg's note that it was stopped says nothing the heading does not.
  const messages = result.cancelled ? result.messages.filter((m) => !/^Received SIG[A-Z]+\.?$/.test(m.trim())) : result.messages;
  const where = result.destination === '/' ? 'Back to where they were.' : `Into ${archivePaths.length > 0 ? placedIn(result.destination, archivePaths) : result.destination}`;
  return (
    <div className={`notice ${tone} restore-summary`} role="status" aria-live="polite">
      <p>
        <strong>{result.cancelled ? 'Restore cancelled. ' : 'Restore finished. '}</strong>
        Restored {formatCount(result.restored)}, skipped {formatCount(result.skipped.length)}, failed {formatCount(failed)}
        {result.overwritten.length > 0 ? `, overwrote ${formatCount(result.overwritten.length)}` : ''}.
      </p>
      {result.cancelled && result.restored === 0 ? (
        <p className="muted wrap">Nothing was restored, and no partly restored file was left behind.</p>
      ) : (
        <p className="muted wrap">{where}</p>
      )}
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
      {messages.length > 0 && (
        <ul className="restore-list muted">
          {messages.map((m, i) => (
            <li key={i} className="wrap">{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
