/**
 * The merged and side-by-side chronology as CSV (one view per file) and as an
 * XLSX workbook with both: a "Merged chronology" sheet and a "Side by side"
 * sheet. Cells that a spreadsheet would run as a formula (starting = + - @)
 * are written with a leading apostrophe in CSV; XLSX cells are typed text.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import {
  type ChronologyRow,
  type MergedView,
  type SideBySideView,
  sourceOf,
  whenInPeriod,
} from './perspectives.ts';

export const MERGED_COLUMNS = [
  'id',
  'date',
  'time',
  'precision',
  'date_as_recorded',
  'date_described',
  'agency',
  'text',
  'author',
  'source_ref',
  'source_file',
  'source_record',
] as const;

/** Keeps a spreadsheet from reading a cell as a formula (CSV injection). */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function mergedRecord(r: ChronologyRow): (string | number)[] {
  return [
    r.id,
    r.date.start ?? '',
    r.date.time ?? '',
    r.date.precision,
    r.date.original,
    r.when,
    r.agency,
    r.text,
    r.author ?? '',
    r.sourceRef ?? '',
    r.file ?? '',
    r.record ?? '',
  ];
}

function cellText(
  rows: readonly ChronologyRow[],
  period: SideBySideView['rows'][number]['period'],
) {
  return rows
    .map((r) => `${whenInPeriod(r, period)}  ${r.text}  [${r.id}, ${sourceOf(r)}]`)
    .join('\n\n');
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
    ...view.agencies.map((a) => spreadsheetSafe(cellText(row.cells[a.id] ?? [], row.period))),
  ]);
  return stringify([header, ...records], { record_delimiter: 'windows' });
}

/**
 * Both views in one workbook. `created` pins the workbook's metadata dates, so
 * the same review exports the same file.
 */
export async function chronologyWorkbook(
  merged: MergedView,
  side: SideBySideView,
  created: Date,
): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'tunnelview';
  workbook.created = created;
  workbook.modified = created;
  workbook.title = `Chronology — ${merged.title}`;

  const m = workbook.addWorksheet('Merged chronology', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  m.columns = MERGED_COLUMNS.map((key) => ({
    header: key,
    key,
    width: key === 'text' ? 80 : key === 'date_described' || key === 'agency' ? 26 : 14,
  }));
  for (const r of merged.rows) m.addRow(mergedRecord(r));
  m.getRow(1).font = { bold: true };
  m.getColumn('text').alignment = { wrapText: true, vertical: 'top' };

  const s = workbook.addWorksheet('Side by side', {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
  });
  s.columns = [
    { header: 'Period', key: 'period', width: 24 },
    ...side.agencies.map((a) => ({ header: a.name, key: a.id, width: 48 })),
  ];
  for (const row of side.rows) {
    s.addRow([
      row.period.label,
      ...side.agencies.map((a) => cellText(row.cells[a.id] ?? [], row.period)),
    ]);
  }
  s.getRow(1).font = { bold: true };
  s.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  return workbook;
}
