/**
 * Reads an agency return from disk, choosing the reader by extension (and by
 * the first bytes when the extension says nothing): CSV, XLSX or JSON.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { readCsv } from './read-csv.ts';
import { readJson } from './read-json.ts';
import { readXlsx } from './read-xlsx.ts';
import type { ReturnFormat, SourceTable } from './source-table.ts';

export interface ReadReturnOptions {
  /** XLSX only: the sheet to read instead of the first. */
  sheet?: string;
}

const BY_EXTENSION: Record<string, ReturnFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.json': 'json',
};

/** The format of a return, from its name or, failing that, its first bytes. */
function returnFormat(path: string, bytes: Uint8Array): ReturnFormat {
  const file = basename(path);
  const ext = extname(path).toLowerCase();
  const known = BY_EXTENSION[ext];
  if (known) return known;
  if (ext === '.xls' || ext === '.doc' || ext === '.docx' || ext === '.pdf') {
    throw new ValidationError([
      issue(
        'unsupported-format',
        [file],
        `${file}: ${ext} files cannot be imported; save the return as .xlsx or .csv (in Excel: File › Save As) and import that`,
      ),
    ]);
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  const start = new TextDecoder()
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return start.startsWith('[') ? 'json' : 'csv';
}

/** Reads the return at `path`; every problem is a ValidationError naming the file. */
export async function readReturn(
  path: string,
  options: ReadReturnOptions = {},
): Promise<SourceTable> {
  const file = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const hint = code === 'ENOENT' ? 'check the path' : 'check the file is readable';
    throw new ValidationError([
      issue('unreadable-file', [file], `${path}: cannot read the file (${code}); ${hint}`),
    ]);
  }
  const format = returnFormat(path, bytes);
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
  if (format === 'xlsx') return readXlsx(bytes, file, options);
  if (format === 'json') return readJson(bytes, file);
  return readCsv(bytes, file);
}
