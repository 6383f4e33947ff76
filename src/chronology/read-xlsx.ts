/**
 * Reads an XLSX return with exceljs: the first sheet, or the one named. The
 * first non-empty row is the header. Cells stored as Excel dates become ISO
 * dates (with the time when there is one); cells stored as text are kept as
 * written, so "?/04/2023" or "early May 2023" reach the date parser intact.
 */
import { readFileSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import { ValidationError } from '../domain/errors.ts';
import {
  DEFAULT_IMPORT_LIMITS,
  type ImportLimits,
  limitExceeded,
} from '../domain/import-limits.ts';
import { issue } from '../domain/issue.ts';
import { checkWorkbookPacking } from './check-workbook-packing.ts';
import { excelDateText } from './excel-date.ts';
import { CellScreen } from './screen-cells.ts';
import { isBlankRow, type SourceRow, type SourceTable, uniqueHeadings } from './source-table.ts';

export interface XlsxReadOptions {
  /** The sheet to read; the first sheet when absent. */
  sheet?: string;
  limits?: ImportLimits;
  /** Remove control characters and bidi overrides instead of refusing them. */
  stripControls?: boolean;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return excelDateText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    }
    if ('hyperlink' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/**
 * Parses the XLSX file at `path`, called `file` in messages. What its parts
 * declare they unpack to is checked against the limits before exceljs
 * unpacks anything.
 */
export async function readXlsx(
  path: string,
  file: string,
  options: XlsxReadOptions = {},
): Promise<SourceTable> {
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  checkWorkbookPacking(path, file, limits);
  // exceljs loads only once the workbook has passed, and only for a workbook (not a CSV return).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new ValidationError([
      issue(
        'unreadable-xlsx',
        [file],
        `${file}: cannot be read as an XLSX workbook (${(error as Error).message}); open it in a spreadsheet and save it again as .xlsx`,
      ),
    ]);
  }
  const names = workbook.worksheets.map((w) => w.name);
  const sheet =
    options.sheet === undefined
      ? workbook.worksheets[0]
      : workbook.worksheets.find(
          (w) => w.name.toLowerCase() === options.sheet?.trim().toLowerCase(),
        );
  if (!sheet) {
    const message =
      options.sheet === undefined
        ? `${file}: the workbook has no sheets`
        : `${file}: has no sheet "${options.sheet}"; its sheets are ${names.map((n) => `"${n}"`).join(', ')}`;
    throw new ValidationError([issue('unknown-sheet', [file, 'sheet'], message)]);
  }

  // exceljs counts the columns by walking every row: once, not once a row (quadratic in the rows).
  const width = sheet.columnCount;
  const values = (row: ExcelJS.Row, cells: number) =>
    Array.from({ length: cells }, (_, i) => cellText(row.getCell(i + 1).value));

  // The header is the first row with two or more filled cells (exports often put a title above it),
  // or failing that the first row with any.
  const filledCells = (r: number) =>
    values(sheet.getRow(r), width).filter((v) => v.trim() !== '').length;
  let headerRow: number | undefined;
  let firstFilled: number | undefined;
  for (let r = 1; r <= Math.min(sheet.rowCount, 10); r++) {
    const filled = filledCells(r);
    if (filled > 0 && firstFilled === undefined) firstFilled = r;
    if (filled >= 2) {
      headerRow = r;
      break;
    }
  }
  headerRow ??= firstFilled;
  if (headerRow === undefined) {
    throw new ValidationError([
      issue(
        'empty-file',
        [file],
        `${file}: sheet "${sheet.name}" is empty; it needs a header row and at least one record`,
      ),
    ]);
  }
  const screen = new CellScreen(file, {
    maxCellLength: limits.maxCellLength,
    ...(options.stripControls ? { stripControls: true } : {}),
  });
  const rawHeadings = screen.headings(
    values(sheet.getRow(headerRow), width),
    `sheet row ${headerRow}`,
  );
  // Trailing blank heading cells are formatting, not columns.
  while (rawHeadings.length > 0 && (rawHeadings.at(-1) as string).trim() === '') rawHeadings.pop();
  const headings = uniqueHeadings(rawHeadings);

  const rows: SourceRow[] = [];
  // Rows past the last record that carry only formatting are not records, and not counted.
  let records = 0;
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const all = values(sheet.getRow(r), Math.max(width, headings.length));
    const cells = new Map<string, string>();
    headings.forEach((h, i) => {
      cells.set(h, all[i] ?? '');
    });
    const row: SourceRow = { record: r - headerRow, cells, where: `sheet row ${r}` };
    const overflow = all.slice(headings.length);
    if (overflow.some((v) => v.trim() !== '')) row.overflow = overflow;
    if (!isBlankRow(row)) records = row.record;
    if (records > limits.maxRecords) {
      throw new ValidationError([
        limitExceeded(
          'too-many-records',
          [file, sheet.name],
          `${file}: sheet "${sheet.name}" holds more than ${limits.maxRecords.toLocaleString('en-GB')} records, the limit for one file (found one on sheet row ${r})`,
          'maxRecords',
          limits.maxRecords,
        ),
      ]);
    }
    screen.row(row);
    rows.push(row);
  }
  rows.length = records;
  const stripped = screen.finish();
  return {
    file,
    sheet: sheet.name,
    format: 'xlsx',
    description: `XLSX, sheet "${sheet.name}"${names.length > 1 ? ` (of ${names.length})` : ''}${headerRow > 1 ? `, header on row ${headerRow}` : ''}`,
    headings,
    rows,
    ...(stripped ? { stripped } : {}),
  };
}
