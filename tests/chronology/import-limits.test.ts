// Bounded imports: a file too large, too many records, a cell too long, and a workbook whose
// parts unpack to too much or pack too tightly are refused before they are parsed (or, for
// records, as they arrive), each naming the limit and the option that raises it; the store is
// unchanged; raising the limit imports the same file. ZIP64 workbooks are read, and a
// directory that understates a part's size is caught. (The memory and time of refusing a
// 300 MB CSV and a 1.2 GB workbook bomb are measured in tests/cli/import-memory.test.ts.)
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readReturn } from '../../src/chronology/read-return.ts';
import { DEFAULT_IMPORT_LIMITS } from '../../src/domain/import-limits.ts';
import { importSetUp } from '../helpers/import-cli.ts';
import { refusal, runCli, tempDir } from '../helpers/workspace.ts';
import { deflatedPart, partsOf, repeatedPart, writeZip } from '../helpers/zip-files.ts';

/** A CSV return of `records` visits. */
function csvReturn(path: string, records: number, details = (i: number) => `Home visit ${i}.`) {
  const lines = ['Date,Details'];
  for (let i = 1; i <= records; i++) lines.push(`${1 + (i % 28)}/03/2023,"${details(i)}"`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** An XLSX return written by exceljs: a header and `records` visits. */
async function xlsxReturn(
  path: string,
  records: number,
  details = (i: number) => `Home visit ${i}.`,
) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Visits');
  sheet.addRow(['Date', 'Details']);
  for (let i = 1; i <= records; i++) sheet.addRow([`${1 + (i % 28)}/03/2023`, details(i)]);
  await workbook.xlsx.writeFile(path);
  return path;
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_ROW =
  '<row><c t="inlineStr"><is><t>01/03/2023</t></is></c><c t="inlineStr"><is><t>Home visit.</t></is></c></row>';
const SHEET_TAIL = '</sheetData></worksheet>';

/**
 * A real workbook (exceljs's parts) whose first sheet is replaced by `sheet`, rewritten by
 * hand, optionally in ZIP64 form.
 */
async function workbookWith(
  dir: string,
  name: string,
  sheet: ReturnType<typeof repeatedPart> | undefined,
  options: { zip64?: boolean } = {},
) {
  const base = await xlsxReturn(join(dir, `base-${name}`), 3);
  const parts = partsOf(base, statSync(base).size).map((p) =>
    sheet && p.name === 'xl/worksheets/sheet1.xml' ? sheet : deflatedPart(p.name, p.data),
  );
  const path = join(dir, name);
  writeZip(path, parts, options);
  return path;
}

describe('import limits: the file', () => {
  it('refuses a file over the size limit before reading it, naming its size and --max-file-size', async () => {
    const h = await importSetUp();
    const path = csvReturn(
      join(h.dir, 'big.csv'),
      3_000,
      (i) => `Home visit ${i}; ${'x'.repeat(700)}`,
    );
    const before = await h.position();
    const result = await h.importing(path, '--max-file-size', '1');
    expect(result.code).toBe(1);
    expect(result.err).toContain('Refused; nothing was changed:');
    expect(result.err).toMatch(
      /big\.csv: the file is 2\.\d MB, over the limit of 1 MB for a file read in; if the file is what you meant to read, raise the limit: give --max-file-size 3/,
    );
    expect(await h.position()).toEqual(before);
    const raised = await h.importing(path, '--max-file-size', '3', '--json');
    expect(raised.code, raised.err).toBe(0);
    expect(raised.json<{ imported: number }>().imported).toBe(3_000);
  });

  it('refuses a zero or fractional limit as an option value', async () => {
    const h = await importSetUp();
    const path = csvReturn(join(h.dir, 'visits.csv'), 3);
    const zero = await h.importing(path, '--max-records', '0');
    expect(zero.code).toBe(1);
    expect(zero.err).toContain('--max-records: the record limit must be more than 0');
  });
});

describe('import limits: records', () => {
  it('stops reading a CSV at the record past the limit, saying where, and imports it once raised', async () => {
    const h = await importSetUp();
    const path = csvReturn(join(h.dir, 'visits.csv'), 30);
    const before = await h.position();
    const result = await h.importing(path, '--max-records', '20');
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'visits.csv: holds more than 20 records, the limit for one file (reading stopped at line 22); if the file is what you meant to read, raise the limit: give --max-records with a number above 20',
    );
    expect(await h.position()).toEqual(before);
    expect((await h.importing(path, '--max-records', '30')).code).toBe(0);
  });

  it('counts an XLSX sheet’s records, not the formatted rows below them, and a JSON array’s items', async () => {
    const dir = tempDir();
    const xlsx = await xlsxReturn(join(dir, 'visits.xlsx'), 12);
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxRecords: 10 };
    expect((await refusal(readReturn(xlsx, { limits }))).issues[0]).toMatchObject({
      code: 'too-many-records',
      message:
        'visits.xlsx: sheet "Visits" holds more than 10 records, the limit for one file (found one on sheet row 12)',
      fix: { kind: 'raise-limit', limit: 'maxRecords', current: 10 },
    });
    expect((await readReturn(xlsx, { limits: { ...limits, maxRecords: 12 } })).rows).toHaveLength(
      12,
    );
    const json = join(dir, 'visits.json');
    writeFileSync(
      json,
      JSON.stringify(
        Array.from({ length: 11 }, (_, i) => ({ Date: '01/03/2023', Details: `Visit ${i}` })),
      ),
    );
    expect((await refusal(readReturn(json, { limits }))).issues[0]).toMatchObject({
      code: 'too-many-records',
      message: 'visits.json: holds 11 records, over the limit of 10 for one file',
      fix: { kind: 'raise-limit', limit: 'maxRecords', current: 10, needed: 11 },
    });
  });
});

describe('import limits: cells', () => {
  it('refuses a cell over the length limit, naming the record, line and column', async () => {
    const h = await importSetUp();
    const path = csvReturn(join(h.dir, 'long.csv'), 5, (i) =>
      i === 4 ? 'y'.repeat(1500) : 'Visit.',
    );
    const before = await h.position();
    const result = await h.importing(path, '--max-cell-length', '1000', '--json');
    expect(result.code).toBe(1);
    expect(result.json<{ errors: unknown[] }>().errors).toEqual([
      {
        file: 'long.csv',
        record: 4,
        column: 'Details',
        message:
          'long.csv: record 4 (line 5), column "Details" is 1,500 characters long, over the limit of 1,000 for one cell; if the file is what you meant to read, raise the limit: give --max-cell-length 1500',
      },
    ]);
    expect(await h.position()).toEqual(before);
    expect((await h.importing(path, '--max-cell-length', '1500')).code).toBe(0);
  });

  it('stops at a quote never closed once the record passes what any cells could hold', async () => {
    const dir = tempDir();
    const path = join(dir, 'open.csv');
    writeFileSync(path, `Date,Details\n01/03/2023,"never closed\n${'more text\n'.repeat(2000)}`);
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxCellLength: 100 };
    const error = await refusal(readReturn(path, { limits }));
    expect(error.issues[0]?.code).toBe('cell-too-long');
    expect(error.message).toContain(
      'open.csv: a record runs past 6,400 characters by line 640: a cell over the limit of 100 characters, or a double quote never closed',
    );
  });

  it('refuses an XLSX cell over the limit, naming the sheet row', async () => {
    const dir = tempDir();
    const path = await xlsxReturn(join(dir, 'long.xlsx'), 3, (i) =>
      i === 2 ? 'z'.repeat(300) : 'Visit.',
    );
    const error = await refusal(
      readReturn(path, { limits: { ...DEFAULT_IMPORT_LIMITS, maxCellLength: 200 } }),
    );
    expect(error.issues[0]).toMatchObject({
      code: 'cell-too-long',
      path: ['long.xlsx', 2, 'Details'],
      message:
        'long.xlsx: record 2 (sheet row 3), column "Details" is 300 characters long, over the limit of 200 for one cell',
    });
  });
});

describe('import limits: workbooks, checked before anything is unpacked', () => {
  it('refuses a workbook whose sheet unpacks past the size limit and packs past the ratio', async () => {
    const h = await importSetUp();
    // 40,000 copies of a row: about 4 MB of sheet XML in a few kilobytes.
    const bomb = repeatedPart(
      'xl/worksheets/sheet1.xml',
      SHEET_HEAD,
      SHEET_ROW.repeat(1000),
      40,
      SHEET_TAIL,
    );
    const path = await workbookWith(h.dir, 'bomb.xlsx', bomb);
    const before = await h.position();
    const result = await h.importing(path, '--max-file-size', '2');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /bomb\.xlsx: its parts unpack to 4\.\d MB \(xl\/worksheets\/sheet1\.xml alone to 4\.\d MB\), over the limit of 2 MB for a file read in; if the file is what you meant to read, raise the limit: give --max-file-size 5/,
    );
    expect(result.err).toMatch(
      /bomb\.xlsx: its part xl\/worksheets\/sheet1\.xml unpacks [\d,]+ times larger than it is packed .*over the limit of 100 to 1; .* raise the limit: give --max-compression-ratio \d+/,
    );
    expect(await h.position()).toEqual(before);
  });

  it('refuses a part that unpacks to more than the directory declares', async () => {
    const dir = tempDir();
    const sheet = repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, SHEET_ROW, 50, SHEET_TAIL);
    const path = await workbookWith(dir, 'liar.xlsx', { ...sheet, declaredSize: 1000 });
    const error = await refusal(readReturn(path));
    expect(error.issues[0]?.code).toBe('unreadable-zip');
    expect(error.message).toBe(
      'liar.xlsx: cannot be read as an XLSX workbook: xl/worksheets/sheet1.xml unpacks to more than the 1,000 bytes it declares (a damaged or crafted file); open it in a spreadsheet and save it again as .xlsx',
    );
  });

  it('reads a ZIP64 workbook, and its 64-bit sizes, which a 32-bit reader would miss', async () => {
    const dir = tempDir();
    const table = await readReturn(
      await workbookWith(dir, 'zip64.xlsx', undefined, { zip64: true }),
    );
    expect(table.rows).toHaveLength(3);
    const sheet = repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, SHEET_ROW, 4, SHEET_TAIL);
    const huge = await workbookWith(
      dir,
      'huge64.xlsx',
      { ...sheet, declaredSize: 6 * 1024 ** 3 },
      { zip64: true },
    );
    expect((await refusal(readReturn(huge))).message).toContain(
      'huge64.xlsx: its parts unpack to 6,145 MB (xl/worksheets/sheet1.xml alone to 6,144 MB), over the limit of 50 MB',
    );
  });

  it('refuses an archive with no directory, or one laid out to mislead, as unreadable', async () => {
    const dir = tempDir();
    const cut = join(dir, 'cut.xlsx');
    writeFileSync(cut, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200)]));
    expect((await refusal(readReturn(cut))).message).toBe(
      'cut.xlsx: cannot be read as an XLSX workbook: it has no end-of-archive record (not a ZIP file, or cut short); open it in a spreadsheet and save it again as .xlsx',
    );
  });
});

describe('import limits: the other files read in', () => {
  it('refuses a mapping file over 1 MB, a fixed limit, saying what a mapping is', async () => {
    const h = await importSetUp();
    const csv = csvReturn(join(h.dir, 'visits.csv'), 3);
    const map = join(h.dir, 'mapping.yaml');
    writeFileSync(map, `date: Date\ntext: Details\n${'# padding\n'.repeat(120_000)}`);
    const result = await h.importing(csv, '--map', map);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'mapping.yaml: the file is 1.2 MB, over the limit of 1 MB for a column mapping; a mapping names a few columns',
    );
  });

  it('refuses a mapping whose column name hides a bidi override in a YAML escape, at its line', async () => {
    const h = await importSetUp();
    const csv = csvReturn(join(h.dir, 'visits.csv'), 3);
    const map = join(h.dir, 'mapping.yaml');
    writeFileSync(map, 'date: Date\ntext: "Deta\\u202Eils"\n');
    const before = await h.position();
    const result = await h.importing(csv, '--map', map);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'mapping.yaml:2:7 text: the text holds a right-to-left override (U+202E) at character 5; remove it',
    );
    expect(await h.position()).toEqual(before);
  });

  it('refuses a bundle over the limit for bundles, and imports it with --max-file-size raised', async () => {
    const h = await importSetUp();
    const bundle = join(h.dir, 'review.bundle.json');
    expect((await h.run('export', '--out', bundle)).code).toBe(0);
    const { readFileSync } = await import('node:fs');
    writeFileSync(bundle, `${readFileSync(bundle, 'utf8')}${' '.repeat(1_200_000)}`);
    const other = join(h.dir, 'other.db');
    const refused = await runCli(['import', bundle, '--workspace', other, '--max-file-size', '1'], {
      cwd: h.dir,
    });
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /review\.bundle\.json: the file is 1\.\d MB, over the limit of 1 MB for a review bundle; if the file is what you meant to read, raise the limit: give --max-file-size 2/,
    );
    const imported = await runCli(
      ['import', bundle, '--workspace', other, '--max-file-size', '2'],
      {
        cwd: h.dir,
      },
    );
    expect(imported.code, imported.err).toBe(0);
  });
});

describe('reading a large workbook', () => {
  it('reads 40,000 records in seconds, in time linear in the rows', async () => {
    const dir = tempDir();
    const path = join(dir, 'large.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings: true,
    });
    const sheet = writer.addWorksheet('Visits');
    sheet.addRow(['Date', 'Details', 'Author']).commit();
    for (let i = 1; i <= 40_000; i++) {
      sheet.addRow([`${1 + (i % 28)}/03/2023`, `Home visit ${i}.`, 'Health visitor']).commit();
    }
    await writer.commit();
    const started = Date.now();
    const table = await readReturn(path);
    const seconds = (Date.now() - started) / 1000;
    expect(table.rows).toHaveLength(40_000);
    // Counting the columns once a row made this quadratic: minutes for 40,000 rows.
    expect(seconds).toBeLessThan(20);
  });
});
