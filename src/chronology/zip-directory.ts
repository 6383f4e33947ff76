/**
 * Reads a ZIP archive's directory — the end-of-central-directory record and
 * the central directory's entries, ZIP64 included — straight from the file
 * with node:fs, inflating nothing: the name, method and the packed and
 * unpacked sizes each part declares, and where its data starts. Enough to
 * refuse a workbook "zip bomb" before any library unpacks it. Written here
 * rather than taken from an unzip library because what we need is the
 * directory alone, read the way the workbook reader (JSZip, inside exceljs)
 * reads it, and a check that no part unpacks to more than it declares.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const MARK_16 = 0xffff;
const MARK_32 = 0xffffffff;

/** What a part of the archive declares in the central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; others are not read by spreadsheet software. */
  method: number;
  /** General purpose flags; bit 0 means encrypted. */
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's local header starts. */
  localHeaderOffset: number;
}

/** The archive is not one we read: damaged, cut short, or laid out to mislead a reader. */
export class ZipFormatError extends Error {}

/** A positioned reader over an open file. */
export class FileBytes {
  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  /** `length` bytes at `position`; fewer only if the file ends first. */
  read(position: number, length: number): Buffer {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, this.size - position)));
    let done = 0;
    while (done < buffer.length) {
      const n = readSync(this.fd, buffer, done, buffer.length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done === buffer.length ? buffer : buffer.subarray(0, done);
  }
}

/** Opens `path`, runs `use` over its bytes, and closes it. */
export function withZipFile<T>(path: string, size: number, use: (bytes: FileBytes) => T): T {
  const fd = openSync(path, 'r');
  try {
    return use(new FileBytes(fd, size));
  } finally {
    closeSync(fd);
  }
}

/** The end records: where the central directory is, how long it is and how many entries it holds. */
interface DirectoryPlace {
  offset: number;
  size: number;
  entries: number;
}

function findDirectory(bytes: FileBytes): DirectoryPlace {
  // The end record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const tailStart = Math.max(0, bytes.size - 22 - MARK_16);
  const tail = bytes.read(tailStart, bytes.size - tailStart);
  // The last signature, as JSZip (inside exceljs) takes it, so both read the same directory.
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0)
    throw new ZipFormatError('it has no end-of-archive record (not a ZIP file, or cut short)');
  const endOffset = tailStart + end;
  let entries = tail.readUInt16LE(end + 10);
  let size = tail.readUInt32LE(end + 12);
  let offset = tail.readUInt32LE(end + 16);
  // The record just before the end, if ZIP64: where the ZIP64 end record is, with 64-bit fields.
  let expectedEnd = endOffset;
  const locator = endOffset >= 20 ? bytes.read(endOffset - 20, 20) : undefined;
  if (locator && locator.readUInt32LE(0) === ZIP64_END_LOCATOR) {
    const zip64Offset = Number(locator.readBigUInt64LE(8));
    const record = bytes.read(zip64Offset, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_END_OF_CENTRAL_DIRECTORY) {
      throw new ZipFormatError('its ZIP64 end record is missing or damaged');
    }
    entries = Number(record.readBigUInt64LE(32));
    size = Number(record.readBigUInt64LE(40));
    offset = Number(record.readBigUInt64LE(48));
    expectedEnd = zip64Offset;
  } else if (entries === MARK_16 || size === MARK_32 || offset === MARK_32) {
    throw new ZipFormatError('it marks ZIP64 sizes but has no ZIP64 end record');
  }
  // Readers differ on an archive with bytes before or inside its directory; refuse rather than guess.
  if (offset + size !== expectedEnd) {
    throw new ZipFormatError(
      'its central directory is not where its end record says (data added before it, or a damaged file)',
    );
  }
  return { offset, size, entries };
}

/** The ZIP64 extended-information field's values for the sizes and offset marked 0xFFFFFFFF. */
function zip64Values(
  extra: Buffer,
  marked: { uncompressed: boolean; compressed: boolean; offset: boolean },
): { uncompressed?: number; compressed?: number; offset?: number } {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA) {
      const field = extra.subarray(at + 4, at + 4 + length);
      const values: { uncompressed?: number; compressed?: number; offset?: number } = {};
      let p = 0;
      const next = () => {
        if (p + 8 > field.length) throw new ZipFormatError('a ZIP64 size field is cut short');
        const value = Number(field.readBigUInt64LE(p));
        p += 8;
        return value;
      };
      if (marked.uncompressed) values.uncompressed = next();
      if (marked.compressed) values.compressed = next();
      if (marked.offset) values.offset = next();
      return values;
    }
    at += 4 + length;
  }
  throw new ZipFormatError('an entry marks ZIP64 sizes but has no ZIP64 field');
}

/**
 * Every entry of the central directory, read as the workbook reader reads
 * it: consecutive headers from the directory's start to its end, which must
 * hold exactly the number of entries the end record declares. `maxEntries`
 * bounds the work before the directory is read.
 */
export function readZipDirectory(bytes: FileBytes, maxEntries: number): ZipEntry[] {
  const place = findDirectory(bytes);
  if (place.entries > maxEntries) {
    throw new ZipFormatError(
      `it declares ${place.entries.toLocaleString('en-GB')} parts; a workbook or Word document has a few dozen`,
    );
  }
  const directory = bytes.read(place.offset, place.size);
  if (directory.length !== place.size)
    throw new ZipFormatError('its central directory is cut short');
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at < directory.length) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_DIRECTORY_HEADER) {
      throw new ZipFormatError(`entry ${entries.length + 1} of its central directory is damaged`);
    }
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > directory.length) throw new ZipFormatError('its central directory is cut short');
    let compressedSize = directory.readUInt32LE(at + 20);
    let uncompressedSize = directory.readUInt32LE(at + 24);
    let localHeaderOffset = directory.readUInt32LE(at + 42);
    const marked = {
      uncompressed: uncompressedSize === MARK_32,
      compressed: compressedSize === MARK_32,
      offset: localHeaderOffset === MARK_32,
    };
    if (marked.uncompressed || marked.compressed || marked.offset) {
      const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
      const values = zip64Values(extra, marked);
      uncompressedSize = values.uncompressed ?? uncompressedSize;
      compressedSize = values.compressed ?? compressedSize;
      localHeaderOffset = values.offset ?? localHeaderOffset;
    }
    entries.push({
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
    });
    if (entries.length > maxEntries) {
      throw new ZipFormatError(`it holds more than ${maxEntries.toLocaleString('en-GB')} parts`);
    }
    at = next;
  }
  if (entries.length !== place.entries) {
    throw new ZipFormatError(
      `its central directory holds ${entries.length} entries where its end record declares ${place.entries}`,
    );
  }
  return entries;
}

/**
 * Checks that `entry` unpacks to no more than it declares, by unpacking it
 * with output capped at the declared size: work and memory stay within what
 * the directory declared (and the limits already checked on it).
 */
export function checkDeclaredSize(bytes: FileBytes, entry: ZipEntry): void {
  const header = bytes.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_FILE_HEADER) {
    throw new ZipFormatError(`the header of ${entry.name} is damaged`);
  }
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const packed = bytes.read(start, entry.compressedSize);
  if (packed.length !== entry.compressedSize)
    throw new ZipFormatError(`${entry.name} is cut short`);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) {
      throw new ZipFormatError(`${entry.name} is stored unpacked, yet declares two sizes`);
    }
    return;
  }
  try {
    inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipFormatError(
        `${entry.name} unpacks to more than the ${entry.uncompressedSize.toLocaleString('en-GB')} bytes it declares (a damaged or crafted file)`,
      );
    }
    throw new ZipFormatError(`${entry.name} does not unpack (${(error as Error).message})`);
  }
}
