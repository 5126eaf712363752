import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { FolderEntryRow } from '../../../electron/core/api/contract';
import { useRowWindow } from '../archives/use-row-window';
import { FolderRow } from './folder-row';
import type { FolderSort, SortKey } from './use-folder';

const COLUMNS = 5;

/**
 * A folder's entries: sortable headers (the core sorts), checkboxes with shift-click ranges, and
 * the keyboard of a file manager (arrows, Home/End, Enter opens a folder or a file, Space selects,
 * Backspace goes up, Alt+Left/Right back and forward). Big folders render only the rows near the
 * viewport and fetch their pages as they come into view.
 */
export function FolderTable({
  total,
  entryAt,
  ensure,
  sort,
  onSort,
  isSelected,
  highlight,
  focusIndex,
  onFocusIndex,
  onToggle,
  onOpen,
  onUp,
  onBack,
  onForward,
  refocus,
}: {
  total: number;
  entryAt: (index: number) => FolderEntryRow | undefined;
  ensure: (start: number, end: number) => void;
  sort: FolderSort;
  onSort: (key: SortKey) => void;
  isSelected: (path: string) => boolean;
  highlight: string | null;
  focusIndex: number;
  onFocusIndex: (index: number) => void;
  onToggle: (index: number, range: boolean) => void;
  onOpen: (entry: FolderEntryRow) => void;
  onUp: () => void;
  onBack: () => void;
  onForward: () => void;
  /** Set when the focused row should get the keyboard focus once rendered (kept across folders). */
  refocus: RefObject<boolean>;
}) {
  const body = useRef<HTMLTableSectionElement>(null);
  const view = useRowWindow(total, body);
  const moved = refocus;

  useEffect(() => ensure(view.start, view.end), [ensure, view.start, view.end]);

  // After a key moved the focus: focus that row, scrolling the window to it first when not rendered.
  useEffect(() => {
    if (!moved.current || !body.current) return;
    const row = body.current.querySelector<HTMLElement>(`tr[data-index="${focusIndex}"]`);
    if (row) {
      moved.current = false;
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: 'nearest' });
    } else if (view.windowed) {
      const top = body.current.getBoundingClientRect().top + window.scrollY + focusIndex * view.rowHeight;
      window.scrollTo({ top: Math.max(0, top - window.innerHeight / 2) });
    }
  }, [focusIndex, view.start, view.end, view.windowed, view.rowHeight]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const move = (index: number) => {
      event.preventDefault();
      moved.current = true;
      onFocusIndex(Math.max(0, Math.min(total - 1, index)));
    };
    // Going to another folder: its first row takes the focus when it shows.
    const leave = (go: () => void) => {
      event.preventDefault();
      moved.current = true;
      go();
    };
    if (event.altKey && event.key === 'ArrowLeft') return leave(onBack);
    if (event.altKey && event.key === 'ArrowRight') return leave(onForward);
    switch (event.key) {
      case 'ArrowDown':
        return move(focusIndex + 1);
      case 'ArrowUp':
        return move(focusIndex - 1);
      case 'PageDown':
        return move(focusIndex + 10);
      case 'PageUp':
        return move(focusIndex - 10);
      case 'Home':
        return move(0);
      case 'End':
        return move(total - 1);
      case 'Backspace':
        return leave(onUp);
      case 'Enter': {
        const entry = entryAt(focusIndex);
        if (entry?.kind === 'folder') leave(() => onOpen(entry));
        else if (entry?.kind === 'file') {
          event.preventDefault();
          onOpen(entry);
        }
        return;
      }
      case ' ':
        event.preventDefault();
        return onToggle(focusIndex, event.shiftKey);
    }
  };

  const header = (key: SortKey, label: ReactNode, numeric = false) => (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" onClick={() => onSort(key)}>
        {label}
        <span aria-hidden="true" className="sort-arrow">{sort.key === key ? (sort.descending ? '▼' : '▲') : ''}</span>
      </button>
    </th>
  );

  const rows: ReactNode[] = [];
  for (let index = view.start; index < view.end; index++) {
    const entry = entryAt(index);
    rows.push(
      entry ? (
        <FolderRow
          key={entry.path}
          entry={entry}
          index={index}
          focused={index === focusIndex}
          selected={isSelected(entry.path)}
          highlighted={entry.path === highlight}
          onFocusRow={onFocusIndex}
          onToggle={onToggle}
          onOpen={onOpen}
        />
      ) : (
        <tr key={`pending-${index}`} className="pending" aria-rowindex={index + 2}>
          <td colSpan={COLUMNS} className="muted">Loading…</td>
        </tr>
      ),
    );
  }

  return (
    <div className="table-scroll">
      <table className={view.windowed ? 'browse-table windowed' : 'browse-table'} role="grid" aria-label="Folder contents" aria-rowcount={total + 1} aria-multiselectable="true" data-count={total}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="check-cell"><span className="visually-hidden">Selected</span></th>
            {header('name', 'Name')}
            {header('size', 'Size', true)}
            {header('mtime', 'Modified')}
            {header('type', 'Type')}
          </tr>
        </thead>
        <tbody ref={body} onKeyDown={onKeyDown}>
          {view.start > 0 && <Spacer height={view.start * view.rowHeight} />}
          {rows}
          {view.end < total && <Spacer height={(total - view.end) * view.rowHeight} />}
        </tbody>
      </table>
    </div>
  );
}

/** Stands in for the rows not rendered, so the page keeps its full height and scroll position. */
function Spacer({ height }: { height: number }) {
  return (
    <tr className="spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMNS} />
    </tr>
  );
}
