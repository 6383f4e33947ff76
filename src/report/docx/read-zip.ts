// A minimal ZIP reader for the files we write ourselves (.docx): the central directory, stored
// and deflated entries, no ZIP64, no encryption. Enough to read a report back for the leak
// check without a runtime dependency on an unzip library.
import { inflateRawSync } from 'node:zlib';
import { RenderError } from '../../domain/errors.ts';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

function fault(what: string, message: string): RenderError {
  return new RenderError(`Could not read ${what} as a ZIP archive: ${message}.`, {
    fix: 'Check that the file is a complete .docx (as written by this tool or by Word); render it again if in doubt.',
  });
}

/**
 * Every file in a ZIP archive, by its path inside the archive, in the archive's order.
 * Throws a RenderError naming `what` (e.g. the file's path) when the archive is damaged or
 * uses a feature this reader leaves out.
 */
export function readZip(archive: Uint8Array, what = 'the file'): Map<string, Buffer> {
  const buf = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw fault(what, 'no end-of-archive record (not a ZIP file, or cut short)');
  const count = buf.readUInt16LE(end + 10);
  const directoryOffset = buf.readUInt32LE(end + 16);
  if (directoryOffset === ZIP64_MARK) throw fault(what, 'ZIP64 archives are not supported');

  const files = new Map<string, Buffer>();
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL_DIRECTORY_HEADER) {
      throw fault(what, `entry ${n + 1} of the central directory is damaged`);
    }
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 1) throw fault(what, `${name} is encrypted`);
    if (compressedSize === ZIP64_MARK || localOffset === ZIP64_MARK) {
      throw fault(what, 'ZIP64 archives are not supported');
    }
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) {
      throw fault(what, `the header of ${name} is damaged`);
    }
    const start =
      localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const raw = buf.subarray(start, start + compressedSize);
    if (raw.length !== compressedSize) throw fault(what, `${name} is cut short`);
    if (name.endsWith('/')) continue;
    try {
      if (method === 0) files.set(name, Buffer.from(raw));
      else if (method === 8) files.set(name, inflateRawSync(raw));
      else throw fault(what, `${name} uses compression method ${method}`);
    } catch (error) {
      if (error instanceof RenderError) throw error;
      throw fault(what, `${name} does not decompress (${(error as Error).message})`);
    }
  }
  return files;
}
