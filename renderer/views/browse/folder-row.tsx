import { memo, useRef, type MouseEvent } from 'react';
import type { FolderEntryRow } from '../../../electron/core/api/contract';
import { formatBytes } from '../../../electron/core/format';
import { formatLocalTime } from '../archives/rows';

/** What a row's kind is called in the Type column. */
export function kindLabel(entry: FolderEntryRow): string {
  switch (entry.kind) {
    case 'folder':
      return 'Folder';
    case 'symlink':
      return 'Link';
    case 'other':
      return 'Special';
    case 'file': {
      const dot = entry.name.lastIndexOf('.');
      return dot > 0 && dot < entry.name.length - 1 ? `${entry.name.slice(dot + 1).toUpperCase()} file` : 'File';
    }
  }
}

/**
 * One entry of the folder. Memoized: moving the focus or selecting re-renders two rows, not all.
 * Only the focused row is in the tab order (arrow keys move between rows). A folder opens from its
 * name, a file with a double-click.
 */
export const FolderRow = memo(function FolderRow({
  entry,
  index,
  focused,
  selected,
  highlighted,
  onFocusRow,
  onToggle,
  onOpen,
}: {
  entry: FolderEntryRow;
  index: number;
  focused: boolean;
  selected: boolean;
  highlighted: boolean;
  onFocusRow: (index: number) => void;
  onToggle: (index: number, range: boolean) => void;
  onOpen: (entry: FolderEntryRow) => void;
}) {
  const folder = entry.kind === 'folder';
  // Clicks this row itself received: a double-click opens a file only when both clicks were its
  // own, not when the first one opened a folder and this row then appeared under the pointer.
  const clicks = useRef(0);
  return (
    <tr
      data-index={index}
      data-path={entry.path}
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={focused ? 0 : -1}
      className={[selected ? 'selected' : '', highlighted ? 'highlighted' : ''].join(' ').trim() || undefined}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onFocusRow(index);
      }}
      onClick={(event: MouseEvent) => {
        if (event.target instanceof HTMLInputElement || event.target instanceof HTMLButtonElement) return;
        clicks.current += 1;
        onFocusRow(index);
        if (event.shiftKey || event.ctrlKey || event.metaKey) onToggle(index, event.shiftKey);
      }}
      onDoubleClick={(event: MouseEvent) => {
        if (event.target instanceof HTMLInputElement || event.target instanceof HTMLButtonElement) return;
        if (entry.kind === 'file' && clicks.current >= 2) onOpen(entry);
      }}
    >
      <td className="check-cell">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          aria-label={`Select ${entry.name}`}
          onChange={() => undefined}
          onClick={(event) => onToggle(index, event.shiftKey)}
        />
      </td>
      <td className="entry-name" title={entry.path}>
        {folder ? (
          <button type="button" className="link" tabIndex={-1} onClick={() => onOpen(entry)}>
            {entry.name}
          </button>
        ) : (
          <span>
            {entry.name}
            {entry.linkTarget !== null && <span className="muted"> → {entry.linkTarget}</span>}
          </span>
        )}
      </td>
      <td className="num">{folder ? `${entry.childCount} ${entry.childCount === 1 ? 'item' : 'items'}` : formatBytes(entry.size)}</td>
      <td className="date">{entry.mtime > 0 ? formatLocalTime(new Date(entry.mtime)) : '—'}</td>
      <td>{kindLabel(entry)}</td>
    </tr>
  );
});
