import { open, type FileHandle } from 'node:fs/promises';
import { decodeHeader, FLAG_HARDLINK, FLAG_IMPLIED, HEADER_SIZE, LINK_SIZE, NONE, readRecord, RECORD_SIZE, type IndexHeader, type IndexRecord } from './index-format.js';

/** How a folder listing is ordered; `type` puts folders first, then by name. */
export type FolderSort = 'name' | 'size' | 'mtime' | 'type';

/** One entry of a folder, as the browser shows it. */
export interface FolderEntry {
  name: string;
  /** Archive path (no leading `/`). */
  path: string;
  kind: 'file' | 'folder' | 'symlink' | 'other';
  size: number;
  /** Milliseconds since the epoch; 0 for folders implied by deeper paths. */
  mtime: number;
  mode: number;
  /** Items inside a folder. */
  childCount: number;
  linkTarget: string | null;
  hardlink: boolean;
}

/** A page of a folder's entries. */
export interface FolderPage {
  total: number;
  entries: FolderEntry[];
}

/** Options of listFolder. */
export interface ListOptions {
  sort?: FolderSort | undefined;
  descending?: boolean | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

function kindOf(type: string): FolderEntry['kind'] {
  return type === 'd' ? 'folder' : type === '-' ? 'file' : type === 'l' ? 'symlink' : 'other';
}

const SCAN_CHUNK = 32_768;
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

/** After a descending sort, entries with equal values back in name order. */
function stableTies(order: Uint32Array, keys: Float64Array): void {
  const rank = (i: number): number => Math.floor((keys[i] ?? 0) / POSITION_SPAN);
  let start = 0;
  for (let i = 1; i <= order.length; i++) {
    if (i === order.length || rank(i) !== rank(start)) {
      if (i - start > 1) order.subarray(start, i).reverse();
      start = i;
    }
  }
}

/** A folder's records and names, read in two reads. */
interface Block {
  records: Buffer;
  names: Buffer;
  first: number;
  count: number;
  namesStart: number;
}

/**
 * An archive index opened for reading: nothing is loaded up front, each question reads only the
 * records it needs, so opening is instant and memory stays small whatever the archive's size.
 */
export class ArchiveIndex {
  private readonly sorted = new Map<string, Uint32Array>();

  private constructor(
    private readonly handle: FileHandle,
    readonly header: IndexHeader,
  ) {}

  /** Opens an index file; throws when it is missing or not an index. */
  static async open(file: string): Promise<ArchiveIndex> {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(HEADER_SIZE);
      await handle.read(buffer, 0, HEADER_SIZE, 0);
      return new ArchiveIndex(handle, decodeHeader(buffer));
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Items in the archive (the root not counted). */
  get entryCount(): number {
    return this.header.entryCount - 1;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  private async read(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    if (length > 0) await this.handle.read(buffer, 0, length, position);
    return buffer;
  }

  private async records(first: number, count: number): Promise<Buffer> {
    return this.read(HEADER_SIZE + first * RECORD_SIZE, count * RECORD_SIZE);
  }

  /** One record. */
  async record(id: number): Promise<IndexRecord> {
    if (id < 0 || id >= this.header.entryCount) throw new RangeError(`no entry ${id}`);
    return readRecord(await this.records(id, 1), 0);
  }

  private async block(folder: IndexRecord): Promise<Block> {
    const count = folder.firstChild === NONE ? 0 : folder.childCount;
    if (count === 0) return { records: Buffer.alloc(0), names: Buffer.alloc(0), first: 0, count: 0, namesStart: 0 };
    const records = await this.records(folder.firstChild, count);
    const firstRecord = readRecord(records, 0);
    const lastRecord = readRecord(records, count - 1);
    const namesStart = firstRecord.nameOffset;
    const names = await this.read(this.header.stringsOffset + namesStart, lastRecord.nameOffset + lastRecord.nameLength - namesStart);
    return { records, names, first: folder.firstChild, count, namesStart };
  }

  private static nameIn(block: Block, k: number): string {
    const at = k * RECORD_SIZE;
    const offset = block.records.readUInt32LE(at) - block.namesStart;
    return block.names.toString('utf8', offset, offset + block.records.readUInt16LE(at + 4));
  }

  /** The entry id of an archive path ('' is the root), or null when the archive has no such path. */
  async lookup(path: string): Promise<number | null> {
    const parts = path.split('/').filter((p) => p !== '');
    let id = 0;
    for (const part of parts) {
      const record = await this.record(id);
      if (record.type !== 'd') return null;
      const block = await this.block(record);
      // Children are sorted by name (JS string order), so a binary search finds the part.
      let low = 0;
      let high = block.count - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const name = ArchiveIndex.nameIn(block, mid);
        if (name === part) {
          found = mid;
          break;
        }
        if (name < part) low = mid + 1;
        else high = mid - 1;
      }
      if (found < 0) return null;
      id = block.first + found;
    }
    return id;
  }

  /** The archive path of an entry. */
  async pathOf(id: number): Promise<string> {
    const parts: string[] = [];
    let current = id;
    while (current !== 0 && current !== NONE) {
      const record = await this.record(current);
      parts.push((await this.read(this.header.stringsOffset + record.nameOffset, record.nameLength)).toString('utf8'));
      current = record.parent;
    }
    return parts.reverse().join('/');
  }

  /** A symlink's target or a hard link's first path. */
  async linkTarget(id: number): Promise<string | null> {
    let low = 0;
    let high = this.header.linkCount - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const row = await this.read(this.header.linksOffset + mid * LINK_SIZE, LINK_SIZE);
      const entry = row.readUInt32LE(0);
      if (entry === id) return (await this.read(this.header.stringsOffset + row.readUInt32LE(4), row.readUInt32LE(8))).toString('utf8');
      if (entry < id) low = mid + 1;
      else high = mid - 1;
    }
    return null;
  }

  /** An entry as the browser shows it. */
  async entry(id: number, path?: string): Promise<FolderEntry> {
    const record = await this.record(id);
    const fullPath = path ?? (await this.pathOf(id));
    return this.toEntry(record, fullPath.slice(fullPath.lastIndexOf('/') + 1), fullPath, id);
  }

  private async toEntry(record: IndexRecord, name: string, path: string, id: number): Promise<FolderEntry> {
    const entry = ArchiveIndex.plainEntry(record, name, path);
    if (record.type === 'l' || entry.hardlink) entry.linkTarget = await this.linkTarget(id);
    return entry;
  }

  private static plainEntry(record: IndexRecord, name: string, path: string): FolderEntry {
    return {
      name,
      path,
      kind: kindOf(record.type),
      size: record.size,
      mtime: record.mtime,
      mode: record.mode,
      childCount: record.type === 'd' ? record.childCount : 0,
      linkTarget: null,
      hardlink: (record.flags & FLAG_HARDLINK) !== 0,
    };
  }

  /** Whether the folder is one the archive only implies (a parent of what was backed up). */
  static implied(record: IndexRecord): boolean {
    return (record.flags & FLAG_IMPLIED) !== 0;
  }

  /** A page of a folder's entries in the order asked for; null when the path is not a folder. */
  async listFolder(path: string, options: ListOptions = {}): Promise<FolderPage | null> {
    const id = await this.lookup(path);
    if (id === null) return null;
    const folder = await this.record(id);
    if (folder.type !== 'd') return null;
    const block = await this.block(folder);
    const order = this.orderOf(id, block, options.sort ?? 'name', options.descending ?? false);
    const offset = Math.max(0, options.offset ?? 0);
    const end = Math.min(block.count, offset + (options.limit ?? block.count));
    const prefix = path.split('/').filter((p) => p !== '').join('/');
    const entries: FolderEntry[] = [];
    for (let i = offset; i < end; i++) {
      const k = order === null ? i : (order[i] ?? 0);
      const record = readRecord(block.records, k);
      const name = ArchiveIndex.nameIn(block, k);
      const entry = ArchiveIndex.plainEntry(record, name, prefix === '' ? name : `${prefix}/${name}`);
      // Only links cost a read more.
      if (record.type === 'l' || entry.hardlink) entry.linkTarget = await this.linkTarget(block.first + k);
      entries.push(entry);
    }
    return { total: block.count, entries };
  }

  /** The order of a folder's children for a sort (null: stored order); the last few are kept for paging. */
  private orderOf(id: number, block: Block, sort: FolderSort, descending: boolean): Uint32Array | null {
    if (sort === 'name' && !descending) return null;
    const key = `${id}:${sort}:${descending}`;
    const cached = this.sorted.get(key);
    if (cached) return cached;
    const n = block.count;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (sort !== 'name') {
      // Native sorts of plain numbers instead of a comparator called millions of times: values
      // become ranks, and (rank, stored position) packs into one exact double per entry.
      const values = new Float64Array(n);
      const { records } = block;
      if (sort !== 'type' && records.byteOffset % 8 === 0) {
        // Records are 5 doubles wide with size and mtime as the 4th and 5th: read them as doubles.
        const doubles = new Float64Array(records.buffer, records.byteOffset, (n * RECORD_SIZE) / 8);
        const field = sort === 'size' ? 3 : 4;
        for (let i = 0; i < n; i++) values[i] = doubles[i * 5 + field] ?? 0;
      } else {
        for (let i = 0; i < n; i++) {
          const at = i * RECORD_SIZE;
          values[i] = sort === 'size' ? records.readDoubleLE(at + 24) : sort === 'mtime' ? records.readDoubleLE(at + 32) : records.readUInt8(at + 6) === 100 ? 0 : 1;
        }
      }
      const distinct = values.slice().sort();
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) keys[i] = lowerBound(distinct, values[i] ?? 0) * POSITION_SPAN + i;
      keys.sort();
      if (descending) keys.reverse();
      for (let i = 0; i < n; i++) order[i] = (keys[i] ?? 0) % POSITION_SPAN;
      if (descending) stableTies(order, keys);
    } else {
      order.reverse();
    }
    if (this.sorted.size >= 4) this.sorted.delete(this.sorted.keys().next().value ?? '');
    this.sorted.set(key, order);
    return order;
  }

  /** Calls `visit` with every entry's id, record and name, in file order (a folder's children together). */
  async scan(visit: (id: number, record: IndexRecord, name: string) => boolean | void, signal?: AbortSignal): Promise<void> {
    const total = this.header.entryCount;
    for (let from = 1; from < total; from += SCAN_CHUNK) {
      if (signal?.aborted) return;
      const count = Math.min(SCAN_CHUNK, total - from);
      const records = await this.records(from, count);
      const first = readRecord(records, 0);
      const last = readRecord(records, count - 1);
      const names = await this.read(this.header.stringsOffset + first.nameOffset, last.nameOffset + last.nameLength - first.nameOffset);
      for (let k = 0; k < count; k++) {
        const record = readRecord(records, k);
        const offset = record.nameOffset - first.nameOffset;
        if (visit(from + k, record, names.toString('utf8', offset, offset + record.nameLength)) === false) return;
      }
    }
  }
}
