import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FolderEntryRow } from '../../electron/core/api/contract';
import { formatCount } from '../../electron/core/format';
import { useInvoke } from '../hooks/use-invoke';
import type { Navigate } from '../navigation';
import { formatLocalTime } from './archives/rows';
import { BrowseHeader } from './browse/browse-header';
import { DiffPanel } from './browse/diff-panel';
import { parentOf, useFolderHistory } from './browse/folder-history';
import { FolderTree } from './browse/folder-tree';
import { FolderTable } from './browse/folder-table';
import { OpenActions } from './browse/open-actions';
import { RestoreDialog, type RestoreRequest } from './browse/restore-dialog';
import { SearchPanel } from './browse/search-panel';
import { PAGE_SIZE, useFolder, type FolderSort, type SortKey } from './browse/use-folder';
import { useOpenItem } from './browse/use-open-item';
import { VersionsPanel } from './browse/versions-panel';

type Picked = { path: string; folder: boolean; name: string; entry: FolderEntryRow };

/**
 * An archive as a folder tree: breadcrumb, back/forward, a sortable (paged, windowed) listing with
 * keyboard navigation and multi-select, search, a path's versions, and restore.
 */
export function BrowseView({
  navigate,
  repositoryId,
  archiveName,
  path: initialPath,
  highlight: initialHighlight,
}: {
  navigate: Navigate;
  repositoryId: string;
  archiveName: string;
  path?: string | undefined;
  highlight?: string | undefined;
}) {
  const history = useFolderHistory(initialPath ?? '');
  const [sort, setSort] = useState<FolderSort>({ key: 'name', descending: false });
  const folder = useFolder(repositoryId, archiveName, history.path, sort);
  const [selected, setSelected] = useState<ReadonlyMap<string, Picked>>(new Map());
  const [focusIndex, setFocusIndex] = useState(0);
  const [highlight, setHighlight] = useState<string | null>(initialHighlight ?? null);
  const [versionsOf, setVersionsOf] = useState<FolderEntryRow | null>(null);
  const [restore, setRestore] = useState<RestoreRequest | null>(null);
  const anchor = useRef<number | null>(null);
  const refocus = useRef(initialHighlight !== undefined);
  const focusedHighlight = useRef<string | null>(null); // the highlight whose row got the focus
  const archives = useInvoke('archives.list', { repositoryId });
  const archive = archives.status === 'ready' ? archives.data.archives.find((a) => a.name === archiveName) : undefined;
  const [comparing, setComparing] = useState(false);
  // A search result or a changed path: its folder with the entry highlighted, in this archive or in the one holding it.
  const reveal = (name: string, path: string) => {
    if (name !== archiveName) {
      navigate({ view: 'browse', repositoryId, archiveName: name, path: parentOf(path), highlight: path });
      return;
    }
    setHighlight(path);
    focusedHighlight.current = null;
    refocus.current = true;
    history.go(parentOf(path));
  };

  // A new folder starts at its first row with no range anchor.
  useEffect(() => {
    setFocusIndex(0);
    anchor.current = null;
  }, [history.path, sort]);

  // A search result revealed in its folder: focus its row once its page is here (once: pages that
  // load later as the user scrolls must not pull the focus back).
  const { pages } = folder;
  useEffect(() => {
    if (highlight === null || focusedHighlight.current === highlight) return;
    for (const [page, entries] of pages) {
      const i = entries.findIndex((e) => e.path === highlight);
      if (i >= 0) {
        focusedHighlight.current = highlight;
        // The table may already have focused the first row in this commit: move the focus once more.
        refocus.current = true;
        return setFocusIndex(page * PAGE_SIZE + i);
      }
    }
  }, [highlight, pages]);

  const entryAt = useRef(folder.entryAt);
  entryAt.current = folder.entryAt;
  const onToggle = useCallback((index: number, range: boolean) => {
    const picks: FolderEntryRow[] = [];
    const from = range && anchor.current !== null ? Math.min(anchor.current, index) : index;
    const to = range && anchor.current !== null ? Math.max(anchor.current, index) : index;
    for (let i = from; i <= to; i++) {
      const entry = entryAt.current(i);
      if (entry) picks.push(entry);
    }
    const target = entryAt.current(index);
    anchor.current = index;
    if (!target) return;
    setSelected((old) => {
      const next = new Map(old);
      // A range selects everything in it; a single click toggles.
      const select = range || !old.has(target.path);
      for (const e of picks) {
        if (select) next.set(e.path, { path: e.path, folder: e.kind === 'folder', name: e.name, entry: e });
        else next.delete(e.path);
      }
      return next;
    });
  }, []);
  const isSelected = useCallback((path: string) => selected.has(path), [selected]);
  const opener = useOpenItem(repositoryId, archiveName);
  // Read through a ref so that `open` stays the same function and the memoized rows do not redraw.
  const openFile = useRef(opener.run);
  openFile.current = opener.run;
  // A folder opens in place; a file with its app, as in a file manager.
  const open = useCallback(
    (entry: FolderEntryRow) => {
      if (entry.kind === 'folder') history.go(entry.path);
      else if (entry.kind === 'file') openFile.current('open', entry.path);
    },
    [history],
  );
  const onSort = useCallback((key: SortKey) => setSort((s) => ({ key, descending: s.key === key ? !s.descending : key === 'size' || key === 'mtime' })), []);
  const picked = useMemo(() => [...selected.values()], [selected]);
  const single = picked.length === 1 ? picked[0] : undefined;

  const { state } = folder;
  const backToArchives = () => navigate({ view: 'archives', repositoryId });
  return (
    <div className="browse">
      <BrowseHeader
        archiveName={archiveName}
        date={archive ? formatLocalTime(new Date(archive.start)) : null}
        path={history.path}
        history={history}
        onArchives={backToArchives}
      />
      <SearchPanel
        repositoryId={repositoryId}
        archiveName={archiveName}
        archives={archives.status === 'ready' ? archives.data.archives : undefined}
        onReveal={reveal}
      />
      <div className="toolbar browse-actions">
        <span className="muted" aria-live="polite">{picked.length > 0 ? `${formatCount(picked.length)} selected` : 'Nothing selected'}</span>
        <button type="button" className="primary" disabled={picked.length === 0} onClick={() => setRestore({ archiveName, items: picked })}>
          Restore…
        </button>
        <button type="button" disabled={!single} onClick={() => single && setVersionsOf(single.entry)}>Versions</button>
        <OpenActions opener={opener} item={single} folderPath={history.path} fuse={state.status === 'ready' || state.status === 'indexing' ? state.fuse : null} />
        <button type="button" aria-expanded={comparing} onClick={() => setComparing((c) => !c)}>Compare with…</button>
        {picked.length > 0 && <button type="button" className="link" onClick={() => setSelected(new Map())}>Clear selection</button>}
      </div>
      <p className="progress-text browse-index" role="status" aria-live="polite">
        {state.status === 'indexing' && `Indexing… ${formatCount(state.entries)} entries`}
        {state.status === 'ready' && state.indexing !== null && `Indexing… ${formatCount(state.indexing)} entries (showing the mounted archive meanwhile)`}
      </p>
      {(state.status === 'ready' || state.status === 'indexing') && state.fuse.note && <p className="notice warning">{state.fuse.note}</p>}
      {comparing && (
        <DiffPanel repositoryId={repositoryId} archiveName={archiveName} archives={archives.status === 'ready' ? archives.data.archives : []} onReveal={reveal} onClose={() => setComparing(false)} />
      )}
      {versionsOf && (
        <VersionsPanel
          key={versionsOf.path}
          repositoryId={repositoryId}
          entry={versionsOf}
          current={archiveName}
          onClose={() => setVersionsOf(null)}
          onRestore={(name) => setRestore({ archiveName: name, items: [{ path: versionsOf.path, folder: versionsOf.kind === 'folder', name: versionsOf.name }] })}
        />
      )}
      <div className="browse-panes">
      <FolderTree repositoryId={repositoryId} archiveName={archiveName} path={history.path} onOpen={history.go} retryKey={state.status === 'ready' ? state.source : state.status} />
      <div className="browse-contents">
      {state.status === 'loading' && <p className="muted" role="status">Loading…</p>}
      {state.status === 'indexing' && <p className="muted">This archive is being read for the first time; its folders appear when that is done.</p>}
      {state.status === 'missing' && (
        <div className="empty">
          <p>This folder is not in the archive.</p>
          <button type="button" onClick={() => history.go('')}>Go to the archive’s top folder</button>
        </div>
      )}
      {state.status === 'error' && (
        <div className="notice error" role="alert">
          <p>{state.error}</p>
          <div className="actions">
            <button type="button" onClick={folder.reload}>Try again</button>
            <button type="button" onClick={backToArchives}>Back to the archives</button>
          </div>
        </div>
      )}
      {state.status === 'ready' && state.total === 0 && <div className="empty"><p>This folder is empty.</p></div>}
      {state.status === 'ready' && state.total > 0 && (
        <FolderTable
          total={state.total}
          entryAt={folder.entryAt}
          ensure={folder.ensure}
          sort={sort}
          onSort={onSort}
          isSelected={isSelected}
          highlight={highlight}
          focusIndex={focusIndex}
          onFocusIndex={setFocusIndex}
          onToggle={onToggle}
          onOpen={open}
          onUp={() => history.path !== '' && history.go(parentOf(history.path))}
          onBack={history.back}
          onForward={history.forward}
          refocus={refocus}
        />
      )}
      </div>
      </div>
      {restore && <RestoreDialog repositoryId={repositoryId} request={restore} onClose={() => setRestore(null)} />}
    </div>
  );
}
