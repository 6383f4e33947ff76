// Hand-built ZIP archives for the workbook limits: a part deflated from text repeated a
// million times over (a real "zip bomb", built in milliseconds from deflate blocks joined end
// to end), parts whose directory understates their size, and ZIP64 archives.
import { writeFileSync } from 'node:fs';
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { readZipDirectory, withZipFile } from '../../src/chronology/zip-directory.ts';

export interface ZipPart {
  name: string;
  /** Raw deflate data. */
  deflated: Buffer;
  crc: number;
  /** What it unpacks to. */
  size: number;
  /** What the directory says it unpacks to, when that is a lie. */
  declaredSize?: number;
}

/** A part holding `data`, deflated. */
export function deflatedPart(name: string, data: Buffer | string): ZipPart {
  const bytes = Buffer.from(data);
  return { name, deflated: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length };
}

/**
 * A part that unpacks to `head`, then `body` `times` times over, then `tail`, without
 * ever holding it unpacked: each piece is deflated on its own up to a sync flush (byte
 * aligned, no reference back past its start), so the pieces join into one valid stream.
 */
export function repeatedPart(
  name: string,
  head: string,
  body: string,
  times: number,
  tail: string,
): ZipPart {
  const flush = (text: string) =>
    deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  const bodyBytes = Buffer.from(body);
  const bodyDeflated = flush(body);
  let crc = crc32(Buffer.from(head));
  for (let i = 0; i < times; i++) crc = crc32(bodyBytes, crc);
  crc = crc32(Buffer.from(tail), crc);
  const deflated = Buffer.concat([
    flush(head),
    ...Array.from({ length: times }, () => bodyDeflated),
    deflateRawSync(Buffer.from(tail)),
  ]);
  const size = Buffer.byteLength(head) + bodyBytes.length * times + Buffer.byteLength(tail);
  return { name, deflated, crc, size };
}

/** The parts of a ZIP file, unpacked (for small archives written by exceljs). */
export function partsOf(path: string, size: number): { name: string; data: Buffer }[] {
  return withZipFile(path, size, (bytes) =>
    readZipDirectory(bytes, 1000).map((e) => {
      const header = bytes.read(e.localHeaderOffset, 30);
      const start = e.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      const packed = bytes.read(start, e.compressedSize);
      return { name: e.name, data: e.method === 0 ? packed : inflateRawSync(packed) };
    }),
  );
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};

/**
 * Writes the parts as a ZIP archive. With `zip64`, every size and offset is given in the
 * ZIP64 fields (0xFFFFFFFF in the 32-bit ones) and the archive ends with ZIP64 end records.
 */
export function writeZip(path: string, parts: readonly ZipPart[], { zip64 = false } = {}): void {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const declared = part.declaredSize ?? part.size;
    const extra = zip64
      ? Buffer.concat([u16(0x0001), u16(24), u64(declared), u64(part.deflated.length), u64(offset)])
      : Buffer.alloc(0);
    const sizes = zip64
      ? [u32(0xffffffff), u32(0xffffffff)]
      : [u32(part.deflated.length), u32(declared)];
    const common = [u16(zip64 ? 45 : 20), u16(0), u16(8), u16(0), u16(0x21), u32(part.crc >>> 0)];
    const local = Buffer.concat([
      u32(0x04034b50),
      ...common,
      ...sizes,
      u16(name.length),
      u16(zip64 ? 20 : 0),
      name,
      zip64
        ? Buffer.concat([u16(0x0001), u16(16), u64(declared), u64(part.deflated.length)])
        : Buffer.alloc(0),
    ]);
    directory.push(
      Buffer.concat([
        u32(0x02014b50),
        u16(zip64 ? 45 : 20),
        ...common,
        ...sizes,
        u16(name.length),
        u16(extra.length),
        u16(0),
        u16(0),
        u16(0),
        u32(0),
        u32(zip64 ? 0xffffffff : offset),
        name,
        extra,
      ]),
    );
    chunks.push(local, part.deflated);
    offset += local.length + part.deflated.length;
  }
  const dir = Buffer.concat(directory);
  const end: Buffer[] = [];
  if (zip64) {
    const zip64End = offset + dir.length;
    end.push(
      Buffer.concat([
        u32(0x06064b50),
        u64(44),
        u16(45),
        u16(45),
        u32(0),
        u32(0),
        u64(parts.length),
        u64(parts.length),
        u64(dir.length),
        u64(offset),
      ]),
      Buffer.concat([u32(0x07064b50), u32(0), u64(zip64End), u32(1)]),
    );
  }
  end.push(
    Buffer.concat([
      u32(0x06054b50),
      u16(0),
      u16(0),
      u16(zip64 ? 0xffff : parts.length),
      u16(zip64 ? 0xffff : parts.length),
      u32(zip64 ? 0xffffffff : dir.length),
      u32(zip64 ? 0xffffffff : offset),
      u16(0),
    ]),
  );
  writeFileSync(path, Buffer.concat([...chunks, dir, ...end]));
}
