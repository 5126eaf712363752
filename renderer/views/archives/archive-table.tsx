import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { ArchiveRow } from '../../../electron/core/api/contract';
import { ArchiveTableRow, type PruneMark } from './archive-row';
import { nextSort, sortRows, type DisplayRow, type Sort, type SortKey } from './rows';
import { useRowWindow } from './use-row-window';

/**
 * The archives of the selection, sortable by date and size, optionally marked by a prune preview.
 * Sizes come before the long name so a narrow window shows them without scrolling sideways.
 * Long lists render only the rows near the viewport (see useRowWindow).
 */
export function ArchiveTable({
  rows,
  marks,
  onDelete,
  onBrowse,
}: {
  rows: readonly DisplayRow[];
  marks: ReadonlyMap<string, PruneMark> | null;
  onDelete: (archive: ArchiveRow) => void;
  onBrowse: (archive: ArchiveRow) => void;
}) {
  const [sort, setSort] = useState<Sort>({ key: 'date', direction: 'descending' });
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const body = useRef<HTMLTableSectionElement>(null);
  const view = useRowWindow(sorted.length, body);
  const columns = marks ? 8 : 7;
  const header = (key: SortKey, label: ReactNode, numeric: boolean) => (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={sort.key === key ? sort.direction : 'none'}>
      <button type="button" className="sort" onClick={() => setSort((s) => nextSort(s, key))}>
        {label}
        <span aria-hidden="true" className="sort-arrow">{sort.key === key ? (sort.direction === 'descending' ? '▼' : '▲') : ''}</span>
      </button>
    </th>
  );
  return (
    <div className="table-scroll archives-table-wrap">
      <table className={view.windowed ? 'archives-table windowed' : 'archives-table'} aria-rowcount={sorted.length + 1} data-count={sorted.length}>
        <thead>
          <tr aria-rowindex={1}>
            {header('date', 'Date', false)}
            {marks && <th scope="col">Prune preview</th>}
            {header('originalSize', 'Original size', true)}
            {header('deduplicatedSize', 'Deduplicated', true)}
            <th scope="col" className="num">Duration</th>
            <th scope="col" className="num">Files</th>
            <th scope="col">Name</th>
            <th scope="col" className="row-actions"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody ref={body}>
          {view.start > 0 && <Spacer columns={columns} height={view.start * view.rowHeight} />}
          {sorted.slice(view.start, view.end).map((row, i) => (
            <ArchiveTableRow
              key={row.archive.name}
              row={row}
              rowIndex={view.start + i + 2}
              mark={marks?.get(row.archive.name)}
              showMarks={marks !== null}
              onDelete={onDelete}
              onBrowse={onBrowse}
            />
          ))}
          {view.end < sorted.length && <Spacer columns={columns} height={(sorted.length - view.end) * view.rowHeight} />}
        </tbody>
      </table>
    </div>
  );
}

/** Stands in for the rows not rendered, so the page keeps its full height and scroll position. */
function Spacer({ columns, height }: { columns: number; height: number }) {
  return (
    <tr className="spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={columns} />
    </tr>
  );
}
