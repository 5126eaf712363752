import { useState } from 'react';
import type { FolderEntryRow, MethodOutput } from '../../../electron/core/api/contract';
import { formatBytes, formatCount } from '../../../electron/core/format';
import { cairn } from '../../bridge';
import { useAction, useEvent } from '../../hooks/use-invoke';
import { parentOf } from './folder-history';

/**
 * Search by name or glob within this archive; each result names its folder and opens it, with the
 * entry highlighted.
 */
export function SearchPanel({ repositoryId, archiveName, onReveal }: { repositoryId: string; archiveName: string; onReveal: (entry: FolderEntryRow) => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<MethodOutput<'browse.search'> | null>(null);
  const action = useAction();
  const search = async () => {
    const trimmed = query.trim();
    if (trimmed === '') return setFound(null);
    const result = await action.run(() => cairn().invoke('browse.search', { repositoryId, archiveName, query: trimmed, limit: 500 }));
    if (result) setFound(result);
  };
  // Asked while the archive was still being indexed: asked again once the index is ready.
  useEvent('index.progress', (event) => {
    if (event.state === 'ready' && event.repositoryId === repositoryId && event.archiveName === archiveName && found?.notIndexed.includes(archiveName)) {
      void search();
    }
  });
  const entries = found?.results.flatMap((r) => r.entries) ?? [];
  const truncated = found?.results.some((r) => r.truncated) ?? false;
  return (
    <section className="browse-search" aria-label="Search this archive">
      <form
        role="search"
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <label htmlFor="browse-search-input" className="visually-hidden">Search by name or pattern</label>
        <input id="browse-search-input" type="search" placeholder="Search by name or *.pdf" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" disabled={action.busy}>{action.busy ? 'Searching…' : 'Search'}</button>
        {found && (
          <button type="button" className="link" onClick={() => { setFound(null); setQuery(''); }}>Clear</button>
        )}
      </form>
      {action.error && <p className="notice error" role="alert">{action.error}</p>}
      {found && (
        <div aria-live="polite">
          {found.notIndexed.length > 0 ? (
            <p className="muted">This archive is still being indexed: the search runs again as soon as it is ready.</p>
          ) : (
            <p className="muted">
              {entries.length === 0 ? `Nothing named like “${query.trim()}”.` : `${formatCount(entries.length)}${truncated ? '+' : ''} found`}
            </p>
          )}
          {entries.length > 0 && (
            <ul className="search-results">
              {entries.map((entry) => (
                <li key={entry.path}>
                  <button type="button" className="link" onClick={() => onReveal(entry)}>{entry.name}</button>
                  <span className="muted wrap"> in /{parentOf(entry.path)}</span>
                  {entry.kind !== 'folder' && <span className="muted"> · {formatBytes(entry.size)}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
