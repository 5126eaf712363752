import type { FolderEntryRow } from '../../../electron/core/api/contract';
import { formatBytes } from '../../../electron/core/format';
import { AsyncView } from '../../components/async-view';
import { useEvent, useInvoke } from '../../hooks/use-invoke';
import { formatLocalTime } from '../archives/rows';

/** Every archive holding one path (oldest first), marking where it changed; any version can be restored. */
export function VersionsPanel({
  repositoryId,
  entry,
  current,
  onRestore,
  onClose,
}: {
  repositoryId: string;
  entry: FolderEntryRow;
  current: string;
  onRestore: (archiveName: string) => void;
  onClose: () => void;
}) {
  const versions = useInvoke('browse.versions', { repositoryId, path: entry.path });
  // Archives not indexed yet are indexed in the background: ask again as each one is ready.
  const waiting = versions.status === 'ready' ? versions.data.notIndexed : [];
  useEvent('index.progress', (event) => {
    if (event.state === 'ready' && event.repositoryId === repositoryId && waiting.includes(event.archiveName)) versions.reload();
  });
  return (
    <section className="versions-panel card" aria-labelledby="versions-title">
      <div className="toolbar">
        <h2 id="versions-title" className="wrap">Versions of {entry.name}</h2>
        <button type="button" className="link" onClick={onClose}>Close</button>
      </div>
      <AsyncView value={versions} retry={versions.reload} isEmpty={(v) => v.versions.length === 0 && v.notIndexed.length === 0} empty={<p>No archive holds this path.</p>}>
        {(v) => (
          <>
            {v.notIndexed.length > 0 && <p className="muted">{v.notIndexed.length} archive(s) are still being indexed and are not shown yet.</p>}
            <div className="table-scroll">
              <table className="versions-table">
                <thead>
                  <tr>
                    <th scope="col">Archive date</th>
                    <th scope="col" className="num">Size</th>
                    <th scope="col">Modified</th>
                    <th scope="col">Changed</th>
                    <th scope="col"><span className="visually-hidden">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  {v.versions.map((version, i) => (
                    <tr key={version.archiveName} data-archive={version.archiveName} aria-current={version.archiveName === current ? 'true' : undefined}>
                      <td title={version.archiveName}>{formatLocalTime(new Date(version.start))}</td>
                      <td className="num">{version.entry ? formatBytes(version.entry.size) : '—'}</td>
                      <td>{version.entry && version.entry.mtime > 0 ? formatLocalTime(new Date(version.entry.mtime)) : '—'}</td>
                      <td>{changeLabel(version.entry !== null, version.changed, i === 0 || v.versions[i - 1]?.entry === null)}</td>
                      <td>
                        {version.entry && (
                          <button type="button" className="link" aria-label={`Restore the version of ${formatLocalTime(new Date(version.start))}`} onClick={() => onRestore(version.archiveName)}>
                            Restore…
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </AsyncView>
    </section>
  );
}

/** How a version compares with the one before it: first there (Added), different, or the same. */
function changeLabel(present: boolean, changed: boolean, firstThere: boolean) {
  if (!present) return <span className="muted">Not there</span>;
  if (firstThere) return <span className="badge">Added</span>;
  return changed ? <span className="badge warning">Differs</span> : <span className="muted">Same</span>;
}
