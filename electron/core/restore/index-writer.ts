import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { encodeHeader, FLAG_IMPLIED, HEADER_SIZE, LINK_SIZE, NONE, ORDER_DIR_SIZE, ORDERED_MIN_CHILDREN, RECORD_SIZE, writeRecord } from './index-format.js';
import { sortedPositions, sortValue, STORED_ORDERS } from './index-order.js';

/** One archive item as the builder takes it (from a `borg list --json-lines` line). */
export interface IndexItem {
  path: string;
  type: string;
  mode: number;
  size: number;
  mtime: number;
  flags?: number | undefined;
  /** Symlink target, or the hard link's first path. */
  linkTarget?: string | undefined;
}

const CHUNK = 65_536;

function grow<T extends Uint32Array | Float64Array | Uint8Array | Uint16Array>(array: T, needed: number, make: (n: number) => T): T {
  if (needed <= array.length) return array;
  const next = make(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

/**
 * Collects an archive's items as they stream in (typed arrays and one byte blob, no object per
 * item, so a million items stay well under 100 MB) and writes the index file in one pass.
 */
export class IndexBuilder {
  private count = 1; // entry 0 is the root
  private parent = new Uint32Array(1024).fill(NONE);
  private nameOffset = new Uint32Array(1024);
  private nameLength = new Uint16Array(1024);
  private type = new Uint8Array(1024).fill(100); // 'd'
  private flags = new Uint8Array(1024).fill(FLAG_IMPLIED);
  private mode = new Uint32Array(1024).fill(0o755);
  private size = new Float64Array(1024);
  private mtime = new Float64Array(1024);
  private names = Buffer.alloc(1 << 16);
  private namesLength = 0;
  private readonly links = new Map<number, string>();
  private readonly folders = new Map<string, number>([['', 0]]);

  /** Items added so far. */
  get entries(): number {
    return this.count - 1;
  }

  add(item: IndexItem): void {
    const path = item.path.replace(/^\/+/, '').replace(/\/+$/, '');
    if (path === '') return;
    const existing = item.type === 'd' ? this.folders.get(path) : undefined;
    const id = existing ?? this.newEntry(path);
    if (item.type === 'd') this.folders.set(path, id);
    this.type[id] = item.type.charCodeAt(0) & 0xff;
    this.flags[id] = item.flags ?? 0;
    this.mode[id] = item.mode;
    this.size[id] = item.size;
    this.mtime[id] = item.mtime;
    if (item.linkTarget !== undefined && item.linkTarget !== '') this.links.set(id, item.linkTarget);
  }

  private newEntry(path: string): number {
    const slash = path.lastIndexOf('/');
    const parent = slash < 0 ? 0 : this.folder(path.slice(0, slash));
    const name = path.slice(slash + 1);
    const id = this.count++;
    const n = this.count;
    this.parent = grow(this.parent, n, (k) => new Uint32Array(k));
    this.nameOffset = grow(this.nameOffset, n, (k) => new Uint32Array(k));
    this.nameLength = grow(this.nameLength, n, (k) => new Uint16Array(k));
    this.type = grow(this.type, n, (k) => new Uint8Array(k));
    this.flags = grow(this.flags, n, (k) => new Uint8Array(k));
    this.mode = grow(this.mode, n, (k) => new Uint32Array(k));
    this.size = grow(this.size, n, (k) => new Float64Array(k));
    this.mtime = grow(this.mtime, n, (k) => new Float64Array(k));
    const bytes = Buffer.byteLength(name);
    if (bytes > 0xffff) throw new RangeError(`a name in the archive is too long to index (${bytes} bytes)`);
    if (this.namesLength + bytes > this.names.length) {
      const next = Buffer.alloc(Math.max(this.names.length * 2, this.namesLength + bytes));
      this.names.copy(next, 0, 0, this.namesLength);
      this.names = next;
    }
    this.names.write(name, this.namesLength, 'utf8');
    this.parent[id] = parent;
    this.nameOffset[id] = this.namesLength;
    this.nameLength[id] = bytes;
    this.namesLength += bytes;
    return id;
  }

  /** The folder at `path`, made up (FLAG_IMPLIED) when the archive has no item for it (yet). */
  private folder(path: string): number {
    const known = this.folders.get(path);
    if (known !== undefined) return known;
    const id = this.newEntry(path);
    this.type[id] = 100; // 'd'
    this.flags[id] = FLAG_IMPLIED;
    this.mode[id] = 0o755;
    this.size[id] = 0;
    this.mtime[id] = 0;
    this.folders.set(path, id);
    return id;
  }

  private name(id: number): string {
    const offset = this.nameOffset[id] ?? 0;
    return this.names.toString('utf8', offset, offset + (this.nameLength[id] ?? 0));
  }

  /** Writes the index to `file` (through a temporary name, so a reader never sees half of it). */
  async write(file: string): Promise<{ entries: number; bytes: number }> {
    const n = this.count;
    // Children grouped by parent (counting sort), then each group sorted by name.
    const childCount = new Uint32Array(n);
    for (let id = 1; id < n; id++) childCount[this.parent[id] ?? 0]! += 1;
    const groupStart = new Uint32Array(n + 1);
    for (let id = 0; id < n; id++) groupStart[id + 1] = (groupStart[id] ?? 0) + (childCount[id] ?? 0);
    const fill = groupStart.slice(0, n);
    const grouped = new Uint32Array(Math.max(n - 1, 0));
    for (let id = 1; id < n; id++) grouped[fill[this.parent[id] ?? 0]!++] = id;
    for (let folder = 0; folder < n; folder++) {
      const count = childCount[folder] ?? 0;
      if (count < 2) continue;
      const start = groupStart[folder] ?? 0;
      const ids = Array.from(grouped.subarray(start, start + count));
      const names = new Map(ids.map((id) => [id, this.name(id)]));
      ids.sort((a, b) => {
        const x = names.get(a) ?? '';
        const y = names.get(b) ?? '';
        return x < y ? -1 : x > y ? 1 : a - b;
      });
      grouped.set(ids, start);
    }
    // Breadth-first layout: old id → position; each folder's children land next to each other.
    const order = new Uint32Array(n); // position → old id
    const position = new Uint32Array(n);
    const firstChild = new Uint32Array(n).fill(NONE);
    let placed = 1;
    for (let cursor = 0; cursor < placed; cursor++) {
      const id = order[cursor] ?? 0;
      const count = childCount[id] ?? 0;
      if (count === 0) continue;
      firstChild[id] = placed;
      const start = groupStart[id] ?? 0;
      for (let k = 0; k < count; k++) {
        const child = grouped[start + k] ?? 0;
        order[placed] = child;
        position[child] = placed++;
      }
    }
    const stringsOffset = HEADER_SIZE + n * RECORD_SIZE;
    const linkIds = [...this.links.keys()].sort((a, b) => (position[a] ?? 0) - (position[b] ?? 0));
    const linkBlob = linkIds.map((id) => Buffer.from(this.links.get(id) ?? '', 'utf8'));
    const linkBytes = linkBlob.reduce((sum, b) => sum + b.length, 0);
    const stringsLength = this.namesLength + linkBytes;
    const linksOffset = stringsOffset + stringsLength;
    // Big folders (by position in the file) get their other orders stored after the link table.
    const orderedFolders: number[] = [];
    for (let at = 0; at < n; at++) if ((childCount[order[at] ?? 0] ?? 0) >= ORDERED_MIN_CHILDREN) orderedFolders.push(at);
    const ordersOffset = linksOffset + linkIds.length * LINK_SIZE;

    let end = ordersOffset;
    const temporary = `${file}.${process.pid}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.write(
        encodeHeader({ entryCount: n, stringsOffset, stringsLength, linksOffset, linkCount: linkIds.length, orderedCount: orderedFolders.length, ordersOffset }),
        0,
        HEADER_SIZE,
        0,
      );
      let nameCursor = 0;
      for (let from = 0; from < n; from += CHUNK) {
        const to = Math.min(n, from + CHUNK);
        const records = Buffer.alloc((to - from) * RECORD_SIZE);
        const chunkNames: Buffer[] = [];
        const chunkNameStart = nameCursor;
        for (let at = from; at < to; at++) {
          const id = order[at] ?? 0;
          const length = this.nameLength[id] ?? 0;
          const offset = this.nameOffset[id] ?? 0;
          chunkNames.push(this.names.subarray(offset, offset + length));
          const parentId = this.parent[id] ?? NONE;
          writeRecord(records, at - from, {
            nameOffset: nameCursor,
            nameLength: length,
            type: String.fromCharCode(this.type[id] ?? 100),
            flags: this.flags[id] ?? 0,
            mode: this.mode[id] ?? 0,
            parent: parentId === NONE ? NONE : (position[parentId] ?? 0),
            firstChild: firstChild[id] ?? NONE,
            childCount: childCount[id] ?? 0,
            size: this.size[id] ?? 0,
            mtime: this.mtime[id] ?? 0,
          });
          nameCursor += length;
        }
        await handle.write(records, 0, records.length, HEADER_SIZE + from * RECORD_SIZE);
        const namesChunk = Buffer.concat(chunkNames);
        await handle.write(namesChunk, 0, namesChunk.length, stringsOffset + chunkNameStart);
      }
      const table = Buffer.alloc(linkIds.length * LINK_SIZE);
      let linkCursor = this.namesLength;
      linkIds.forEach((id, k) => {
        const bytes = linkBlob[k] ?? Buffer.alloc(0);
        table.writeUInt32LE(position[id] ?? 0, k * LINK_SIZE);
        table.writeUInt32LE(linkCursor, k * LINK_SIZE + 4);
        table.writeUInt32LE(bytes.length, k * LINK_SIZE + 8);
        linkCursor += bytes.length;
      });
      const blob = Buffer.concat(linkBlob);
      await handle.write(blob, 0, blob.length, stringsOffset + this.namesLength);
      await handle.write(table, 0, table.length, linksOffset);
      end = await this.writeOrders(handle, ordersOffset, orderedFolders, order, firstChild, childCount);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    await rename(temporary, file);
    return { entries: n - 1, bytes: end };
  }

  /** The order directory and each big folder's stored orders; returns where the file ends. */
  private async writeOrders(
    handle: FileHandle,
    offset: number,
    folders: readonly number[],
    order: Uint32Array,
    firstChild: Uint32Array,
    childCount: Uint32Array,
  ): Promise<number> {
    const directory = Buffer.alloc(folders.length * ORDER_DIR_SIZE);
    let cursor = offset + directory.length;
    for (const [row, at] of folders.entries()) {
      const id = order[at] ?? 0;
      const count = childCount[id] ?? 0;
      const first = firstChild[id] ?? 0;
      directory.writeUInt32LE(at, row * ORDER_DIR_SIZE);
      directory.writeUInt32LE(count, row * ORDER_DIR_SIZE + 4);
      directory.writeDoubleLE(cursor, row * ORDER_DIR_SIZE + 8);
      for (const { sort, descending } of STORED_ORDERS) {
        const values = new Float64Array(count);
        for (let k = 0; k < count; k++) {
          const child = order[first + k] ?? 0;
          values[k] = sortValue(sort, this.type[child] ?? 0, this.size[child] ?? 0, this.mtime[child] ?? 0);
        }
        // Written in the machine's byte order: little-endian on every platform Cairn runs on.
        const positions = sortedPositions(values, descending);
        await handle.write(positions, 0, positions.byteLength, cursor);
        cursor += positions.byteLength;
      }
    }
    await handle.write(directory, 0, directory.length, offset);
    return cursor;
  }
}
