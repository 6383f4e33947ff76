// Builds the social care XLSX fixture in test setup with exceljs, as a social care system's
// export would look: a title row above the header, real Excel date cells (one with a time),
// times stored as Excel times, dates typed as text, a rich-text cell, and a second sheet.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/** Excel stores wall-clock date-times without a zone; exceljs writes a Date's UTC fields. */
const excel = (iso: string) => new Date(`${iso}Z`);

export async function writeSocialCareWorkbook(
  dir: string,
  name = 'social-care.xlsx',
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Case notes');
  sheet.addRow(['Case notes export: Brackenmoor Children’s Services']);
  sheet.addRow(['Date', 'Time', 'Contact type', 'Details', 'Worker', 'Case note ID', 'Team']);
  sheet.addRow([
    excel('2023-09-25T00:00:00'),
    excel('1899-12-30T14:30:00'),
    'Home visit',
    'Visit to Danielle and Jaylen after the police referral.',
    'Social worker',
    'CN-2001',
    'MASH',
  ]);
  sheet.addRow([
    excel('2023-09-26T09:15:00'),
    null,
    'Strategy discussion',
    'Strategy discussion with police and health; section 47 enquiry agreed.',
    'Team manager',
    'CN-2002',
    'MASH',
  ]);
  sheet.addRow([
    'early October 2023',
    null,
    'Case note',
    'Jordan Vickers not seen at the address during October.',
    'Social worker',
    'CN-2003',
    'Assessment',
  ]);
  sheet.addRow([
    '?/11/2023',
    null,
    'Phone call',
    {
      richText: [
        { text: 'Jo Pritchard rang: ' },
        { text: 'worried', font: { bold: true } },
        { text: ' about the flat.' },
      ],
    },
    'Social worker',
    'CN-2004',
    'Assessment',
  ]);
  sheet.getCell('A3').numFmt = 'dd/mm/yyyy';
  sheet.getCell('B3').numFmt = 'hh:mm';
  sheet.getCell('A4').numFmt = 'dd/mm/yyyy hh:mm';
  const other = workbook.addWorksheet('Supervision');
  other.addRow(['Date', 'Notes', 'Worker']);
  other.addRow(['12/10/2023', 'Case discussed in supervision.', 'Team manager']);
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  return path;
}
