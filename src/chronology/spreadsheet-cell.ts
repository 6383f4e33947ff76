/**
 * The one rule for every cell tunnelview writes to a spreadsheet, CSV or
 * XLSX, headers included: text a spreadsheet would read as a formula (or a
 * DDE command) gets a leading apostrophe, so it is shown as text (CSV
 * injection, OWASP). XLSX cells are typed text already, but the same rule
 * applies there: a workbook saved again as CSV would otherwise bring the
 * formula back to life.
 */
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';

/**
 * Formula triggers: = + - @ (and their full-width forms, which some
 * spreadsheets fold), after any leading spaces or control characters; or a
 * leading tab or carriage return, which some spreadsheets strip first.
 */
const FORMULA_START = /^(?:[\t\r]|[\s\p{Cc}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

/** `value` as a spreadsheet will show it, never run it. */
export function spreadsheetCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Rows as CSV with Windows line ends, every text cell made safe; numbers stay numbers. */
export function spreadsheetCsv(rows: readonly (readonly (string | number)[])[]): string {
  const safe = rows.map((row) => row.map((v) => (typeof v === 'string' ? spreadsheetCell(v) : v)));
  return stringify(safe, { record_delimiter: 'windows' });
}

/**
 * Makes every text cell of every sheet safe, headers included, once the
 * workbook is built — so a writer cannot forget a cell.
 */
export function neutraliseWorkbook(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') cell.value = spreadsheetCell(cell.value);
      });
    });
  });
}
