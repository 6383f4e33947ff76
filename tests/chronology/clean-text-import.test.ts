// Clean text in: a return or register whose cells hold NUL, control characters or bidi
// overrides is refused, naming each record and column, with the store unchanged; with
// --strip-controls they are removed, the import says how many, and what is stored is clean.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readReturn } from '../../src/chronology/read-return.ts';
import { findControls } from '../../src/domain/control-characters.ts';
import { importSetUp } from '../helpers/import-cli.ts';
import { refusal, tempDir } from '../helpers/workspace.ts';

const RLO = '\u202E';

function hostileCsv(dir: string, name = 'visits.csv') {
  const path = join(dir, name);
  writeFileSync(
    path,
    [
      'Date,Details,Author',
      '01/03/2023,Home visit.,Health visitor',
      `02/03/2023,Visit to Child A ${RLO}reversed,Health visitor`,
      '03/03/2023,Clinic.,Nurse\u0000\u0007',
      '04/03/2023,"Phone call\u0085, no answer.",GP',
    ].join('\n'),
  );
  return path;
}

interface ImportJson {
  imported: number;
  errors: { file: string; record: number | null; column: string | null; message: string }[];
  strippedControls?: { characters: number; cells: number } | null;
}

describe('control characters in a CSV return', () => {
  it('refuses the file, naming the record and column of each, and changes nothing', async () => {
    const h = await importSetUp();
    const path = hostileCsv(h.dir);
    const before = await h.position();
    const result = await h.importing(path, '--json');
    expect(result.code).toBe(1);
    const out = result.json<ImportJson>();
    expect(out.imported).toBe(0);
    expect(out.errors.map(({ record, column }) => ({ record, column }))).toEqual([
      { record: 2, column: 'Details' },
      { record: 3, column: 'Author' },
      { record: 4, column: 'Details' },
    ]);
    expect(out.errors[0]?.message).toBe(
      'visits.csv: record 2 (line 3), column "Details" holds a right-to-left override (U+202E) at character 18; remove it from the file (control characters are invisible and bidirectional overrides reorder what a reader sees); to import it with them removed, give --strip-controls',
    );
    expect(out.errors[1]?.message).toContain(
      'record 3 (line 4), column "Author" holds a NUL (null) character (U+0000) at character 6 (and 1 more such character); remove them from the file',
    );
    expect(out.errors[2]?.message).toContain('a C1 control character (U+0085) at character 11');
    expect(await h.position()).toEqual(before);

    const text = await h.importing(path);
    expect(text.code).toBe(1);
    expect(text.err).toContain('Refused; nothing was changed:');
    expect(text.err).toContain(
      '  - visits.csv: record 2 (line 3), column "Details" holds a right-to-left override',
    );
    expect(await h.position()).toEqual(before);
  });

  it('with --strip-controls, imports the records clean and says how many characters went', async () => {
    const h = await importSetUp();
    const path = hostileCsv(h.dir);
    const result = await h.importing(path, '--strip-controls');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(
      'Stripped 4 control characters (NUL, controls or bidi overrides) from 3 cells (--strip-controls).',
    );
    const stored = await h.entries();
    expect(stored).toHaveLength(4);
    for (const e of stored) expect(findControls(JSON.stringify(e))).toBeUndefined();
    expect(stored.map((e) => e.text)).toContain('Visit to Child A reversed');
    expect(stored.map((e) => e.author)).toContain('Nurse');
  });

  it('names a control in the header by its column, and counts the cells past the first ten', async () => {
    const dir = tempDir();
    const path = join(dir, 'many.csv');
    const rows = Array.from({ length: 14 }, (_, i) => `0${1 + (i % 9)}/03/2023,Visit\u0001 ${i}`);
    writeFileSync(path, [`Date,Deta${RLO}ils`, ...rows].join('\n'));
    const error = await refusal(readReturn(path));
    // The header and nine records are named; the other five are counted.
    expect(error.issues).toHaveLength(11);
    expect(error.issues[0]).toMatchObject({
      code: 'control-character',
      path: ['many.csv', 'header', 2],
      message: expect.stringMatching(
        /^many\.csv: the header, column 2 holds a right-to-left override/,
      ),
    });
    // The heading is shown with the override made visible, so it cannot reorder the message.
    expect(error.issues[1]?.message).toContain(
      'record 1 (line 2), column "Deta<U+202E>ils" holds a control character (U+0001)',
    );
    expect(error.issues[10]?.message).toBe('many.csv: 5 more cells hold such characters');
  });

  it('refuses C1 controls that come from a Windows-1252 file, and a file name with an override', async () => {
    const dir = tempDir();
    const path = join(dir, 'legacy.csv');
    // 0x81 is one of the five bytes Windows-1252 leaves undefined: not text in any reading.
    writeFileSync(
      path,
      Buffer.from([...Buffer.from('Date,Details\n01/03/2023,Caf'), 0xe9, 0x81, 0x0a]),
    );
    expect((await refusal(readReturn(path))).message).toContain(
      'legacy.csv: record 1 (line 2), column "Details" holds a C1 control character (U+0081) at character 5',
    );
    const spoof = join(dir, `visits${RLO}vsc.exe`);
    writeFileSync(spoof, 'Date,Details\n01/03/2023,Visit\n');
    expect((await refusal(readReturn(spoof))).message).toBe(
      'visits<U+202E>vsc.exe: the file name holds a right-to-left override (U+202E) at character 7; rename the file without it (control characters are invisible and bidirectional overrides reorder what a reader sees)',
    );
  });
});

describe('control characters in an XLSX return and a register', () => {
  it('refuses an XLSX cell with a bidi isolate, naming record, sheet row and column; strips it when asked', async () => {
    const h = await importSetUp();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Visits');
    sheet.addRow(['Date', 'Details']);
    sheet.addRow(['01/03/2023', 'Home visit.']);
    sheet.addRow(['02/03/2023', `Mother \u2067said\u2069 she was fine.`]);
    const path = join(h.dir, 'visits.xlsx');
    await workbook.xlsx.writeFile(path);
    const before = await h.position();
    const result = await h.importing(path, '--json');
    expect(result.code).toBe(1);
    expect(result.json<ImportJson>().errors).toEqual([
      {
        file: 'visits.xlsx',
        record: 2,
        column: 'Details',
        message:
          'visits.xlsx: record 2 (sheet row 3), column "Details" holds a right-to-left isolate (U+2067) at character 8 (and 1 more such character); remove them from the file (control characters are invisible and bidirectional overrides reorder what a reader sees); to import it with them removed, give --strip-controls',
      },
    ]);
    expect(await h.position()).toEqual(before);
    const stripped = await h.importing(path, '--strip-controls', '--json');
    expect(stripped.code, stripped.err).toBe(0);
    expect(stripped.json<ImportJson>().strippedControls).toEqual({ characters: 2, cells: 1 });
    expect((await h.entries()).map((e) => e.text)).toContain('Mother said she was fine.');
  });

  it('refuses a register whose real name carries an override, and imports it stripped', async () => {
    const h = await importSetUp();
    const path = join(h.dir, 'register.csv');
    writeFileSync(
      path,
      `real_name,role,publication_label\nJaylen ${RLO}Brooks,subject child,Child A\nDanielle Brooks,mother,Mother\n`,
    );
    const before = await h.position();
    const refused = await h.run('person', 'import', path);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      'register.csv: record 1 (line 2), column "real_name" holds a right-to-left override (U+202E) at character 8',
    );
    expect(refused.err).toContain('give --strip-controls');
    expect(await h.position()).toEqual(before);
    const imported = await h.run('person', 'import', path, '--strip-controls');
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain(
      'Stripped 1 control character (NUL, controls or bidi overrides) from 1 cell',
    );
    const persons = Object.values((await h.ws.load(h.reviewId)).persons);
    expect(persons.map((p) => p.realName).sort()).toEqual(['Danielle Brooks', 'Jaylen Brooks']);
  });
});
