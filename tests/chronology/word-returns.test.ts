// Word returns: the chronology as a table in a .docx (built here with the docx package, as Word
// saves one). The same return as a Word table and as CSV gives the same entries, record numbers
// and problems; what real Word tables hold — paragraphs in a cell, merged cells, nested tables, a
// header row repeated, a title row above it, empty rows at the end, a table split in two — is read
// as the table shows it; the table is the first whose header maps, or the one named. Every
// refusal names the file and table and the fix, and leaves the store unchanged.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportPlan, planImport } from '../../src/chronology/plan-import.ts';
import { readReturn } from '../../src/chronology/read-return.ts';
import type { SourceTable } from '../../src/chronology/source-table.ts';
import { DEFAULT_IMPORT_LIMITS } from '../../src/domain/import-limits.ts';
import { importSetUp } from '../helpers/import-cli.ts';
import { type WordRowSpec, writeWordReturn } from '../helpers/word-files.ts';
import { refusal, tempDir } from '../helpers/workspace.ts';
import { deflatedPart, partsOf, repeatedPart, writeZip } from '../helpers/zip-files.ts';

const DOCUMENT_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>';
const DOCUMENT_TAIL = '</w:tbl></w:body></w:document>';

const cells = (table: SourceTable, record: number) =>
  Object.fromEntries(table.rows.find((r) => r.record === record)?.cells ?? []);

/** A health visiting return: a header and five records, two of them with problems. */
const HEADER = ['Date', 'Time', 'Practitioner', 'Details', 'Outcome'];
const RECORDS = [
  [
    '14/03/2023',
    '09:40',
    'Health visitor',
    'New birth visit.\nMother tired; baby feeding well.',
    'Review in 2 weeks',
  ],
  ['31/02/2023', '', 'Health visitor', 'Phoned mother; no answer.', ''],
  ['28/03/2023', '14:00', 'Nursery nurse', 'Home visit, Child A seen asleep.', 'Letter sent'],
  ['04/04/2023', '', 'Health visitor', '', ''],
  ['?/05/2023', '', 'GP', 'Mother rang about a rash; advice given.', ''],
];

const csvCell = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

function writeCsv(path: string, rows: readonly string[][]): string {
  writeFileSync(path, `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`);
  return path;
}

/** Each row as a Word table row: a cell's lines become its paragraphs. */
const wordRows = (rows: readonly string[][]): WordRowSpec[] => rows.map((r) => [...r]);

const plan = (table: SourceTable): ImportPlan =>
  planImport({ table, agencyName: 'Brackenmoor Health', today: '2026-01-15', persons: [] });

/** A plan with the file's own name and record locations taken out: what both formats must share. */
function comparable(p: ImportPlan) {
  return {
    records: p.records,
    headings: p.headings,
    mapping: p.mapping,
    extraColumns: p.extraColumns,
    entries: p.entries.map((e) => ({
      ...e,
      entry: { ...e.entry, provenance: { ...e.entry.provenance, file: 'return' } },
    })),
    problems: p.problems.map(({ file: _file, where: _where, path, ...rest }) => ({
      ...rest,
      path: path.slice(1),
    })),
    skipped: p.skipped,
    invalidRecords: p.invalidRecords,
  };
}

describe('readReturn: Word', () => {
  it('reads a Word table equal to the same return as CSV: the same entries, record numbers and problems', async () => {
    const dir = tempDir();
    const csv = await readReturn(writeCsv(join(dir, 'hv.csv'), [HEADER, ...RECORDS]));
    const word = await readReturn(
      await writeWordReturn(join(dir, 'hv.docx'), [
        'Chronology of involvement: health visiting',
        { table: wordRows([HEADER, ...RECORDS]) },
      ]),
    );
    expect(word.format).toBe('docx');
    expect(word.description).toBe('Word document, table 1');
    expect(word.rows.map((r) => r.where)).toEqual([
      'table 1, row 2',
      'table 1, row 3',
      'table 1, row 4',
      'table 1, row 5',
      'table 1, row 6',
    ]);
    const fromCsv = plan(csv);
    const fromWord = plan(word);
    expect(fromWord.entries).toHaveLength(3);
    expect(fromWord.invalidRecords).toEqual([2, 4]);
    expect(fromWord.problems.map((p) => [p.record, p.code, p.where])).toEqual([
      [2, 'impossible-date', 'table 1, row 3'],
      [4, 'empty-text', 'table 1, row 5'],
    ]);
    expect(comparable(fromWord)).toEqual(comparable(fromCsv));
    expect(fromWord.entries[0]?.entry.provenance).toEqual({
      method: 'import',
      file: 'hv.docx',
      record: 1,
    });
  });

  it("joins a cell's paragraphs and line breaks with line breaks, and a nested table's rows likewise", async () => {
    const path = await writeWordReturn(join(tempDir(), 'cells.docx'), [
      {
        table: [
          ['Date', 'Details'],
          ['14/03/2023', { paragraphs: ['', 'Home visit.', '', 'Mother tired.', ''] }],
          ['15/03/2023', { lines: ['Phoned', 'no answer'] }],
          [
            '16/03/2023',
            {
              paragraphs: ['Medication reviewed:'],
              table: [
                ['Drug', 'Dose'],
                ['Iron', '5 ml'],
              ],
            },
          ],
        ],
      },
    ]);
    const table = await readReturn(path);
    expect(cells(table, 1).Details).toBe('Home visit.\n\nMother tired.');
    expect(cells(table, 2).Details).toBe('Phoned\nno answer');
    expect(cells(table, 3).Details).toBe('Medication reviewed:\nDrug | Dose\nIron | 5 ml');
    // The nested table is numbered (it is one the reader can see), but is not read as the return.
    expect(table.description).toBe('Word document, table 1 (of 2)');
    expect(table.rows).toHaveLength(3);
  });

  it('lays merged cells out as the table shows them: across columns in the first, down rows in each', async () => {
    const path = await writeWordReturn(join(tempDir(), 'merged.docx'), [
      {
        table: [
          ['Date', 'Practitioner', 'Details', 'Outcome'],
          [{ paragraphs: ['14/03/2023'], rowSpan: 2 }, 'Health visitor', 'Home visit.', 'Seen'],
          ['GP', 'Phoned mother.', 'No answer'],
          [
            '15/03/2023',
            { paragraphs: ['Strategy discussion with police.'], colSpan: 2 },
            'Agreed',
          ],
        ],
      },
    ]);
    const table = await readReturn(path);
    expect(table.rows.map((r) => Object.fromEntries(r.cells))).toEqual([
      {
        Date: '14/03/2023',
        Practitioner: 'Health visitor',
        Details: 'Home visit.',
        Outcome: 'Seen',
      },
      { Date: '14/03/2023', Practitioner: 'GP', Details: 'Phoned mother.', Outcome: 'No answer' },
      {
        Date: '15/03/2023',
        Practitioner: 'Strategy discussion with police.',
        Details: '',
        Outcome: 'Agreed',
      },
    ]);
    expect(table.rows.every((r) => r.overflow === undefined)).toBe(true);
  });

  it('skips repeats of the header row, counting them in the record numbers, and empty rows after the last record', async () => {
    const path = await writeWordReturn(join(tempDir(), 'pages.docx'), [
      {
        table: [
          { header: true, cells: ['Date', 'Details'] },
          ['14/03/2023', 'Home visit.'],
          ['15/03/2023', 'Phoned mother.'],
          [' date ', 'DETAILS'],
          ['', ''],
          ['16/03/2023', 'Clinic.'],
          ['', ''],
          ['', ''],
        ],
      },
    ]);
    const table = await readReturn(path);
    expect(table.rows.map((r) => [r.record, r.where])).toEqual([
      [1, 'table 1, row 2'],
      [2, 'table 1, row 3'],
      [4, 'table 1, row 5'],
      [5, 'table 1, row 6'],
    ]);
    expect(cells(table, 5).Details).toBe('Clinic.');
    expect(table.description).toBe('Word document, table 1, 1 repeat of the header row skipped');
    const planned = plan(table);
    expect(planned.entries.map((e) => e.record)).toEqual([1, 2, 5]);
    expect(planned.skipped).toEqual([{ record: 4, reason: 'blank' }]);
    expect(planned.problems).toEqual([]);
  });

  it('finds the header below a title row, and reads on into a table split from it with the same header', async () => {
    const path = await writeWordReturn(join(tempDir(), 'split.docx'), [
      {
        table: [
          [{ paragraphs: ['Police return'], colSpan: 2 }],
          ['Date', 'Details'],
          ['14/03/2023', 'Welfare check.'],
        ],
      },
      'Page 2',
      {
        table: [
          ['Date', 'Details'],
          ['15/03/2023', 'Referral to children’s social care.'],
        ],
      },
      'Other notes',
      {
        table: [
          ['Name', 'Role'],
          ['PC 1123', 'Response officer'],
        ],
      },
    ]);
    const table = await readReturn(path);
    expect(table.description).toBe(
      'Word document, table 1 (of 3), continued in table 2, header on row 2, 1 repeat of the header row skipped',
    );
    expect(table.rows.map((r) => [r.record, r.where, cells(table, r.record).Details])).toEqual([
      [1, 'table 1, row 3', 'Welfare check.'],
      [3, 'table 2, row 2', 'Referral to children’s social care.'],
    ]);
  });

  it('reads the first table whose header maps, past a table of details above it, or the table named', async () => {
    const path = await writeWordReturn(join(tempDir(), 'two.docx'), [
      {
        table: [
          ['Agency', 'Brackenmoor Health'],
          ['Completed by', 'Named nurse'],
        ],
      },
      {
        table: [
          ['Date', 'Details'],
          ['14/03/2023', 'Home visit.'],
        ],
      },
    ]);
    const found = await readReturn(path);
    expect(found.description).toBe('Word document, table 2 (of 2)');
    expect(found.headings).toEqual(['Date', 'Details']);
    const named = await readReturn(path, { table: 1 });
    expect(named.headings).toEqual(['Agency', 'Brackenmoor Health']);
    expect(named.rows.map((r) => r.where)).toEqual(['table 1, row 2']);
  });

  it("takes the table a mapping file's headings fit when no header is recognised", async () => {
    const path = await writeWordReturn(join(tempDir(), 'odd.docx'), [
      {
        table: [
          ['Agency', 'Police'],
          ['Officer', 'PC 1123'],
        ],
      },
      {
        table: [
          ['Occurred', 'Narrative'],
          ['14/03/2023', 'Welfare check.'],
        ],
      },
    ]);
    expect((await refusal(readReturn(path))).issues[0]?.code).toBe('unknown-table');
    const table = await readReturn(path, {
      mappings: [{ date: 'Occurred', text: ['Narrative'], dayFirst: true }],
    });
    expect(table.headings).toEqual(['Occurred', 'Narrative']);
  });
});

describe('readReturn: Word, refused', () => {
  const twoTables = (dir: string) =>
    writeWordReturn(join(dir, 'cover.docx'), [
      {
        table: [
          ['Agency', 'Police'],
          ['Officer', 'PC 1123'],
        ],
      },
      {
        table: [
          ['Occurred', 'Narrative'],
          ['14/03/2023', 'Welfare check.'],
        ],
      },
    ]);

  it('names the tables, with their headers, when none maps or the one named is not there', async () => {
    const dir = tempDir();
    const none = await refusal(readReturn(await twoTables(dir)));
    expect(none.issues).toMatchObject([
      {
        code: 'unknown-table',
        path: ['cover.docx', 'table'],
        message:
          'cover.docx: none of its 2 tables has a header row naming a date and what happened: table 1 (Agency, Police); table 2 (Occurred, Narrative)',
        fix: { kind: 'give', field: 'table' },
      },
    ]);
    const missing = await refusal(readReturn(join(dir, 'cover.docx'), { table: 3 }));
    expect(missing.message).toContain(
      'cover.docx: has no table 3; it holds 2 tables: table 1 (Agency, Police); table 2 (Occurred, Narrative)',
    );
  });

  it('refuses a document without a table, a table named for a CSV file and an old .doc, saying what to do', async () => {
    const dir = tempDir();
    const prose = await writeWordReturn(join(dir, 'letter.docx'), [
      'Dear panel,',
      'Our records show…',
    ]);
    expect((await refusal(readReturn(prose))).message).toContain(
      'letter.docx: the document holds no table; a Word return needs the chronology as a table',
    );
    const csv = writeCsv(join(dir, 'hv.csv'), [HEADER, ...RECORDS]);
    expect((await refusal(readReturn(csv, { table: 1 }))).issues).toMatchObject([
      { code: 'table-not-applicable', fix: { kind: 'omit', field: 'table' } },
    ]);
    const doc = writeCsv(join(dir, 'old.doc'), [HEADER]);
    expect((await refusal(readReturn(doc))).message).toContain(
      'old.doc: .doc files cannot be imported; save the return as .docx (in Word: File › Save As)',
    );
  });

  it('refuses a file that is not a Word document, one with a password, or a ZIP without a document, saying what to do', async () => {
    const dir = tempDir();
    const text = join(dir, 'renamed.docx');
    writeFileSync(text, 'Date,Details\n14/03/2023,Visit\n');
    expect((await refusal(readReturn(text))).message).toBe(
      'renamed.docx: cannot be read as a Word document: it has no end-of-archive record (not a ZIP file, or cut short); open it in Word and save it again as .docx',
    );
    const locked = join(dir, 'locked.docx');
    writeFileSync(
      locked,
      Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]),
    );
    expect((await refusal(readReturn(locked))).message).toBe(
      'locked.docx: is protected with a password, or is an older Word file given a new name; open it in Word, remove the password (File › Info › Protect) or save it as .docx, and import that',
    );
    const zip = join(dir, 'empty.docx');
    writeZip(zip, [deflatedPart('notes.txt', 'not a document')]);
    const error = await refusal(readReturn(zip));
    expect(error.issues[0]?.code).toBe('unreadable-docx');
    expect(error.message).toMatch(
      /^empty\.docx: cannot be read as a Word document \(.+\); open it in Word and save it again as \.docx$/,
    );
  });
});

describe('readReturn: Word, bounded', () => {
  it('refuses a document whose XML is over a quarter of the file size limit, as mammoth holds it whole', async () => {
    const dir = tempDir();
    const base = await writeWordReturn(join(dir, 'base.docx'), [{ table: wordRows([HEADER]) }]);
    const row = `<w:tr>${HEADER.map((h) => `<w:tc><w:p><w:r><w:t>${h}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr>`;
    const parts = partsOf(base, statSync(base).size).map((p) =>
      p.name === 'word/document.xml'
        ? repeatedPart(p.name, DOCUMENT_HEAD, row.repeat(100), 12, DOCUMENT_TAIL)
        : deflatedPart(p.name, p.data),
    );
    const path = join(dir, 'long.docx');
    writeZip(path, parts);
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxFileMegabytes: 1, maxCompressionRatio: 100_000 };
    const error = await refusal(readReturn(path, { limits }));
    expect(error.issues).toMatchObject([
      {
        code: 'file-too-large',
        fix: { kind: 'raise-limit', limit: 'maxFileMegabytes', current: 1, needed: 2 },
      },
    ]);
    expect(error.message).toMatch(
      /^long\.docx: its text and layout \(the XML parts\) unpack to \d+ KB, over a quarter of the limit of 1 MB for a file read in \(256 KB\): a Word document is read whole/,
    );
    const raised = await readReturn(path, { limits: { ...limits, maxFileMegabytes: 2 } });
    expect(raised.headings).toEqual(HEADER);
  });
});

describe('chronology import: a Word return', () => {
  it('imports the table, numbering records by table row, with the report saying which table was read', async () => {
    const h = await importSetUp();
    const path = await writeWordReturn(join(h.dir, 'gp.docx'), [
      { table: [['Practice', 'Brackenmoor Surgery']] },
      {
        table: [
          { header: true, cells: ['Date', 'Clinician', 'Details'] },
          ['14/03/2023', 'GP', { paragraphs: ['Immunisations.', 'Weight 9.1kg.'] }],
          ['Date', 'Clinician', 'Details'],
          ['02/05/2023', 'Practice nurse', 'Did not attend.'],
        ],
      },
    ]);
    const result = await h.importing(path, '--json');
    expect(result.code).toBe(0);
    const out = result.json<{ imported: number; read: string; errors: unknown[] }>();
    expect(out).toMatchObject({
      imported: 2,
      errors: [],
      read: 'Word document, table 2 (of 2), 1 repeat of the header row skipped',
    });
    const entries = await h.entries();
    expect(entries.map((e) => [e.provenance.record, e.date.original])).toEqual([
      [1, '14/03/2023'],
      [3, '02/05/2023'],
    ]);
    expect(entries[0]?.text).toContain('Immunisations.\nWeight 9.1kg.');
  });

  it('refuses a bad record, a table not there and a crafted document, naming each and the fix, with the store unchanged', async () => {
    const h = await importSetUp();
    const before = await h.position();
    const path = await writeWordReturn(join(h.dir, 'hv.docx'), [
      { table: wordRows([HEADER, ...RECORDS]) },
    ]);
    const bad = await h.importing(path);
    expect(bad.code).toBe(1);
    expect(bad.err + bad.out).toContain('record 2 (table 1, row 3), column "Date"');

    const missing = await h.importing(path, '--table', '4');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Refused; nothing was changed:');
    expect(missing.err).toContain(
      'hv.docx: has no table 4; it holds 1 table: table 1 (Date, Time, Practitioner, Details, Outcome); to read that table, give --table (e.g. --table 1)',
    );

    const base = await writeWordReturn(join(h.dir, 'base.docx'), [
      { table: wordRows([HEADER, ...RECORDS]) },
    ]);
    const row = '<w:tr><w:tc><w:p><w:r><w:t>14/03/2023</w:t></w:r></w:p></w:tc></w:tr>';
    const parts = partsOf(base, statSync(base).size).map((p) =>
      p.name === 'word/document.xml'
        ? repeatedPart(p.name, DOCUMENT_HEAD, row.repeat(1000), 40, DOCUMENT_TAIL)
        : deflatedPart(p.name, p.data),
    );
    const bomb = join(h.dir, 'bomb.docx');
    writeZip(bomb, parts);
    // 40,000 rows: about 3 MB of document XML in a few kilobytes.
    const refused = await h.importing(bomb, '--max-file-size', '2');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /bomb\.docx: its parts unpack to 2\.\d MB \(word\/document\.xml alone to 2\.\d MB\), over the limit of 2 MB for a file read in; if the file is what you meant to read, raise the limit: give --max-file-size 3/,
    );
    expect(refused.err).toMatch(
      /bomb\.docx: its part word\/document\.xml unpacks [\d,]+ times larger than it is packed .*over the limit of 100 to 1; word processors pack 5 to 30 to 1.*give --max-compression-ratio \d+/,
    );
    expect(await h.position()).toEqual(before);
  });
});
