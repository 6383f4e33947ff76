/**
 * Reads an agency return from disk, choosing the reader by extension (and by
 * the first bytes when the extension says nothing): CSV, XLSX, Word (.docx) or
 * JSON. The file's size is checked before anything is read, a workbook's or
 * Word document's packing before anything is unpacked, and a CSV file is
 * parsed as a stream; records and cells are screened as they come (see
 * `screen-cells.ts`).
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { ColumnMapping } from '../domain/chronology-entry.ts';
import {
  CONTROLS_REASON,
  describeControls,
  findControls,
  visibleText,
} from '../domain/control-characters.ts';
import { ValidationError } from '../domain/errors.ts';
import {
  DEFAULT_IMPORT_LIMITS,
  fileSizeIssue,
  type ImportLimits,
} from '../domain/import-limits.ts';
import { issue } from '../domain/issue.ts';
import { readCsv } from './read-csv.ts';
import { readDocx } from './read-docx.ts';
import { readJson } from './read-json.ts';
import { readXlsx } from './read-xlsx.ts';
import type { ReturnFormat, SourceTable } from './source-table.ts';

export interface ReadReturnOptions {
  /** XLSX only: the sheet to read instead of the first. */
  sheet?: string;
  /** Word only: the table to read, counting from 1 (default: the first whose header maps). */
  table?: number;
  /** Word only: mappings a table's header may fit besides the detected one (a mapping file given). */
  mappings?: readonly ColumnMapping[];
  /** How large a file, how many records and how long a cell may be (default: `DEFAULT_IMPORT_LIMITS`). */
  limits?: ImportLimits;
  /** Remove control characters and bidi overrides from every cell instead of refusing the file. */
  stripControls?: boolean;
}
const BY_EXTENSION: Record<string, ReturnFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.docx': 'docx',
  '.json': 'json',
};

/** The format of a return, from its name or, failing that, its first bytes. */
function returnFormat(path: string, bytes: Uint8Array): ReturnFormat {
  const file = basename(path);
  const ext = extname(path).toLowerCase();
  const known = BY_EXTENSION[ext];
  if (known) return known;
  if (ext === '.xls' || ext === '.doc' || ext === '.pdf') {
    const instead =
      ext === '.doc'
        ? 'save the return as .docx (in Word: File › Save As) and import that'
        : 'save the return as .xlsx or .csv (in Excel: File › Save As) and import that';
    throw new ValidationError([
      issue('unsupported-format', [file], `${file}: ${ext} files cannot be imported; ${instead}`),
    ]);
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  const start = new TextDecoder()
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return start.startsWith('[') ? 'json' : 'csv';
}

/**
 * True for an OLE compound file: what Office writes for a document protected with a password
 * (the ZIP inside is encrypted) and for the old binary .doc and .xls.
 */
function isCompoundFile(bytes: Uint8Array): boolean {
  return [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => bytes[i] === b);
}

/** The first bytes of the file, enough to tell a workbook from text. */
function firstBytes(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(64);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Reads the return at `path`; every problem is a ValidationError naming the file. */
export async function readReturn(
  path: string,
  options: ReadReturnOptions = {},
): Promise<SourceTable> {
  const file = basename(path);
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const named = findControls(file);
  if (named) {
    throw new ValidationError([
      issue(
        'control-character',
        [visibleText(file)],
        `${visibleText(file)}: the file name ${describeControls(named)}; rename the file without ${named.count > 1 ? 'them' : 'it'} (${CONTROLS_REASON})`,
      ),
    ]);
  }
  let head: Uint8Array;
  try {
    const stats = statSync(path);
    const tooLarge = fileSizeIssue(file, stats.size, limits.maxFileMegabytes);
    if (tooLarge) throw new ValidationError([tooLarge]);
    head = firstBytes(path);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const hint = code === 'ENOENT' ? 'check the path' : 'check the file is readable';
    throw new ValidationError([
      issue('unreadable-file', [file], `${path}: cannot read the file (${code}); ${hint}`),
    ]);
  }
  const format = returnFormat(path, head);
  if ((format === 'xlsx' || format === 'docx') && isCompoundFile(head)) {
    const [saved, app] = format === 'docx' ? ['.docx', 'Word'] : ['.xlsx', 'Excel'];
    throw new ValidationError([
      issue(
        'unsupported-format',
        [file],
        `${file}: is protected with a password, or is an older ${app} file given a new name; open it in ${app}, remove the password (File › Info › Protect) or save it as ${saved}, and import that`,
      ),
    ]);
  }
  if (options.sheet !== undefined && format !== 'xlsx') {
    throw new ValidationError([
      issue(
        'sheet-not-applicable',
        ['sheet'],
        `${file} is a ${format.toUpperCase()} file, which has no sheets; a sheet is named only for an Excel workbook`,
        { fix: { kind: 'omit', field: 'sheet' } },
      ),
    ]);
  }
  if (options.table !== undefined && format !== 'docx') {
    throw new ValidationError([
      issue(
        'table-not-applicable',
        ['table'],
        `${file} is a ${format.toUpperCase()} file; a table is named only for a Word document`,
        { fix: { kind: 'omit', field: 'table' } },
      ),
    ]);
  }
  const screen = { limits, ...(options.stripControls ? { stripControls: true } : {}) };
  if (format === 'docx') {
    return readDocx(path, file, {
      ...screen,
      ...(options.table !== undefined ? { table: options.table } : {}),
      ...(options.mappings ? { mappings: options.mappings } : {}),
    });
  }
  if (format === 'xlsx') {
    const sheet = options.sheet !== undefined ? { sheet: options.sheet } : {};
    return readXlsx(path, file, { ...screen, ...sheet });
  }
  if (format === 'json') return readJson(readFileSync(path), file, screen);
  return readCsv(() => createReadStream(path, { highWaterMark: 256 * 1024 }), file, {
    maxRecords: limits.maxRecords,
    maxCellLength: limits.maxCellLength,
    ...(options.stripControls ? { stripControls: true } : {}),
  });
}
