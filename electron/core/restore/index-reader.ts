import { open, type FileHandle } from 'node:fs/promises';
import { decodeHeader, FLAG_HARDLINK, FLAG_IMPLIED, HEADER_SIZE, LINK_SIZE, NONE, ORDER_DIR_SIZE, readRecord, RECORD_SIZE, type IndexHeader, type IndexRecord } from './index-format.js';
import { sortedPositions, sortValue, storedOrderSlot, type FolderSort } from './index-order.js';

export type { FolderSort } from './index-order.js';

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
/** Folders bigger than this are searched by name one record at a time instead of read whole. */
const WHOLE_BLOCK_LOOKUP = 4096;

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
  /** The stored orders' directory (folder id → child count, offset), read on first use. */
  private orderDirectory: Map<number, { count: number; offset: number }> | undefined;

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

  /** Records `first`..`first + count - 1` (one folder's children, or a run of them) and their names. */
  private async block(first: number, count: number): Promise<Block> {
    if (count <= 0) return { records: Buffer.alloc(0), names: Buffer.alloc(0), first, count: 0, namesStart: 0 };
    const records = await this.records(first, count);
    const firstRecord = readRecord(records, 0);
    const lastRecord = readRecord(records, count - 1);
    const namesStart = firstRecord.nameOffset;
    const names = await this.read(this.header.stringsOffset + namesStart, lastRecord.nameOffset + lastRecord.nameLength - namesStart);
    return { records, names, first, count, namesStart };
  }

  private static childrenOf(folder: IndexRecord): number {
    return folder.firstChild === NONE ? 0 : folder.childCount;
  }

  private async name(record: IndexRecord): Promise<string> {
    return (await this.read(this.header.stringsOffset + record.nameOffset, record.nameLength)).toString('utf8');
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
      const child = await this.childNamed(record, part);
      if (child === null) return null;
      id = child;
    }
    return id;
  }

  /**
   * A folder's child by name: children are sorted by name (JS string order), so a binary search
   * finds it, over the folder read whole, or one record at a time in a big folder.
   */
  private async childNamed(folder: IndexRecord, part: string): Promise<number | null> {
    const count = ArchiveIndex.childrenOf(folder);
    const block = count <= WHOLE_BLOCK_LOOKUP ? await this.block(folder.firstChild, count) : null;
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const name = block ? ArchiveIndex.nameIn(block, mid) : await this.name(await this.record(folder.firstChild + mid));
      if (name === part) return folder.firstChild + mid;
      if (name < part) low = mid + 1;
      else high = mid - 1;
    }
    return null;
  }

  /** How many items the archive holds at a path: 1 for a file, a folder with all it holds, 0 when absent. */
  async countUnder(path: string): Promise<number> {
    const id = await this.lookup(path);
    if (id === null) return 0;
    let count = 0;
    const pending = [id];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const record = await this.record(next);
      // A folder the archive only implies is not an item of its own.
      if (!ArchiveIndex.implied(record)) count += 1;
      if (record.type !== 'd') continue;
      const children = ArchiveIndex.childrenOf(record);
      const records = await this.records(record.firstChild, children);
      for (let k = 0; k < children; k++) {
        if (records.readUInt8(k * RECORD_SIZE + 6) === 100 /* 'd' */) pending.push(record.firstChild + k);
        else count += 1;
      }
    }
    return count;
  }

  /** The archive path of an entry. */
  async pathOf(id: number): Promise<string> {
    const parts: string[] = [];
    let current = id;
    while (current !== 0 && current !== NONE) {
      const record = await this.record(current);
      parts.push(await this.name(record));
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

  /**
   * A page of a folder's entries in the order asked for; null when the path is not a folder. Only
   * the page is read in name order; other orders read the folder's records once, and big folders
   * take the order itself stored in the index rather than sorting.
   */
  async listFolder(path: string, options: ListOptions = {}): Promise<FolderPage | null> {
    const id = await this.lookup(path);
    if (id === null) return null;
    const folder = await this.record(id);
    if (folder.type !== 'd') return null;
    const total = ArchiveIndex.childrenOf(folder);
    const sort = options.sort ?? 'name';
    const descending = options.descending ?? false;
    const offset = Math.min(total, Math.max(0, options.offset ?? 0));
    const end = Math.min(total, offset + (options.limit ?? total));
    let block: Block;
    let positions: ArrayLike<number>;
    if (sort === 'name') {
      // Stored order, or its reverse: the page's own run of records.
      const from = descending ? total - end : offset;
      block = await this.block(folder.firstChild + from, end - offset);
      positions = Array.from({ length: end - offset }, (_, i) => (descending ? end - offset - 1 - i : i));
    } else {
      block = await this.block(folder.firstChild, total);
      positions = (await this.storedOrder(id, sort, descending, offset, end)) ?? ArchiveIndex.sortBlock(block, sort, descending).subarray(offset, end);
    }
    const prefix = path.split('/').filter((p) => p !== '').join('/');
    const entries: FolderEntry[] = [];
    for (let i = 0; i < positions.length; i++) {
      const k = positions[i] ?? 0;
      const record = readRecord(block.records, k);
      const name = ArchiveIndex.nameIn(block, k);
      const entry = ArchiveIndex.plainEntry(record, name, prefix === '' ? name : `${prefix}/${name}`);
      // Only links cost a read more.
      if (record.type === 'l' || entry.hardlink) entry.linkTarget = await this.linkTarget(block.first + k);
      entries.push(entry);
    }
    return { total, entries };
  }

  /** Positions `offset`..`end` of a big folder's stored order, or null when the folder has none. */
  private async storedOrder(id: number, sort: Exclude<FolderSort, 'name'>, descending: boolean, offset: number, end: number): Promise<Uint32Array | null> {
    if (this.orderDirectory === undefined) {
      const rows = await this.read(this.header.ordersOffset, this.header.orderedCount * ORDER_DIR_SIZE);
      this.orderDirectory = new Map();
      for (let row = 0; row < this.header.orderedCount; row++) {
        const at = row * ORDER_DIR_SIZE;
        this.orderDirectory.set(rows.readUInt32LE(at), { count: rows.readUInt32LE(at + 4), offset: rows.readDoubleLE(at + 8) });
      }
    }
    const stored = this.orderDirectory.get(id);
    if (!stored) return null;
    const slot = storedOrderSlot(sort, descending);
    const bytes = await this.read(stored.offset + (slot * stored.count + offset) * 4, (end - offset) * 4);
    const positions = new Uint32Array(end - offset);
    for (let i = 0; i < positions.length; i++) positions[i] = bytes.readUInt32LE(i * 4);
    return positions;
  }

  /** A small folder's order, sorted now. */
  private static sortBlock(block: Block, sort: Exclude<FolderSort, 'name'>, descending: boolean): Uint32Array {
    const values = new Float64Array(block.count);
    for (let k = 0; k < block.count; k++) {
      const at = k * RECORD_SIZE;
      values[k] = sortValue(sort, block.records.readUInt8(at + 6), block.records.readDoubleLE(at + 24), block.records.readDoubleLE(at + 32));
    }
    return sortedPositions(values, descending);
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
