// The columns of a return, end to end through `chronology import`: every narrative column joined
// into the entry text with its heading (and the report naming the text and the extra columns),
// and records with fewer or more cells than the header, or with empty cells.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSetUp } from '../helpers/import-cli.ts';

interface ImportJson {
  imported: number;
  errors: { file: string; record: number | null; column: string | null; message: string }[];
  mapping: { text: string[] } | null;
  extraColumns: string[];
}

const SCHOOL = [
  'Date,Pupil,Concern,Action taken,Staff member,Year group',
  '06/03/2023,JB,"Arrived without a coat, hungry.",Breakfast given; mother phoned.,DSL,Reception',
  '13/03/2023,JB,Bruise on left cheek.,Referred to children’s social care.,DSL,Reception',
  '',
].join('\n');

describe('chronology import: text from several columns', () => {
  it("joins a school's Concern and Action taken into the text, with their headings", async () => {
    const { dir, importing, entries } = await importSetUp();
    const file = join(dir, 'school.csv');
    writeFileSync(file, SCHOOL);
    const result = await importing(file, '--json');
    expect(result.code, result.out).toBe(0);
    const out = result.json<ImportJson>();
    expect(out.mapping?.text).toEqual(['Concern', 'Action taken']);
    expect(out.extraColumns).toEqual(['Pupil', 'Year group']);
    const [first, second] = await entries();
    expect(first?.text).toBe(
      'Concern: Arrived without a coat, hungry.; Action taken: Breakfast given; mother phoned.',
    );
    expect(first?.extra).toEqual({ Pupil: 'JB', 'Year group': 'Reception' });
    expect(second?.text).toContain('Action taken: Referred to children’s social care.');
  });

  it('says in the report which columns became the text and which were kept as extra fields', async () => {
    const { dir, importing } = await importSetUp();
    const file = join(dir, 'school.csv');
    writeFileSync(file, SCHOOL);
    const result = await importing(file);
    expect(result.code, result.out).toBe(0);
    expect(result.stdout).toContain(
      '  text       ← "Concern" + "Action taken"  (joined as "Concern: …; Action taken: …")',
    );
    expect(result.stdout).toContain('  kept as extra: "Pupil", "Year group"');
  });
});

interface RowsJson extends ImportJson {
  warnings: { file: string; record: number | null; column: string | null; message: string }[];
}

const GP_HEADER = 'Consultation date,Time,Clinician,Summary,Details,Practice';

describe('chronology import: short, long and empty-cell rows', () => {
  it('imports a record whose last, optional cell is missing, with a warning naming the record and column', async () => {
    const { dir, importing, entries } = await importSetUp();
    const file = join(dir, 'gp.csv');
    writeFileSync(
      file,
      `${GP_HEADER}\n14/03/2023,09:40,GP,Immunisations,Jaylen attended.,Brackenmoor Surgery\n02/05/2023,,Practice nurse,Did not attend,Letter sent.\n`,
    );
    const result = await importing(file, '--json');
    expect(result.code, result.out).toBe(0);
    const out = result.json<RowsJson>();
    expect(out.imported).toBe(2);
    expect(out.errors).toEqual([]);
    expect(out.warnings).toEqual([
      {
        file: 'gp.csv',
        record: 2,
        column: 'Practice',
        message:
          'The record stops after 5 of 6 cells, without "Practice", so it is left empty. Fix: check the record against the source for a missing delimiter or a lost cell, and give the record a cell for every column (an empty one where there is nothing).',
      },
    ]);
    expect((await entries())[1]?.extra).toEqual({});
  });

  it('lists the warning in the report, after the entries imported', async () => {
    const { dir, importing } = await importSetUp();
    const file = join(dir, 'gp.csv');
    writeFileSync(file, `${GP_HEADER}\n02/05/2023,,Practice nurse,Did not attend,Letter sent.\n`);
    const report = await importing(file);
    expect(report.code, report.out).toBe(0);
    expect(report.stdout).toContain('Imported 1 entry (CH-1).');
    expect(report.stdout).toContain('Warnings (1; these do not stop the import):');
    expect(report.stdout).toContain(
      '  - record 1 (line 2), column "Practice": the record stops after 5 of 6 cells, without "Practice", so it is left empty',
    );
  });

  it('refuses a record that stops before a text column, naming the record and every missing column; the store is unchanged', async () => {
    const { dir, importing, position } = await importSetUp();
    const file = join(dir, 'gp.csv');
    writeFileSync(
      file,
      `${GP_HEADER}\n14/03/2023,09:40,GP,Immunisations,Jaylen attended.,Brackenmoor Surgery\n02/05/2023,,Practice nurse,Did not attend\n`,
    );
    const before = await position();
    const result = await importing(file, '--json');
    expect(result.code).toBe(1);
    const out = result.json<RowsJson>();
    expect(out.imported).toBe(0);
    expect(out.errors).toEqual([
      {
        file: 'gp.csv',
        record: 2,
        column: 'Details',
        message:
          'The record stops after 4 of 6 cells, without "Details" and "Practice"; "Details" is the entry text. Fix: look for a line break in a cell that is not in double quotes, or a missing delimiter, and give the record a cell for every column (an empty one where there is nothing).',
      },
    ]);
    expect(out.warnings).toEqual([]);
    expect(await position()).toEqual(before);
  });

  it('refuses a record with more cells than the header, naming the cells beyond it; the store is unchanged', async () => {
    const { dir, importing, position } = await importSetUp();
    const file = join(dir, 'gp.csv');
    writeFileSync(
      file,
      `${GP_HEADER}\n14/03/2023,09:40,GP,Immunisations,Weight 9,1kg.,Brackenmoor Surgery\n02/05/2023,,Nurse,Did not attend,Letter sent.,Brackenmoor Surgery,\n`,
    );
    const before = await position();
    const result = await importing(file, '--json');
    expect(result.code).toBe(1);
    expect(result.json<RowsJson>().errors).toEqual([
      {
        file: 'gp.csv',
        record: 1,
        column: null,
        message:
          'Found 7 cells but the header has 6 columns (beyond "Practice": "Brackenmoor Surgery"), so the cells do not line up with their headings. Fix: a delimiter inside a cell that is not in double quotes splits the cell; put the cell in double quotes ("…") or remove the delimiter.',
      },
      {
        file: 'gp.csv',
        record: 2,
        column: null,
        message:
          'Found 7 cells but the header has 6 columns (beyond "Practice": an empty cell), so the cells do not line up with their headings. Fix: the line ends with a delimiter after its last cell; remove it, or give the extra column a heading.',
      },
    ]);
    expect(await position()).toEqual(before);
  });

  it('imports a record with every cell present but some empty, without a warning', async () => {
    const { dir, importing, entries } = await importSetUp();
    const file = join(dir, 'gp.csv');
    writeFileSync(file, `${GP_HEADER}\n02/05/2023,,,Did not attend,,\n`);
    const result = await importing(file, '--json');
    expect(result.code, result.out).toBe(0);
    const out = result.json<RowsJson>();
    expect(out).toMatchObject({ imported: 1, errors: [], warnings: [] });
    const [entry] = await entries();
    expect(entry?.text).toBe('Summary: Did not attend');
    expect(entry?.author).toBeUndefined();
    expect(entry?.extra).toEqual({});
  });

  it('still refuses a record whose date or text cells are there but empty', async () => {
    const { dir, importing, position } = await importSetUp();
    const file = join(dir, 'gp.csv');
    writeFileSync(file, `${GP_HEADER}\n,,GP,Seen,,\n03/05/2023,,GP,,,\n`);
    const before = await position();
    const result = await importing(file, '--json');
    expect(result.code).toBe(1);
    expect(result.json<RowsJson>().errors.map((e) => [e.record, e.column])).toEqual([
      [1, 'Consultation date'],
      [2, 'Summary + Details'],
    ]);
    expect(await position()).toEqual(before);
  });
});
