import type { ArchiveRow } from '../../../electron/core/api/contract';
import { formatBytes } from '../../../electron/core/format';

/** What the table can be sorted by. */
export type SortKey = 'date' | 'originalSize' | 'deduplicatedSize';

/** The table's order: a column and a direction. */
export interface Sort {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

/** An archive with its cells already formatted, so rendering a row costs no formatting. */
export interface DisplayRow {
  archive: ArchiveRow;
  time: number;
  date: string;
  originalSize: string;
  deduplicatedSize: string;
  duration: string;
  files: string;
}

/** Shown for a value the core does not know (yet). */
export const UNKNOWN = '—';

// One number formatter for all rows (formatCount builds one per call: too slow for 1,000 rows).
const counts = new Intl.NumberFormat();
const pad = (n: number) => String(n).padStart(2, '0');

/** "2024-05-29 14:00" in local time: unambiguous, sortable by eye, and far cheaper than Intl per row. */
export function formatLocalTime(when: Date): string {
  return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())} ${pad(when.getHours())}:${pad(when.getMinutes())}`;
}

/** 4 → "4 s", 185 → "3 min 5 s", 3720 → "1 h 2 min": how long a backup took. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return UNKNOWN;
  if (seconds < 0.1) return '< 0.1 s';
  if (seconds < 10) return `${seconds < 1 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

/** Formats every cell of every archive once, when the list arrives. */
export function toDisplayRows(archives: readonly ArchiveRow[]): DisplayRow[] {
  return archives.map((archive) => {
    const when = new Date(archive.start);
    const time = when.getTime();
    const valid = Number.isFinite(time);
    return {
      archive,
      time: valid ? time : 0,
      date: valid ? formatLocalTime(when) : archive.start,
      originalSize: archive.originalSize === null ? UNKNOWN : formatBytes(archive.originalSize),
      deduplicatedSize: archive.deduplicatedSize === null ? UNKNOWN : formatBytes(archive.deduplicatedSize),
      duration: formatDuration(archive.durationSeconds),
      files: archive.nfiles === null ? UNKNOWN : counts.format(archive.nfiles),
    };
  });
}

/** The rows in the table's order; unknown sizes always go last. */
export function sortRows(rows: readonly DisplayRow[], sort: Sort): DisplayRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const value = (row: DisplayRow): number | null =>
    sort.key === 'date' ? row.time : sort.key === 'originalSize' ? row.archive.originalSize : row.archive.deduplicatedSize;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return (x - y) * sign || (b.time - a.time);
  });
}

/** Clicking a header: the same column flips direction, a new one starts newest / largest first. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, direction: 'descending' };
  return { key, direction: current.direction === 'descending' ? 'ascending' : 'descending' };
}
