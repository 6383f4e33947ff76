/**
 * Reads a CSV return: decodes the bytes (UTF-8, BOM, Windows-1252), detects
 * the delimiter, and parses quoted cells that span lines with csv-parse.
 * Records are numbered after the header; a multi-line record counts once.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { decodeText } from './decode-text.ts';
import { DELIMITER_NAMES, type Delimiter, detectDelimiter } from './detect-delimiter.ts';
import { type SourceRow, type SourceTable, uniqueHeadings } from './source-table.ts';

export interface CsvReadOptions {
  /** Use this delimiter instead of detecting one. */
  delimiter?: Delimiter;
}

/** Parses the bytes of a CSV file called `file` (the name is only used in messages). */
export function readCsv(
  bytes: Uint8Array,
  file: string,
  options: CsvReadOptions = {},
): SourceTable {
  const { text, encoding } = decodeText(bytes);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      // A stray quote inside an unquoted cell (5'10") is text, not a syntax error.
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      const where = line ? ` at line ${line}` : '';
      const hint =
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a cell opens a double quote that is never closed; close it, or double any quote inside a quoted cell ("")'
          : 'check the file opens as a table in a spreadsheet, then save it again as CSV';
      throw new ValidationError([
        issue(
          'unreadable-csv',
          [file],
          `${file}: cannot be read as CSV${where} (${error.message}); ${hint}`,
        ),
      ]);
    }
    throw error;
  }
  // Some systems put a title line or two above the header; the header is the first line with two or more cells.
  const headerIndex = Math.max(
    0,
    parsed.slice(0, 10).findIndex((r) => r.record.filter((c) => c.trim() !== '').length >= 2),
  );
  const header = parsed[headerIndex];
  const records = parsed.slice(headerIndex + 1);
  if (!header) {
    throw new ValidationError([
      issue(
        'empty-file',
        [file],
        `${file}: the file is empty; it needs a header row and at least one record`,
      ),
    ]);
  }
  const headings = uniqueHeadings(header.record);
  const rows: SourceRow[] = records.map(({ record, info }, i) => {
    const cells = new Map<string, string>();
    record.slice(0, headings.length).forEach((value, j) => {
      cells.set(headings[j] as string, value);
    });
    // csv-parse reports the line a record ends on; a record spans one line more than its breaks.
    const breaks = record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    const row: SourceRow = { record: i + 1, cells, where: `line ${info.lines - breaks}` };
    if (record.length > headings.length) row.overflow = record.slice(headings.length);
    return row;
  });
  return {
    file,
    format: 'csv',
    description: `CSV, ${DELIMITER_NAMES[delimiter]}-separated, ${encoding}${header.info.lines > 1 ? `, header on line ${header.info.lines}` : ''}`,
    headings,
    rows,
  };
}
