import { useCallback, useEffect, useRef, useState } from 'react';
import type { BrowseListing, FolderEntryRow } from '../../../electron/core/api/contract';
import { cairn, describeError } from '../../bridge';
import { useEvent } from '../../hooks/use-invoke';

/** Entries fetched per request: enough for a few screens, small enough to answer at once. */
export const PAGE_SIZE = 300;

/** The columns a folder can be sorted by (the core sorts: pages come in that order). */
export type SortKey = 'name' | 'size' | 'mtime' | 'type';

/** A folder's order: a column and a direction. */
export interface FolderSort {
  key: SortKey;
  descending: boolean;
}

/** A folder as the screen shows it: loading, failed, waiting for the index, or (partly) loaded. */
export type FolderState =
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'indexing'; entries: number; fuse: BrowseListing['fuse'] }
  | { status: 'missing' }
  | { status: 'ready'; total: number; source: 'index' | 'mount'; indexing: number | null; fuse: BrowseListing['fuse'] };

/**
 * One folder of an archive, fetched page by page as rows come near the viewport (`ensure`).
 * The first page goes through `browse.open` (which may mount the archive while its index builds),
 * the others through `browse.list`. `index.progress` for this archive refreshes the listing.
 */
export function useFolder(repositoryId: string, archiveName: string, path: string, sort: FolderSort) {
  const [state, setState] = useState<FolderState>({ status: 'loading' });
  const [pages, setPages] = useState<ReadonlyMap<number, readonly FolderEntryRow[]>>(new Map());
  const [generation, setGeneration] = useState(0);
  const requested = useRef(new Set<number>());
  const indexed = useRef<number | null>(null);
  const base = { repositoryId, archiveName, path, sort: sort.key, descending: sort.descending, limit: PAGE_SIZE };
  const key = JSON.stringify(base);
  const shownKey = useRef(key);

  useEffect(() => {
    let current = true;
    requested.current = new Set([0]);
    // Another folder or order: nothing of the old one may stay. A reload keeps it until the answer.
    if (shownKey.current !== key) {
      shownKey.current = key;
      setState({ status: 'loading' });
      setPages(new Map());
    }
    cairn()
      .invoke('browse.open', { ...JSON.parse(key), offset: 0 })
      .then(
        (listing) => {
          if (!current) return;
          if (listing.page === null) {
            if (listing.indexState === 'building') setState({ status: 'indexing', entries: indexed.current ?? 0, fuse: listing.fuse });
            else setState({ status: 'missing' });
            return;
          }
          setPages(new Map([[0, listing.page.entries]]));
          setState({
            status: 'ready',
            total: listing.page.total,
            source: listing.source === 'mount' ? 'mount' : 'index',
            indexing: listing.indexState === 'building' ? (indexed.current ?? 0) : null,
            fuse: listing.fuse,
          });
        },
        (error: unknown) => current && setState({ status: 'error', error: describeError(error) }),
      );
    return () => {
      current = false;
    };
  }, [key, generation]);

  useEvent('index.progress', (event) => {
    if (event.repositoryId !== repositoryId || event.archiveName !== archiveName) return;
    if (event.state === 'building') {
      indexed.current = event.entries;
      setState((s) => (s.status === 'indexing' ? { ...s, entries: event.entries } : s.status === 'ready' && s.indexing !== null ? { ...s, indexing: event.entries } : s));
    } else if (event.state === 'ready') {
      indexed.current = null;
      setGeneration((g) => g + 1);
    } else if (event.state === 'failed') {
      setState((s) => (s.status === 'indexing' ? { status: 'error', error: event.message ?? 'The archive could not be read.' } : s));
    }
  });

  /** Fetches the pages covering rows [start, end) that are not loaded or on their way. */
  const ensure = useCallback(
    (start: number, end: number) => {
      for (let page = Math.floor(start / PAGE_SIZE); page * PAGE_SIZE < end; page++) {
        if (requested.current.has(page)) continue;
        requested.current.add(page);
        const wanted = requested.current;
        cairn()
          .invoke('browse.list', { ...JSON.parse(key), offset: page * PAGE_SIZE })
          .then(
            (listing) => {
              if (wanted !== requested.current || listing.page === null) return;
              const entries = listing.page.entries;
              setPages((old) => new Map(old).set(page, entries));
            },
            () => wanted.delete(page), // asked again when the rows come back into view
          );
      }
    },
    // A reload resets the pages asked for: the table asks again through a new `ensure`.
    [key, generation],
  );

  const entryAt = useCallback((index: number): FolderEntryRow | undefined => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [pages]);
  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setGeneration((g) => g + 1);
  }, []);
  return { state, entryAt, ensure, reload, pages };
}
