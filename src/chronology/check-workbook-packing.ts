/**
 * Checks what an XLSX workbook's (or a Word document's) parts declare before anything is unpacked:
 * their total unpacked size against the file size limit, and how tightly
 * each is packed against the compression ratio limit; then that no part
 * unpacks to more than it declares. A 4 MB "zip bomb" that would unpack to
 * gigabytes is refused in milliseconds, with memory to match.
 */
import { statSync } from 'node:fs';
import { ValidationError } from '../domain/errors.ts';
import {
  formatBytes,
  type ImportLimits,
  limitExceeded,
  MEGABYTE,
  megabytesFor,
} from '../domain/import-limits.ts';
import { type Issue, issue } from '../domain/issue.ts';
import {
  checkDeclaredSize,
  readZipDirectory,
  withZipFile,
  type ZipEntry,
  ZipFormatError,
} from './zip-directory.ts';

/** A workbook has a few dozen parts; past this many the file is not one. */
const MAX_PARTS = 10_000;
/** Small parts may pack tightly (a sheet of blanks) without being a threat; the ratio applies above this. */
const RATIO_FROM_BYTES = 100 * 1024;

/** The kind of packed file checked, in its messages: what it is, what makes one, how to save it again. */
export interface PackedKind {
  /** "an XLSX workbook". */
  noun: string;
  /** "spreadsheets": what writes such files, and how tightly they pack. */
  makers: string;
  /** "open it in a spreadsheet and save it again as .xlsx". */
  resave: string;
}

export const WORKBOOK: PackedKind = {
  noun: 'an XLSX workbook',
  makers: 'spreadsheets',
  resave: 'open it in a spreadsheet and save it again as .xlsx',
};

export const WORD_DOCUMENT: PackedKind = {
  noun: 'a Word document',
  makers: 'word processors',
  resave: 'open it in Word and save it again as .docx',
};

function unreadable(file: string, reason: string, kind: PackedKind): ValidationError {
  return new ValidationError([
    issue(
      'unreadable-zip',
      [file],
      `${file}: cannot be read as ${kind.noun}: ${reason}; ${kind.resave}`,
    ),
  ]);
}

/** The issues with what the directory declares, before anything is unpacked. */
function declaredIssues(
  file: string,
  entries: readonly ZipEntry[],
  limits: ImportLimits,
  kind: PackedKind,
): Issue[] {
  const issues: Issue[] = [];
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  const maxBytes = limits.maxFileMegabytes * MEGABYTE;
  if (total > maxBytes) {
    const largest = entries.reduce((a, b) => (b.uncompressedSize > a.uncompressedSize ? b : a));
    issues.push(
      limitExceeded(
        'file-too-large',
        [file],
        `${file}: its parts unpack to ${formatBytes(total)} (${largest.name} alone to ${formatBytes(largest.uncompressedSize)}), over the limit of ${limits.maxFileMegabytes} MB for a file read in`,
        'maxFileMegabytes',
        limits.maxFileMegabytes,
        megabytesFor(total),
      ),
    );
  }
  const ratio = (e: ZipEntry) => e.uncompressedSize / Math.max(1, e.compressedSize);
  const packed = entries.filter((e) => e.uncompressedSize > RATIO_FROM_BYTES);
  const tightest = packed.reduce<ZipEntry | undefined>(
    (a, b) => (a === undefined || ratio(b) > ratio(a) ? b : a),
    undefined,
  );
  if (tightest && ratio(tightest) > limits.maxCompressionRatio) {
    const times = Math.ceil(ratio(tightest));
    issues.push(
      limitExceeded(
        'compression-too-high',
        [file, tightest.name],
        `${file}: its part ${tightest.name} unpacks ${times.toLocaleString('en-GB')} times larger than it is packed (${formatBytes(tightest.uncompressedSize)} from ${formatBytes(tightest.compressedSize)}), over the limit of ${limits.maxCompressionRatio} to 1; ${kind.makers} pack 5 to 30 to 1, a file crafted to exhaust memory far more`,
        'maxCompressionRatio',
        limits.maxCompressionRatio,
        times,
      ),
    );
  }
  return issues;
}

/**
 * Refuses the workbook (or, with `kind`, the Word document) at `path` (`file` in messages) if its
 * parts break the limits or their own sizes; returns the parts, as their directory declares them.
 */
export function checkWorkbookPacking(
  path: string,
  file: string,
  limits: ImportLimits,
  kind: PackedKind = WORKBOOK,
): ZipEntry[] {
  const size = statSync(path).size;
  return withZipFile(path, size, (bytes) => {
    let entries: ZipEntry[];
    try {
      entries = readZipDirectory(bytes, MAX_PARTS);
    } catch (error) {
      if (error instanceof ZipFormatError) throw unreadable(file, error.message, kind);
      throw error;
    }
    const encrypted = entries.find((e) => (e.flags & 1) !== 0);
    if (encrypted) throw unreadable(file, `its part ${encrypted.name} is encrypted`, kind);
    const unknown = entries.find((e) => e.method !== 0 && e.method !== 8);
    if (unknown) {
      throw unreadable(
        file,
        `its part ${unknown.name} is packed with method ${unknown.method}, which ${kind.makers} do not use`,
        kind,
      );
    }
    const issues = declaredIssues(file, entries, limits, kind);
    if (issues.length > 0) throw new ValidationError(issues);
    // The directory could understate what a part unpacks to: unpack each, capped at what it declares.
    try {
      for (const entry of entries) checkDeclaredSize(bytes, entry);
    } catch (error) {
      if (error instanceof ZipFormatError) throw unreadable(file, error.message, kind);
      throw error;
    }
    return entries;
  });
}
