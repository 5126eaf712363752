// The on-disk layout of an archive index. Archives never change, so an index is written once and
// then only read, a record or a folder at a time:
//
//   header (64 bytes) | records (RECORD_SIZE each) | strings | link table (LINK_SIZE each)
//   | order directory (ORDER_DIR_SIZE each) | orders
//
// Records are grouped by folder (breadth first), each folder's children contiguous and sorted by
// name, so listing a folder is two reads: its records and its names (names are stored in record
// order). Entry 0 is the archive's root. Link targets (symlinks, hard links) follow the names.
// Folders of ORDERED_MIN_CHILDREN children or more also carry their other orders (by size, time
// and type, both ways) precomputed, so a page of a 100,000-entry folder in any order is a few reads.

/** Identifies a Cairn archive index file, and its layout version. */
export const INDEX_MAGIC = 'CAIRNIX1';
export const INDEX_VERSION = 2;
export const HEADER_SIZE = 64;
export const RECORD_SIZE = 40;
export const LINK_SIZE = 12;
/** A directory row: folder id, child count, offset of its orders. */
export const ORDER_DIR_SIZE = 16;
/** Smaller folders are sorted when asked (a few milliseconds). */
export const ORDERED_MIN_CHILDREN = 2048;
/** `parent` of the root; `firstChild` of an entry with no children. */
export const NONE = 0xffffffff;

/** Entry flags. */
export const FLAG_HARDLINK = 1;
/** A folder the archive does not hold itself (a parent of a backed-up folder). */
export const FLAG_IMPLIED = 2;

/** Where each section starts, as the header says. */
export interface IndexHeader {
  entryCount: number;
  stringsOffset: number;
  stringsLength: number;
  linksOffset: number;
  linkCount: number;
  /** Folders with stored orders, and where their directory starts. */
  orderedCount: number;
  ordersOffset: number;
}

/** One record as stored. */
export interface IndexRecord {
  nameOffset: number;
  nameLength: number;
  /** borg's type letter: `d`, `-`, `l`, `b`, `c`, `p`, `s`. */
  type: string;
  flags: number;
  mode: number;
  parent: number;
  firstChild: number;
  childCount: number;
  size: number;
  /** Milliseconds since the epoch (UTC). */
  mtime: number;
}

/** The header's bytes. */
export function encodeHeader(header: IndexHeader): Buffer {
  const buffer = Buffer.alloc(HEADER_SIZE);
  buffer.write(INDEX_MAGIC, 0, 'latin1');
  buffer.writeUInt32LE(INDEX_VERSION, 8);
  buffer.writeUInt32LE(header.entryCount, 12);
  buffer.writeDoubleLE(header.stringsOffset, 16);
  buffer.writeDoubleLE(header.stringsLength, 24);
  buffer.writeDoubleLE(header.linksOffset, 32);
  buffer.writeUInt32LE(header.linkCount, 40);
  buffer.writeUInt32LE(header.orderedCount, 44);
  buffer.writeDoubleLE(header.ordersOffset, 48);
  return buffer;
}

/** The header of an index file; throws when the file is not a (current) Cairn index. */
export function decodeHeader(buffer: Buffer): IndexHeader {
  if (buffer.length < HEADER_SIZE || buffer.toString('latin1', 0, 8) !== INDEX_MAGIC || buffer.readUInt32LE(8) !== INDEX_VERSION) {
    throw new Error('not a Cairn archive index (or an older layout)');
  }
  return {
    entryCount: buffer.readUInt32LE(12),
    stringsOffset: buffer.readDoubleLE(16),
    stringsLength: buffer.readDoubleLE(24),
    linksOffset: buffer.readDoubleLE(32),
    linkCount: buffer.readUInt32LE(40),
    orderedCount: buffer.readUInt32LE(44),
    ordersOffset: buffer.readDoubleLE(48),
  };
}

/** Writes record `index` of `buffer` (records packed from offset 0). */
export function writeRecord(buffer: Buffer, index: number, record: IndexRecord): void {
  const at = index * RECORD_SIZE;
  buffer.writeUInt32LE(record.nameOffset, at);
  buffer.writeUInt16LE(record.nameLength, at + 4);
  buffer.writeUInt8(record.type.charCodeAt(0) & 0xff, at + 6);
  buffer.writeUInt8(record.flags, at + 7);
  buffer.writeUInt32LE(record.mode, at + 8);
  buffer.writeUInt32LE(record.parent, at + 12);
  buffer.writeUInt32LE(record.firstChild, at + 16);
  buffer.writeUInt32LE(record.childCount, at + 20);
  buffer.writeDoubleLE(record.size, at + 24);
  buffer.writeDoubleLE(record.mtime, at + 32);
}

/** Reads record `index` of `buffer` (records packed from offset 0). */
export function readRecord(buffer: Buffer, index: number): IndexRecord {
  const at = index * RECORD_SIZE;
  return {
    nameOffset: buffer.readUInt32LE(at),
    nameLength: buffer.readUInt16LE(at + 4),
    type: String.fromCharCode(buffer.readUInt8(at + 6)),
    flags: buffer.readUInt8(at + 7),
    mode: buffer.readUInt32LE(at + 8),
    parent: buffer.readUInt32LE(at + 12),
    firstChild: buffer.readUInt32LE(at + 16),
    childCount: buffer.readUInt32LE(at + 20),
    size: buffer.readDoubleLE(at + 24),
    mtime: buffer.readDoubleLE(at + 32),
  };
}

/** `-rwxr-x---` (as borg lists it) → 0o750, with setuid/setgid/sticky bits. */
export function parseModeString(mode: string): number {
  let bits = 0;
  const at = (i: number): string => mode[i] ?? '-';
  if (at(1) === 'r') bits |= 0o400;
  if (at(2) === 'w') bits |= 0o200;
  if ('xs'.includes(at(3))) bits |= 0o100;
  if ('sS'.includes(at(3))) bits |= 0o4000;
  if (at(4) === 'r') bits |= 0o40;
  if (at(5) === 'w') bits |= 0o20;
  if ('xs'.includes(at(6))) bits |= 0o10;
  if ('sS'.includes(at(6))) bits |= 0o2000;
  if (at(7) === 'r') bits |= 0o4;
  if (at(8) === 'w') bits |= 0o2;
  if ('xt'.includes(at(9))) bits |= 0o1;
  if ('tT'.includes(at(9))) bits |= 0o1000;
  return bits;
}
