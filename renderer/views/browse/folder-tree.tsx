import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useFolderTree, type TreeRow } from './use-folder-tree';

/** Below this width the tree hides behind its "Folders" button (styles.css uses the same width). */
export const NARROW_TREE_QUERY = '(max-width: 860px)';

/**
 * The archive's folders as a tree beside the folder contents (WAI-ARIA tree: arrows move, Right
 * expands then enters, Left collapses then goes to the parent, Enter or a click opens the folder
 * in the contents pane). The contents pane's folder is selected and the way to it expanded.
 * In a narrow window the tree folds behind a "Folders" button so the contents keep their width.
 */
export function FolderTree({
  repositoryId,
  archiveName,
  path,
  onOpen,
  retryKey,
}: {
  repositoryId: string;
  archiveName: string;
  path: string;
  onOpen: (path: string) => void;
  /** Changes when the contents pane got a listing: folders that could not be read are asked again. */
  retryKey: string;
}) {
  const { rows, toggle, loadMore } = useFolderTree(repositoryId, archiveName, path, retryKey);
  const [focusKey, setFocusKey] = useState(path);
  const [open, setOpen] = useState(false);
  const items = useRef(new Map<string, HTMLLIElement>());
  const scroller = useRef<HTMLDivElement>(null);
  const moveFocus = useRef(false);
  const id = useId();

  // The contents pane moved: its folder becomes the tree's tab stop, and is scrolled to once shown.
  const reveal = useRef(true);
  useEffect(() => {
    setFocusKey(path);
    reveal.current = true;
  }, [path]);
  useEffect(() => {
    const item = items.current.get(path);
    const box = scroller.current;
    if (!reveal.current || !item || !box) return;
    reveal.current = false;
    // The pane's own scroll only (scrollIntoView would scroll the page too).
    const top = item.offsetTop;
    if (top < box.scrollTop || top + item.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }, [path, rows]);

  // After a key moved the focus: the item takes the keyboard focus once rendered.
  useEffect(() => {
    if (!moveFocus.current) return;
    const item = items.current.get(focusKey);
    if (item) {
      moveFocus.current = false;
      item.focus();
    }
  }, [focusKey, rows]);

  const focusable = rows.some((r) => r.key === focusKey) ? focusKey : rows.some((r) => r.key === path) ? path : (rows[0]?.key ?? '');

  const activate = (row: TreeRow) => {
    if (row.kind === 'more') return loadMore(row.parent);
    onOpen(row.path);
    // A narrow window shows the contents again once a folder is chosen.
    if (window.matchMedia(NARROW_TREE_QUERY).matches) setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const at = rows.findIndex((r) => r.key === focusable);
    const row = rows[at];
    if (!row) return;
    const go = (index: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, index))];
      if (!target) return;
      moveFocus.current = true;
      setFocusKey(target.key);
    };
    const handled = () => event.preventDefault();
    switch (event.key) {
      case 'ArrowDown':
        handled();
        return go(at + 1);
      case 'ArrowUp':
        handled();
        return go(at - 1);
      case 'Home':
        handled();
        return go(0);
      case 'End':
        handled();
        return go(rows.length - 1);
      case 'ArrowRight':
        handled();
        if (row.kind !== 'folder' || !row.expandable) return;
        if (!row.expanded) return toggle(row.path, true);
        // Already open: into its first child, when it has one loaded.
        if ((rows[at + 1]?.level ?? 0) > row.level) go(at + 1);
        return;
      case 'ArrowLeft': {
        handled();
        if (row.kind === 'folder' && row.expanded) return toggle(row.path, false);
        // Otherwise to the parent: the nearest line above with a lower level.
        for (let i = at - 1; i >= 0; i--) if ((rows[i]?.level ?? 0) < row.level) return go(i);
        return;
      }
      case 'Enter':
      case ' ':
        handled();
        return activate(row);
      default:
        if (event.key.length === 1 && event.key !== ' ') {
          // Type-ahead: the next folder whose name starts with the letter typed.
          const letter = event.key.toLocaleLowerCase();
          for (let step = 1; step <= rows.length; step++) {
            const candidate = rows[(at + step) % rows.length];
            if (candidate?.kind === 'folder' && candidate.name.toLocaleLowerCase().startsWith(letter)) return go((at + step) % rows.length);
          }
        }
    }
  };

  return (
    <div className={open ? 'folder-tree-pane open' : 'folder-tree-pane'}>
      <button type="button" className="folders-toggle" aria-label="Folders of this archive" aria-expanded={open} aria-controls={`${id}-tree`} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> Folders
      </button>
      <div className="folder-tree-body" id={`${id}-tree`} ref={scroller}>
        <ul role="tree" aria-label="Folders" className="folder-tree" onKeyDown={onKeyDown}>
          {rows.map((row, i) => {
            const label = `${id}-label-${i}`;
            const note = `${id}-note-${i}`;
            const current = row.kind === 'folder' && row.path === path;
            return (
              <li
                key={row.key}
                ref={(element) => {
                  if (element) items.current.set(row.key, element);
                  else items.current.delete(row.key);
                }}
                role="treeitem"
                aria-level={row.level}
                aria-setsize={row.setSize}
                aria-posinset={row.position}
                aria-expanded={row.kind === 'folder' && row.expandable ? row.expanded : undefined}
                aria-selected={current}
                aria-busy={row.busy || undefined}
                aria-labelledby={label}
                aria-describedby={row.kind === 'folder' && row.note ? note : undefined}
                data-path={row.kind === 'folder' ? row.path : undefined}
                tabIndex={row.key === focusable ? 0 : -1}
                className={[row.kind === 'more' ? 'tree-more' : '', current ? 'current' : ''].join(' ').trim() || undefined}
                style={{ paddingInlineStart: `${(row.level - 1) * 0.9 + 0.2}rem` }}
                onFocus={(event) => event.target === event.currentTarget && setFocusKey(row.key)}
                onClick={() => {
                  setFocusKey(row.key);
                  activate(row);
                }}
              >
                <span
                  className="tree-twisty"
                  aria-hidden="true"
                  onClick={(event) => {
                    if (row.kind !== 'folder' || !row.expandable) return;
                    // The triangle only folds and unfolds: the contents pane stays where it is.
                    event.stopPropagation();
                    setFocusKey(row.key);
                    toggle(row.path, !row.expanded);
                  }}
                >
                  {row.kind === 'folder' && row.expandable ? (row.expanded ? '▾' : '▸') : ''}
                </span>
                <span className="tree-label" id={label} title={row.kind === 'folder' ? row.name : undefined}>
                  {row.kind === 'folder' ? row.name : row.busy ? 'Loading more folders…' : 'More folders…'}
                </span>
                {row.kind === 'folder' && row.busy && <span className="tree-note muted" aria-hidden="true">Loading…</span>}
                {row.kind === 'folder' && row.note && (
                  <span className="tree-note muted" id={note}>
                    {row.note}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
