import { memo } from 'react';
import type { ArchiveRow } from '../../../electron/core/api/contract';
import type { DisplayRow } from './rows';

/** What a prune preview says about one archive. */
export interface PruneMark {
  decision: 'keep' | 'prune';
  rule: string | null;
}

/**
 * One archive of the table. Memoized and effect-free: a list of a thousand archives re-renders
 * only the rows whose data or preview mark changed.
 */
export const ArchiveTableRow = memo(function ArchiveTableRow({
  row,
  rowIndex,
  mark,
  showMarks,
  onDelete,
  onBrowse,
}: {
  row: DisplayRow;
  /** Its position among all rows (header = 1), for screen readers when only some are rendered. */
  rowIndex: number;
  mark: PruneMark | undefined;
  showMarks: boolean;
  onDelete: (archive: ArchiveRow) => void;
  onBrowse: (archive: ArchiveRow) => void;
}) {
  const { archive } = row;
  return (
    <tr data-archive={archive.name} data-decision={mark?.decision} aria-rowindex={rowIndex}>
      <td className="date">
        <time dateTime={archive.start}>{row.date}</time>
      </td>
      {showMarks && <td>{mark ? <Decision mark={mark} /> : <span className="muted">—</span>}</td>}
      <td className="num">{row.originalSize}</td>
      <td className="num">{row.deduplicatedSize}</td>
      <td className="num">{row.duration}</td>
      <td className="num">{row.files}</td>
      <td className="archive-name" title={archive.name}>{archive.name}</td>
      <td className="row-actions">
        <button type="button" className="link" aria-label={`Browse archive ${archive.name}`} onClick={() => onBrowse(archive)}>
          Browse
        </button>{' '}
        <button type="button" className="link" aria-label={`Delete archive ${archive.name}`} onClick={() => onDelete(archive)}>
          Delete
        </button>
      </td>
    </tr>
  );
});

function Decision({ mark }: { mark: PruneMark }) {
  if (mark.decision === 'keep') {
    return <span className="badge ok">Keep{mark.rule ? ` (${mark.rule})` : ''}</span>;
  }
  return <span className="badge warning">Would delete</span>;
}
