import { AsyncView } from '../../components/async-view';
import { useInvoke } from '../../hooks/use-invoke';

/** A run's full log (borg's messages and hook output), fetched when its details are opened. */
export function RunLog({ runId }: { runId: string }) {
  const log = useInvoke('runs.log', { runId });
  return (
    <AsyncView value={log} retry={log.reload} isEmpty={(data) => data.lines.length === 0} empty={<p>This run left no log.</p>}>
      {(data) => (
        <pre className="log" tabIndex={0} aria-label="Full log">
          {data.lines.join('\n')}
        </pre>
      )}
    </AsyncView>
  );
}
