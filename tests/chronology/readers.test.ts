// Reading agency returns: CSV with any common delimiter, quoted multi-line cells, a BOM or none,
// Windows-1252; XLSX with Excel dates and text dates; JSON arrays. Records are numbered from 1
// after the header, a multi-line record counting once.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252 } from '../../src/chronology/decode-text.ts';
import { detectDelimiter } from '../../src/chronology/detect-delimiter.ts';
import { excelDateText, fromExcelSerial } from '../../src/chronology/excel-date.ts';
import { readCsv } from '../../src/chronology/read-csv.ts';
import { readReturn } from '../../src/chronology/read-return.ts';
import type { SourceTable } from '../../src/chronology/source-table.ts';
import { refusal, tempDir } from '../helpers/workspace.ts';
import { writeSocialCareWorkbook } from './social-care-workbook.ts';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/chronology/${name}`, import.meta.url));

const cells = (table: SourceTable, record: number) =>
  Object.fromEntries(table.rows.find((r) => r.record === record)?.cells ?? []);

describe('readReturn: CSV', () => {
  it('reads a UTF-8 file with a BOM, without the BOM in the first heading', async () => {
    const table = await readReturn(fixture('health-gp.csv'));
    expect(table.description).toBe('CSV, comma-separated, UTF-8 with BOM');
    expect(table.headings).toEqual([
      'Consultation date',
      'Time',
      'Clinician',
      'Summary',
      'Details',
      'Practice',
    ]);
    expect(table.rows).toHaveLength(4);
    expect(cells(table, 3)).toMatchObject({
      'Consultation date': '?/06/2023',
      Summary: 'Telephone consultation',
    });
    expect(cells(table, 3).Details).toContain('Jaylen’s cough');
  });

  it('detects semicolons and keeps quoted multi-line cells whole, counting each record once', async () => {
    const table = await readReturn(fixture('police-occurrences.csv'));
    expect(table.description).toBe('CSV, semicolon-separated, UTF-8');
    expect(table.rows.map((r) => r.record)).toEqual([1, 2, 3]);
    expect(cells(table, 1).Details?.split('\n')).toHaveLength(3);
    expect(cells(table, 1).Outcome).toBe('DASH completed; standard risk');
    expect(table.rows.map((r) => r.where)).toEqual(['line 2', 'line 5', 'line 6']);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, keeping £ and curly quotes', async () => {
    const table = await readReturn(fixture('nursery-windows-1252.csv'));
    expect(table.description).toBe('CSV, comma-separated, Windows-1252');
    expect(cells(table, 1).Entry).toBe(
      'Jaylen collected late by Mum, who said she owes £40 in fees and “can’t pay until payday”.',
    );
  });

  it.each([
    ['tab', 'Date\tDetails\n01/02/2023\tA, b; c\n'],
    ['pipe', 'Date|Details\n01/02/2023|A, b; c\n'],
    ['comma', 'Date,Details\n01/02/2023,"A, b; c"\n'],
    ['semicolon', '"Date;x";Details;Worker\n01/02/2023;"A, b; c";SW\n'],
  ])('detects a %s delimiter from the header', async (name, text) => {
    const table = await readCsv(Buffer.from(text), 'x.csv');
    expect(table.description).toContain(`${name}-separated`);
    expect(cells(table, 1)).toMatchObject({ Details: 'A, b; c' });
  });

  it('finds the header below a title line, numbering records after it', async () => {
    const table = await readCsv(
      Buffer.from('Chronology export\n\nDate,Notes\n01/02/2023,a\n'),
      'x.csv',
    );
    expect(table.description).toBe('CSV, comma-separated, UTF-8, header on line 3');
    expect(table.rows.map((r) => [r.record, r.where])).toEqual([[1, 'line 4']]);
  });

  it('names blank and repeated headings so no cell is overwritten', async () => {
    const table = await readCsv(Buffer.from('Date,Notes,,Notes\n01/02/2023,a,b,c\n'), 'x.csv');
    expect(table.headings).toEqual(['Date', 'Notes', 'Column 3', 'Notes (2)']);
    expect(cells(table, 1)).toEqual({
      Date: '01/02/2023',
      Notes: 'a',
      'Column 3': 'b',
      'Notes (2)': 'c',
    });
  });

  it('marks cells beyond the header as overflow and skips empty lines without counting them', async () => {
    const table = await readCsv(
      Buffer.from('Date,Details\n\n01/02/2023,a,b\n\n02/02/2023,c\n'),
      'x.csv',
    );
    expect(table.rows.map((r) => [r.record, r.overflow])).toEqual([
      [1, ['b']],
      [2, undefined],
    ]);
  });

  it('refuses a quote that is never closed, naming the file and line', async () => {
    const error = await refusal(() =>
      readCsv(Buffer.from('Date,Details\n01/02/2023,"open\n'), 'open.csv'),
    );
    expect(error.message).toMatch(/^open\.csv: cannot be read as CSV at line \d/);
    expect(error.message).toContain('never closed');
  });

  it('decodes every Windows-1252 byte, including the quotes, dashes and euro at 0x80–0x9F', () => {
    expect(decodeWindows1252(Uint8Array.from([0x93, 0x41, 0x94, 0x92, 0x96, 0x80, 0xa3]))).toBe(
      '“A”’–€£',
    );
  });

  it('decodes UTF-16 with a BOM (Excel "Unicode text")', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Date\tNotes\n', 'utf16le'),
    ]);
    expect(decodeText(bytes)).toEqual({ text: 'Date\tNotes\n', encoding: 'UTF-16LE with BOM' });
    expect(detectDelimiter('\n\nDate\tNotes\tMore, or less\n')).toBe('\t');
  });
});

describe('readReturn: XLSX', () => {
  it('reads the first sheet from its header row, below a title; Excel dates become ISO dates, text dates stay as written', async () => {
    const table = await readReturn(await writeSocialCareWorkbook(tempDir()));
    expect(table.description).toBe('XLSX, sheet "Case notes" (of 2), header on row 2');
    expect(table.headings).toEqual([
      'Date',
      'Time',
      'Contact type',
      'Details',
      'Worker',
      'Case note ID',
      'Team',
    ]);
    expect(table.rows.map((r) => [r.record, r.where])).toEqual([
      [1, 'sheet row 3'],
      [2, 'sheet row 4'],
      [3, 'sheet row 5'],
      [4, 'sheet row 6'],
    ]);
    expect(cells(table, 1)).toMatchObject({ Date: '2023-09-25', Time: '14:30' });
    expect(cells(table, 2)).toMatchObject({ Date: '2023-09-26 09:15', Time: '' });
    expect(cells(table, 3).Date).toBe('early October 2023');
    expect(cells(table, 4)).toMatchObject({
      Date: '?/11/2023',
      Details: 'Jo Pritchard rang: worried about the flat.',
    });
  });

  it('reads the sheet named by --sheet, and lists the sheets when the name is wrong', async () => {
    const path = await writeSocialCareWorkbook(tempDir());
    const table = await readReturn(path, { sheet: 'supervision' });
    expect(table.headings).toEqual(['Date', 'Notes', 'Worker']);
    const error = await refusal(readReturn(path, { sheet: 'Contacts' }));
    expect(error.message).toBe(
      'social-care.xlsx: has no sheet "Contacts"; its sheets are "Case notes", "Supervision"',
    );
    expect(error.issues[0]?.path).toEqual(['social-care.xlsx', 'sheet']);
  });

  it('refuses a sheet named for a file that has none, saying to leave it out', async () => {
    const error = await refusal(
      readReturn(fixture('police-occurrences.csv'), { sheet: 'Contacts' }),
    );
    expect(error.issues).toEqual([
      {
        code: 'sheet-not-applicable',
        path: ['sheet'],
        message:
          'police-occurrences.csv is a CSV file, which has no sheets; a sheet is named only for an Excel workbook',
        fix: { kind: 'omit', field: 'sheet' },
      },
    ]);
  });

  it('rounds Excel times to the minute and reads a time-only cell as a time', () => {
    expect(excelDateText(new Date('2023-03-14T10:29:59.990Z'))).toBe('2023-03-14 10:30');
    expect(excelDateText(new Date('1899-12-30T08:05:00Z'))).toBe('08:05');
    expect(fromExcelSerial('45048')).toBe('2023-05-02');
    expect(fromExcelSerial('45048.5')).toBe('2023-05-02 12:00');
    expect(fromExcelSerial('1234')).toBe('1234');
  });
});

describe('readReturn: JSON', () => {
  it('reads an array of objects; keys become headings, numbers and booleans text', async () => {
    const table = await readReturn(fixture('ed-attendances.json'));
    expect(table.headings).toEqual([
      'Arrival',
      'Presenting complaint',
      'Notes',
      'Clinician',
      'Record ref',
      'Triage category',
      'Safeguarding flag',
    ]);
    expect(cells(table, 1)['Triage category']).toBe('3');
    expect(cells(table, 3)['Safeguarding flag']).toBe('true');
    expect(cells(table, 1)['Safeguarding flag']).toBeUndefined();
  });

  it('refuses JSON that is not an array, and marks items that are not objects', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'obj.json'), '{"entries": []}');
    expect((await refusal(readReturn(join(dir, 'obj.json')))).message).toContain(
      'obj.json: found a JSON object, expected an array of records',
    );
    writeFileSync(join(dir, 'mixed.json'), '[{"Date": "01/02/2023"}, "stray"]');
    const table = await readReturn(join(dir, 'mixed.json'));
    expect(table.rows[1]?.unreadable).toBe(
      'found the string "stray", expected an object of column names and values',
    );
  });
});

describe('readReturn: files', () => {
  it('refuses a missing file and an old .xls, saying what to do', async () => {
    expect((await refusal(readReturn('/nowhere/return.csv'))).message).toContain(
      'cannot read the file (ENOENT); check the path',
    );
    const dir = tempDir();
    writeFileSync(join(dir, 'old.xls'), readFileSync(fixture('health-gp.csv')));
    expect((await refusal(readReturn(join(dir, 'old.xls')))).message).toContain(
      'save the return as .xlsx or .csv',
    );
  });
});
