/**
 * The merged and side-by-side chronology as one XLSX workbook: a "Merged
 * chronology" sheet and a "Side by side" sheet. Cells are typed text and
 * neutralised as in every spreadsheet tunnelview writes, so none runs as a
 * formula. Loads exceljs: import this module with `import()`.
 */
import ExcelJS from 'exceljs';
import type { MergedView, SideBySideView } from './perspectives.ts';
import { MERGED_COLUMNS, mergedRecords, sideBySideCell } from './perspectives-records.ts';
import { neutraliseWorkbook } from './spreadsheet-cell.ts';

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
  for (const r of merged.rows) for (const record of mergedRecords(r)) m.addRow(record);
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
      ...side.agencies.map((a) => sideBySideCell(row.cells[a.id] ?? [], row.period)),
    ]);
  }
  s.getRow(1).font = { bold: true };
  s.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  neutraliseWorkbook(workbook);
  return workbook;
}
