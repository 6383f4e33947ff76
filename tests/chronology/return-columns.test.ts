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
