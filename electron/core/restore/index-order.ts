// Orders of a folder's children other than by name. Children are stored sorted by name, so each
// order is a permutation of their positions; ties keep name order in both directions.

/** How a folder listing is ordered; `type` puts folders first, then by name. */
export type FolderSort = 'name' | 'size' | 'mtime' | 'type';

/** The orders written into the index for big folders, in file order (name order needs none). */
export const STORED_ORDERS: readonly { sort: Exclude<FolderSort, 'name'>; descending: boolean }[] = [
  { sort: 'size', descending: false },
  { sort: 'size', descending: true },
  { sort: 'mtime', descending: false },
  { sort: 'mtime', descending: true },
  { sort: 'type', descending: false },
  { sort: 'type', descending: true },
];

/** Which stored order answers a sort, or -1 (name order is the stored one). */
export function storedOrderSlot(sort: FolderSort, descending: boolean): number {
  return STORED_ORDERS.findIndex((o) => o.sort === sort && o.descending === descending);
}

const POSITION_SPAN = 2 ** 22; // up to 4 million entries in one folder

function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] ?? 0) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The positions of `values` in ascending or descending order, equal values in position order.
 * Native sorts of plain numbers instead of a comparator called millions of times: values become
 * ranks, and (rank, position) packs into one exact double per entry.
 */
export function sortedPositions(values: Float64Array, descending: boolean): Uint32Array {
  const n = values.length;
  const distinct = values.slice().sort();
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const rank = lowerBound(distinct, values[i] ?? 0);
    // Descending ranks count down, so one ascending sort keeps positions ascending within a tie.
    keys[i] = (descending ? n - 1 - rank : rank) * POSITION_SPAN + i;
  }
  keys.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = (keys[i] ?? 0) % POSITION_SPAN;
  return order;
}

/** The value a child sorts by: size, mtime, or 0 for folders and 1 for the rest. */
export function sortValue(sort: Exclude<FolderSort, 'name'>, type: number, size: number, mtime: number): number {
  return sort === 'size' ? size : sort === 'mtime' ? mtime : type === 100 /* 'd' */ ? 0 : 1;
}
