import { useEffect, useRef, useState } from 'react';
import type { ArchiveRow, MethodOutput } from '../../../electron/core/api/contract';
import { formatBytes, formatCount } from '../../../electron/core/format';
import { cairn, describeError } from '../../bridge';
import { useEvent, useInvoke } from '../../hooks/use-invoke';
import { formatLocalTime } from '../archives/rows';
import { parentOf } from './folder-history';
import { SearchGroups } from './search-groups';

type Found = MethodOutput<'browse.search'>;
type Scope = 'archive' | 'job';
/** What was last asked (the box may have been edited since): a refresh asks it again. */
type Asked = { query: string; scope: Scope };

/**
 * Search by name or glob within this archive, or across every archive of its job (results grouped
 * by archive; archives not indexed yet are counted and searched again once their index is ready).
 * A result opens its folder, in whichever archive holds it.
 */
export function SearchPanel({
  repositoryId,
  archiveName,
  archives,
  onReveal,
}: {
  repositoryId: string;
  archiveName: string;
  /** The repository's archives (archives.list), once known: they tell this archive's job and each archive's date. */
  archives: readonly ArchiveRow[] | undefined;
  onReveal: (archiveName: string, path: string) => void;
}) {
  const [query, setQuery] = useState('');
  const [scope, setScope] = useState<Scope>('archive');
  const [asked, setAsked] = useState<Asked | null>(null);
  const [found, setFound] = useState<Found | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unreadable, setUnreadable] = useState<ReadonlySet<string>>(new Set());
  const sequence = useRef(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (refreshTimer.current) clearTimeout(refreshTimer.current); }, []);

  const config = useInvoke('config.get', {});
  const jobId = archives?.find((a) => a.name === archiveName)?.jobId ?? null;
  const job = config.status === 'ready' && jobId !== null ? config.data.jobs.find((j) => j.id === jobId) : undefined;

  /** Runs a search; `quiet` (a refresh) keeps the results on screen and the button as it is. */
  const run = async (next: Asked, quiet = false) => {
    const mine = ++sequence.current;
    if (!quiet) {
      setBusy(true);
      setError(null);
      setUnreadable(new Set());
    }
    try {
      const input = next.scope === 'job' && jobId !== null ? { repositoryId, jobId, query: next.query, limit: 200 } : { repositoryId, archiveName, query: next.query, limit: 500 };
      const result = await cairn().invoke('browse.search', input);
      if (mine === sequence.current) setFound(result);
    } catch (e) {
      if (mine === sequence.current) setError(describeError(e));
    } finally {
      if (mine === sequence.current) setBusy(false);
    }
  };
  const submit = (nextScope: Scope = scope) => {
    const trimmed = query.trim();
    if (trimmed === '') {
      setAsked(null);
      setFound(null);
      return;
    }
    const next = { query: trimmed, scope: nextScope };
    setAsked(next);
    void run(next);
  };

  // Archives asked while still being indexed: asked again once their index is ready (a burst of
  // "ready" events becomes one search). A failed index is only counted: asking again would retry it.
  useEvent('index.progress', (event) => {
    if (event.repositoryId !== repositoryId || !asked || !found?.notIndexed.includes(event.archiveName)) return;
    if (event.state === 'failed') setUnreadable((old) => new Set(old).add(event.archiveName));
    if (event.state !== 'ready') return;
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      void run(asked, true);
    }, 300);
  });

  const clear = () => {
    sequence.current++;
    setFound(null);
    setAsked(null);
    setQuery('');
    setBusy(false);
  };
  const pending = found ? found.notIndexed.filter((n) => !unreadable.has(n)) : [];
  const jobWide = asked?.scope === 'job';
  return (
    <section className="browse-search" aria-label="Search">
      <form
        role="search"
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label htmlFor="browse-search-input" className="visually-hidden">Search by name or pattern</label>
        <input id="browse-search-input" type="search" placeholder="Search by name or *.pdf" value={query} onChange={(e) => setQuery(e.target.value)} />
        {job && (
          <>
            <label htmlFor="browse-search-scope" className="visually-hidden">Search in</label>
            <select
              id="browse-search-scope"
              value={scope}
              onChange={(e) => {
                const next = e.target.value === 'job' ? 'job' : 'archive';
                setScope(next);
                if (asked) submit(next);
              }}
            >
              <option value="archive">This archive</option>
              <option value="job">All archives of {job.name}</option>
            </select>
          </>
        )}
        <button type="submit" disabled={busy}>{busy ? 'Searching…' : 'Search'}</button>
        {found && <button type="button" className="link" onClick={clear}>Clear</button>}
      </form>
      {error && <p className="notice error" role="alert">{error}</p>}
      {found && asked && (
        <div aria-live="polite">
          <SearchSummary found={found} asked={asked} pending={pending.length} unreadable={unreadable.size} />
          {jobWide ? (
            <SearchGroups found={found} archives={archives ?? []} current={archiveName} onReveal={onReveal} />
          ) : (
            <ArchiveResults found={found} onReveal={(path) => onReveal(archiveName, path)} />
          )}
        </div>
      )}
    </section>
  );
}

/** How many were found, and where the answer is not complete yet. */
function SearchSummary({ found, asked, pending, unreadable }: { found: Found; asked: Asked; pending: number; unreadable: number }) {
  const count = found.results.reduce((n, r) => n + r.entries.length, 0);
  const truncated = found.results.some((r) => r.truncated);
  const holding = found.results.filter((r) => r.entries.length > 0).length;
  if (asked.scope === 'archive' && pending > 0) return <p className="muted">This archive is still being indexed: the search runs again as soon as it is ready.</p>;
  return (
    <>
      <p className="muted">
        {count === 0 ? `Nothing named like “${asked.query}”` : `${formatCount(count)}${truncated ? '+' : ''} found`}
        {asked.scope === 'job' && count > 0 && ` in ${formatCount(holding)} of ${formatCount(found.results.length)} archive${found.results.length === 1 ? '' : 's'}`}
        {count === 0 && asked.scope === 'job' && pending === 0 && ' in any archive of this job'}.
      </p>
      {asked.scope === 'job' && pending > 0 && (
        <p className="muted search-pending" role="status">
          {formatCount(pending)} archive{pending === 1 ? ' is' : 's are'} still being indexed; {pending === 1 ? 'it is' : 'they are'} searched as soon as {pending === 1 ? 'it is' : 'they are'} ready.
        </p>
      )}
      {unreadable > 0 && <p className="notice warning">{formatCount(unreadable)} archive{unreadable === 1 ? '' : 's'} could not be read and {unreadable === 1 ? 'is' : 'are'} not searched.</p>}
    </>
  );
}

/** This archive's results: each names its folder and opens it with the entry highlighted. */
function ArchiveResults({ found, onReveal }: { found: Found; onReveal: (path: string) => void }) {
  const entries = found.results.flatMap((r) => r.entries);
  if (entries.length === 0) return null;
  return (
    <ul className="search-results">
      {entries.map((entry) => (
        <li key={entry.path}>
          <button type="button" className="link" onClick={() => onReveal(entry.path)}>{entry.name}</button>
          <span className="muted wrap"> in /{parentOf(entry.path)}</span>
          {entry.kind !== 'folder' && <span className="muted"> · {formatBytes(entry.size)}</span>}
          {entry.mtime > 0 && <span className="muted"> · {formatLocalTime(new Date(entry.mtime))}</span>}
        </li>
      ))}
    </ul>
  );
}
