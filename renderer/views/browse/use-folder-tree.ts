import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BrowseListing } from '../../../electron/core/api/contract';
import { cairn, describeError } from '../../bridge';
import { useEvent } from '../../hooks/use-invoke';

/** Entries asked for per request: sorted by type, folders come first and the first other entry ends the folders. */
export const TREE_PAGE = 200;

/** A subfolder as the tree knows it; `leaf`: the index says it holds nothing. */
interface TreeFolder {
  path: string;
  name: string;
  leaf: boolean;
}

/** What the tree loaded of one folder's subfolders. */
interface TreeNode {
  status: 'loading' | 'loaded' | 'unavailable' | 'missing' | 'error';
  folders: readonly TreeFolder[];
  /** More subfolders than loaded: the next page starts at `next`. */
  more: boolean;
  next: number;
  loadingMore: boolean;
  error: string | null;
}

/** One line of the tree, in display order: a folder, or the "More folders…" item closing a folder's list. */
export type TreeRow =
  | { kind: 'folder'; key: string; path: string; name: string; level: number; setSize: number; position: number; expandable: boolean; expanded: boolean; busy: boolean; note: string | null }
  | { kind: 'more'; key: string; parent: string; level: number; setSize: number; position: number; busy: boolean };

const EMPTY: TreeNode = { status: 'loading', folders: [], more: false, next: 0, loadingMore: false, error: null };

/** The folders holding `path`, root ('') first, `path` itself excluded. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/').filter((p) => p !== '');
  return ['', ...parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'))];
}

/** A node after a page of its folder arrived (`page` null: not readable yet, or not in the archive). */
function merged(node: TreeNode | undefined, listing: BrowseListing, offset: number): TreeNode {
  if (listing.page === null) return { ...EMPTY, status: listing.indexState === 'building' ? 'unavailable' : 'missing' };
  const { entries, total } = listing.page;
  const firstOther = entries.findIndex((e) => e.kind !== 'folder');
  // Sorted by type, the first other entry ends the folders. A mount lists very big folders by
  // name only: folders then come after files, and the next pages may hold more of them.
  const byType = firstOther < 0 || entries.slice(firstOther).every((e) => e.kind !== 'folder');
  const folders = entries.filter((e) => e.kind === 'folder').map((e) => ({
    path: e.path,
    name: e.name,
    // A mount's childCount is a link count, not a number of children: only the index's is trusted.
    leaf: listing.source === 'index' && e.childCount === 0,
  }));
  const before = offset === 0 ? [] : (node?.folders ?? []);
  const known = new Set(before.map((f) => f.path));
  const next = offset + entries.length;
  return {
    status: 'loaded',
    folders: [...before, ...folders.filter((f) => !known.has(f.path))],
    more: entries.length > 0 && next < total && (firstOther < 0 || !byType),
    next,
    loadingMore: false,
    error: null,
  };
}

/** The visible lines of the tree: expanded folders show their children, the way to `current` always shows. */
function flatten(nodes: ReadonlyMap<string, TreeNode>, expanded: ReadonlySet<string>, current: string): TreeRow[] {
  const rows: TreeRow[] = [];
  const way = current.split('/').filter((p) => p !== '');
  const visit = (path: string, name: string, level: number, setSize: number, position: number, leaf: boolean) => {
    const node = nodes.get(path);
    const empty = (node?.status === 'loaded' || node?.status === 'missing') && node.folders.length === 0 && !node.more;
    const expandable = !leaf && !empty;
    const open = expandable && expanded.has(path);
    const note = !open ? null : node?.status === 'unavailable' ? 'Folders appear when the archive is read.' : node?.status === 'error' ? node.error : null;
    rows.push({ kind: 'folder', key: path, path, name, level, setSize, position, expandable, expanded: open, busy: open && node?.status === 'loading', note });
    if (!open || node?.status !== 'loaded') return;
    const children = [...node.folders];
    // The folder on the way to the current one may lie beyond the pages loaded: it shows anyway.
    const depth = path === '' ? 0 : path.split('/').length;
    const onWay = way.slice(0, depth).join('/') === path && depth < way.length ? way.slice(0, depth + 1).join('/') : null;
    if (onWay !== null && node.more && !children.some((c) => c.path === onWay)) children.push({ path: onWay, name: way[depth] ?? '', leaf: false });
    const size = children.length + (node.more ? 1 : 0);
    children.forEach((child, i) => visit(child.path, child.name, level + 1, size, i + 1, child.leaf));
    if (node.more) rows.push({ kind: 'more', key: `\0more\0${path}`, parent: path, level: level + 1, setSize: size, position: size, busy: node.loadingMore });
  };
  visit('', 'Archive', 1, 1, 1, false);
  return rows;
}

/**
 * An archive's folders for a tree, loaded lazily through `browse.list` as folders are expanded
 * (a page of subfolders at a time). The ancestors of `current` are expanded whenever it changes.
 * What could not be read yet (index building, no mount) is asked again when `retryKey` changes
 * and when the archive's index is ready.
 */
export function useFolderTree(repositoryId: string, archiveName: string, current: string, retryKey: string) {
  const [nodes, setNodes] = useState<ReadonlyMap<string, TreeNode>>(new Map());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(ancestorsOf(current)));
  const inFlight = useRef(new Set<string>());
  const archive = useRef(`${repositoryId}\0${archiveName}`);

  // Another archive: nothing of the old tree stays, answers still on their way are dropped.
  useEffect(() => {
    const key = `${repositoryId}\0${archiveName}`;
    if (archive.current === key) return;
    archive.current = key;
    inFlight.current = new Set();
    setNodes(new Map());
    setExpanded(new Set(['']));
  }, [repositoryId, archiveName]);

  const load = useCallback(
    (path: string, offset: number) => {
      const flights = inFlight.current;
      const flight = `${offset}\0${path}`;
      if (flights.has(flight)) return;
      flights.add(flight);
      const update = (change: (node: TreeNode | undefined) => TreeNode) => setNodes((old) => new Map(old).set(path, change(old.get(path))));
      update((node) => (offset === 0 || !node ? EMPTY : { ...node, loadingMore: true }));
      cairn()
        .invoke('browse.list', { repositoryId, archiveName, path, sort: 'type', descending: false, offset, limit: TREE_PAGE })
        .then(
          (listing) => flights === inFlight.current && update((node) => merged(node, listing, offset)),
          (error: unknown) => flights === inFlight.current && update(() => ({ ...EMPTY, status: 'error', error: describeError(error) })),
        )
        .finally(() => flights.delete(flight));
    },
    [repositoryId, archiveName],
  );

  // Expanded folders not asked for yet (or to be asked again) load now.
  useEffect(() => {
    for (const path of expanded) if (!nodes.has(path)) load(path, 0);
  }, [expanded, nodes, load]);

  // The contents pane moved: the way to its folder opens.
  useEffect(() => {
    setExpanded((old) => {
      const way = ancestorsOf(current);
      return way.every((p) => old.has(p)) ? old : new Set([...old, ...way]);
    });
  }, [current]);

  /** Forgets folders that could not be read, so the expanded ones are asked again. */
  const retry = useCallback(() => {
    setNodes((old) => {
      const failed = [...old].filter(([, n]) => n.status === 'unavailable' || n.status === 'error');
      if (failed.length === 0) return old;
      const next = new Map(old);
      for (const [path] of failed) next.delete(path);
      return next;
    });
  }, []);
  useEffect(retry, [retryKey, retry]);
  useEvent('index.progress', (event) => {
    if (event.repositoryId === repositoryId && event.archiveName === archiveName && event.state === 'ready') retry();
  });

  const toggle = useCallback((path: string, open: boolean) => {
    // Opening a folder that failed asks again.
    if (open) setNodes((old) => (old.get(path)?.status === 'error' ? new Map([...old].filter(([p]) => p !== path)) : old));
    setExpanded((old) => {
      if (old.has(path) === open) return old;
      const next = new Set(old);
      if (open) next.add(path);
      else next.delete(path);
      return next;
    });
  }, []);

  const loadMore = useCallback(
    (parent: string) => {
      const node = nodes.get(parent);
      if (node?.status === 'loaded' && node.more && !node.loadingMore) load(parent, node.next);
    },
    [nodes, load],
  );

  const rows = useMemo(() => flatten(nodes, expanded, current), [nodes, expanded, current]);
  return { rows, toggle, loadMore };
}
