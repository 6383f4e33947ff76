/**
 * The merged and side-by-side chronology as CSV, one view per file. Every
 * cell, headers included, goes through `spreadsheetCsv`, so none runs as a
 * formula.
 */
import type { MergedView, SideBySideView } from './perspectives.ts';
import { MERGED_COLUMNS, mergedRecords, sideBySideCell } from './perspectives-records.ts';
import { spreadsheetCsv } from './spreadsheet-cell.ts';

/** The merged chronology as CSV, one row per entry (a confirmed event's together, naming it), with a header. */
export function mergedCsv(view: MergedView): string {
  return spreadsheetCsv([[...MERGED_COLUMNS], ...view.rows.flatMap(mergedRecords)]);
}

/** The side-by-side view as CSV: period columns, then one column per agency. */
export function sideBySideCsv(view: SideBySideView): string {
  const header = ['period', 'period_start', 'period_end', ...view.agencies.map((a) => a.name)];
  const records = view.rows.map((row) => [
    row.period.label,
    row.period.start ?? '',
    row.period.end ?? '',
    ...view.agencies.map((a) => sideBySideCell(row.cells[a.id] ?? [], row.period)),
  ]);
  return spreadsheetCsv([header, ...records]);
}
