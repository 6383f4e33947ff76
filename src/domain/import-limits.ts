/**
 * How much a file read in may hold: its size on disk (and, for a workbook,
 * unpacked), its records, the length of one cell, and how tightly a
 * workbook's parts may be packed. Checked before the file is parsed, or as
 * its records arrive, so a huge or crafted file is refused in seconds with
 * bounded memory instead of exhausting it. The defaults fit any real agency
 * return many times over; each can be raised for the one file that needs it.
 */
import { z } from 'zod';
import type { Issue } from './issue.ts';
import type { IssueCode } from './issue-codes.ts';

export interface ImportLimits {
  /** Megabytes of the file on disk and, for a workbook, of its parts unpacked. */
  maxFileMegabytes: number;
  /** Data records after the header. */
  maxRecords: number;
  /** Characters in one cell. */
  maxCellLength: number;
  /** Unpacked size over packed size, for any part of a workbook larger than 100 KB unpacked. */
  maxCompressionRatio: number;
}

export type ImportLimit = keyof ImportLimits;

/**
 * A real return is a few thousand records and a few megabytes; these leave
 * room for the largest. The ratio is Apache POI's long-standing default:
 * spreadsheets deflate to between 5 and 30 to 1, a crafted "zip bomb" to 1000 to 1.
 */
export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxFileMegabytes: 50,
  maxRecords: 200_000,
  maxCellLength: 100_000,
  maxCompressionRatio: 100,
});

/**
 * A review bundle holds a whole review's log, which may outgrow any one return: about 1.2 KB
 * an imported chronology entry, so 200 MB carries a review of 150,000 of them.
 */
export const DEFAULT_BUNDLE_MEGABYTES = 200;

/** Files people write by hand are small; these limits are fixed, not raised by an option. */
export const FIXED_FILE_MEGABYTES = {
  /** A column mapping names a few columns. */
  mapping: 1,
  /** A methodology model is a few thousand lines; the largest shipped is under 100 KB. */
  model: 5,
  /** A text checked line by line for hindsight and blame. */
  text: 50,
} as const;

export const MEGABYTE = 1024 * 1024;

const limit = (what: string) =>
  z
    .number({ error: `${what} is a whole number` })
    .int(`${what} is a whole number`)
    .positive(`${what} must be more than 0`);

/** Limits as given (on the command line, in a form): each is optional; absent ones keep their default. */
export const ImportLimitsInput = z.strictObject({
  maxFileMegabytes: limit('the file size limit, in megabytes,').optional(),
  maxRecords: limit('the record limit').optional(),
  maxCellLength: limit('the cell length limit').optional(),
  maxCompressionRatio: limit('the compression ratio limit').optional(),
});
export type ImportLimitsInput = z.infer<typeof ImportLimitsInput>;

/** The limits given, over the defaults (or over `base`). */
export function withDefaults(
  given: ImportLimitsInput = {},
  base: Readonly<ImportLimits> = DEFAULT_IMPORT_LIMITS,
): ImportLimits {
  return {
    maxFileMegabytes: given.maxFileMegabytes ?? base.maxFileMegabytes,
    maxRecords: given.maxRecords ?? base.maxRecords,
    maxCellLength: given.maxCellLength ?? base.maxCellLength,
    maxCompressionRatio: given.maxCompressionRatio ?? base.maxCompressionRatio,
  };
}

/** Bytes as people read file sizes: `311 MB`, `4.6 MB`, `820 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MEGABYTE) {
    const mb = bytes / MEGABYTE;
    return `${mb >= 10 ? Math.ceil(mb).toLocaleString('en-GB') : (Math.ceil(mb * 10) / 10).toString()} MB`;
  }
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

/** The whole megabytes a size needs, for the limit to raise to. */
export function megabytesFor(bytes: number): number {
  return Math.ceil(bytes / MEGABYTE);
}

/**
 * The issue for a file of `bytes` over the limit of `megabytes`, or undefined when it is within
 * it. `what` names the kind of file (`a file read in`); with `fixed`, no option raises the limit
 * and `advice` says what to do instead.
 */
export function fileSizeIssue(
  file: string,
  bytes: number,
  megabytes: number,
  { what = 'a file read in', fixed = false, advice = '' } = {},
): Issue | undefined {
  if (bytes <= megabytes * MEGABYTE) return undefined;
  const message = `${file}: the file is ${formatBytes(bytes)}, over the limit of ${megabytes} MB for ${what}`;
  if (fixed)
    return {
      code: 'file-too-large',
      path: [file],
      message: advice ? `${message}; ${advice}` : message,
    };
  return limitExceeded(
    'file-too-large',
    [file],
    message,
    'maxFileMegabytes',
    megabytes,
    megabytesFor(bytes),
  );
}

/**
 * An issue for a limit exceeded; its fix raises the limit, to `needed` when
 * that is known (a file's size) and above the current value when it is not
 * (records counted only up to the limit).
 */
export function limitExceeded(
  code: IssueCode,
  path: Issue['path'],
  message: string,
  limit: ImportLimit,
  current: number,
  needed?: number,
): Issue {
  return {
    code,
    path,
    message,
    fix: { kind: 'raise-limit', limit, current, ...(needed !== undefined ? { needed } : {}) },
  };
}
