/**
 * The blank return an agency fills in: the columns tunnelview maps without
 * questions, each with short guidance. CSV: the header and one example row
 * whose first text cell starts "EXAMPLE ROW", which the importer skips, so
 * a return that still holds it imports cleanly (CSV has no place for notes).
 * XLSX: the header on the first sheet with a note on each heading, the Date
 * and Time columns stored as text so "?/04/2023" stays as written, and a
 * second sheet of guidance with the example.
 */
import ExcelJS from 'exceljs';
import { EXAMPLE_ROW_MARKER } from './build-entries.ts';
import { neutraliseWorkbook, spreadsheetCsv } from './spreadsheet-cell.ts';

export interface TemplateColumn {
  heading: string;
  guidance: string;
  example: string;
  width: number;
}

/** The template's columns; each heading is one `detectMapping` recognises. */
export const RETURN_TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  {
    heading: 'Date',
    guidance:
      'Day first: DD/MM/YYYY, e.g. 14/03/2023. If the day is uncertain write ?/03/2023, March 2023, early/mid/late March 2023 or approx 14/03/2023; if not known, unknown. Never leave it empty or write tbc.',
    example: '14/03/2023',
    width: 14,
  },
  {
    heading: 'Time',
    guidance: '24-hour HH:MM, e.g. 14:30. Leave empty if the record has no time.',
    example: '10:30',
    width: 8,
  },
  {
    heading: 'Contact type',
    guidance:
      'What kind of contact or event: home visit, phone call, clinic appointment, referral, strategy meeting, attendance at A&E.',
    example: `${EXAMPLE_ROW_MARKER} (not imported): Home visit`,
    width: 24,
  },
  {
    heading: 'Details',
    guidance:
      'What the record says happened and what was known at the time, in the words of the record. One event per row; do not add later knowledge or opinion.',
    example:
      'Visit to the family home. Mother said the baby was feeding well; the flat was cold. Next visit booked for two weeks.',
    width: 70,
  },
  {
    heading: 'Recorded by (role)',
    guidance:
      'The role of the person who made the record, not their name: health visitor, PC, social worker, GP.',
    example: 'Health visitor',
    width: 20,
  },
  {
    heading: 'Record ref',
    guidance:
      "Your system's reference for the record, so the review can trace each row to its source.",
    example: 'HV-000123',
    width: 14,
  },
];

const GENERAL_GUIDANCE = [
  'One row per contact or event, in any order; they are put in date order when imported.',
  'Keep the headings as they are; add other columns if you need them (they are kept with each entry).',
  'Dates are day first (UK). Uncertain dates are fine if they say so: ?/03/2023, early March 2023, approx 14/03/2023.',
  'Use roles, not names, for staff. Family members may be named: the review replaces names with pseudonyms before publication.',
  'Save as .xlsx or .csv (UTF-8) and send it to the review team.',
];

/** A slug for file names: "Riverside Children's Services" → "riverside-childrens-services". */
export function templateFileName(agencyName: string, format: 'csv' | 'xlsx'): string {
  const slug = agencyName
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `chronology-return-${slug || 'agency'}.${format}`;
}

/** The CSV template: the header and the marked example row, with a BOM so Excel reads it as UTF-8. */
export function returnTemplateCsv(): string {
  const rows = [
    RETURN_TEMPLATE_COLUMNS.map((c) => c.heading),
    RETURN_TEMPLATE_COLUMNS.map((c) => c.example),
  ];
  return `\uFEFF${spreadsheetCsv(rows)}`;
}

/** The XLSX template for `agencyName`, as file bytes. */
export async function returnTemplateXlsx(agencyName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'tunnelview';
  const sheet = workbook.addWorksheet('Chronology', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = RETURN_TEMPLATE_COLUMNS.map((c) => ({ header: c.heading, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  RETURN_TEMPLATE_COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).note = c.guidance;
  });
  // Text, so Excel does not turn "?/04/2023" or "early May 2023" into something else.
  for (const heading of ['Date', 'Time']) {
    const index = RETURN_TEMPLATE_COLUMNS.findIndex((c) => c.heading === heading) + 1;
    sheet.getColumn(index).numFmt = '@';
  }
  for (const column of ['Details', 'Contact type']) {
    const index = RETURN_TEMPLATE_COLUMNS.findIndex((c) => c.heading === column) + 1;
    sheet.getColumn(index).alignment = { wrapText: true, vertical: 'top' };
  }

  const guide = workbook.addWorksheet('Guidance');
  guide.columns = [{ width: 22 }, { width: 100 }];
  guide.addRow([`Chronology return for ${agencyName}`]).font = { bold: true, size: 14 };
  guide.addRow([]);
  for (const line of GENERAL_GUIDANCE) guide.addRow(['', line]);
  guide.addRow([]);
  guide.addRow(['Column', 'What to write']).font = { bold: true };
  for (const c of RETURN_TEMPLATE_COLUMNS) guide.addRow([c.heading, c.guidance]);
  guide.addRow([]);
  guide.addRow([
    'Example row',
    '(fill in the Chronology sheet; this row is only an illustration)',
  ]).font = { bold: true };
  for (const c of RETURN_TEMPLATE_COLUMNS) {
    guide.addRow([c.heading, c.example.replace(`${EXAMPLE_ROW_MARKER} (not imported): `, '')]);
  }
  guide.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  neutraliseWorkbook(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
