import { breadcrumb } from './folder-history';

/** The archive's name and date, back/forward/up, and the breadcrumb (each folder above a button). */
export function BrowseHeader({
  archiveName,
  date,
  path,
  history,
  onArchives,
}: {
  archiveName: string;
  date: string | null;
  path: string;
  history: { go: (path: string) => void; back: () => void; forward: () => void; canBack: boolean; canForward: boolean };
  onArchives: () => void;
}) {
  const segments = breadcrumb(path);
  return (
    <header className="browse-header">
      <p>
        <button type="button" className="link" onClick={onArchives}>← Archives</button>
      </p>
      <h1 className="wrap">{archiveName}</h1>
      {date && <p className="muted">Backed up {date}</p>}
      <div className="toolbar browse-nav">
        <button type="button" aria-label="Back" title="Back (Alt+Left)" disabled={!history.canBack} onClick={history.back}>←</button>
        <button type="button" aria-label="Forward" title="Forward (Alt+Right)" disabled={!history.canForward} onClick={history.forward}>→</button>
        <button type="button" aria-label="Up one folder" title="Up (Backspace)" disabled={path === ''} onClick={() => history.go(segments.at(-2)?.path ?? '')}>↑</button>
        <nav aria-label="Folder path" className="breadcrumb">
          <ol>
            <li>
              <button type="button" className="link" aria-current={segments.length === 0 ? 'location' : undefined} onClick={() => history.go('')}>
                Archive
              </button>
            </li>
            {segments.map((segment, i) => (
              <li key={segment.path}>
                <button type="button" className="link" aria-current={i === segments.length - 1 ? 'location' : undefined} onClick={() => history.go(segment.path)}>
                  {segment.name}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      </div>
    </header>
  );
}
