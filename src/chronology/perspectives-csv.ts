/**
 * The merged and side-by-side chronology as CSV, one view per file. Cells that
 * a spreadsheet would run as a formula (starting = + - @) are written with a
 * leading apostrophe.
 */
import { stringify } from 'csv-stringify/sync';
import type { MergedView, SideBySideView } from './perspectives.ts';
import { MERGED_COLUMNS, mergedRecord, sideBySideCell } from './perspectives-records.ts';

/** Keeps a spreadsheet from reading a cell as a formula (CSV injection). */
function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The merged chronology as CSV, one row per entry, with a header. */
export function mergedCsv(view: MergedView): string {
  const records = view.rows.map((r) =>
    mergedRecord(r).map((v) => (typeof v === 'string' ? spreadsheetSafe(v) : v)),
  );
  return stringify([[...MERGED_COLUMNS], ...records], { record_delimiter: 'windows' });
}

/** The side-by-side view as CSV: period columns, then one column per agency. */
export function sideBySideCsv(view: SideBySideView): string {
  const header = ['period', 'period_start', 'period_end', ...view.agencies.map((a) => a.name)];
  const records = view.rows.map((row) => [
    row.period.label,
    row.period.start ?? '',
    row.period.end ?? '',
    ...view.agencies.map((a) => spreadsheetSafe(sideBySideCell(row.cells[a.id] ?? [], row.period))),
  ]);
  return stringify([header, ...records], { record_delimiter: 'windows' });
}
