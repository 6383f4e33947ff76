// `chronology import` and the dates agencies really write, end to end on a temp workspace: the
// acute hospital's `18-Mar-2023 16:05` return imported whole, the report naming the form of the
// date column with a sample, the order proven or assumed, two-digit years with their century;
// --date-format and a mapping's dateFormat, saved for the next return; and a column no form reads
// refused with one message, naming the format seen and what to set, the store unchanged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSetUp } from '../helpers/import-cli.ts';

interface ImportJson {
  imported: number;
  errors: { file: string; record: number | null; column: string | null; message: string }[];
  mapping: Record<string, unknown> | null;
  dates: { forms: { form: string; count: number }[]; read: number; cells: number } | null;
}

/** A CSV return of Date and Details, one record per date. */
function writeReturn(dir: string, name: string, dates: string[]): string {
  const file = join(dir, name);
  const rows = dates.map((d, i) => `"${d}",Contact ${i + 1} with the family.`);
  writeFileSync(file, ['Date,Details', ...rows].join('\n'));
  return file;
}

const HOSPITAL = ['18-Mar-2023 16:05', '18-Mar-2023 17:40', '19-Mar-2023 09:15', '02-Apr-2023'];

describe('chronology import: dates as agencies write them', () => {
  it('imports the acute hospital’s 18-Mar-2023 16:05 return whole, naming the form found', async () => {
    const { dir, importing, entries } = await importSetUp();
    const result = await importing(writeReturn(dir, 'hospital.csv', HOSPITAL));
    expect(result.code, result.out).toBe(0);
    expect((await entries()).map((e) => [e.date.start, e.date.time ?? null])).toEqual([
      ['2023-03-18', '16:05'],
      ['2023-03-18', '17:40'],
      ['2023-03-19', '09:15'],
      ['2023-04-02', null],
    ]);
    const lines = result.out.split('\n');
    const at = lines.indexOf('Dates in "Date" (4 of 4 read):');
    expect(lines.slice(at, at + 3)).toEqual([
      'Dates in "Date" (4 of 4 read):',
      '  DD-MMM-YYYY HH:mm     3, e.g. "18-Mar-2023 16:05" (record 1)',
      '  DD-MMM-YYYY           1, e.g. "02-Apr-2023" (record 4)',
    ]);
  });

  it('reads Mar 18, 2023, dd.mm.yyyy, ISO with T and seconds and 12-hour times in one column', async () => {
    const { dir, importing, entries } = await importSetUp();
    const file = writeReturn(dir, 'mixed.csv', [
      'Mar 18, 2023 4:05 PM',
      '19.03.2023',
      '2023-03-20T08:30:15',
      '21 Mar 2023 at 9.15am',
    ]);
    const result = await importing(file);
    expect(result.code, result.out).toBe(0);
    expect((await entries()).map((e) => [e.date.start, e.date.time ?? null])).toEqual([
      ['2023-03-18', '16:05'],
      ['2023-03-19', null],
      ['2023-03-20', '08:30'],
      ['2023-03-21', '09:15'],
    ]);
  });

  it('warns of two-digit years, naming the century chosen', async () => {
    const { dir, importing } = await importSetUp();
    const result = await importing(writeReturn(dir, 'short.csv', ['18 Mar 23 16:05', '19 Mar 23']));
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain(
      '  Warning: 2 two-digit years read in the 2000s, e.g. "18 Mar 23 16:05" (record 1) as 2023; if that is the wrong century, write the year in four digits.',
    );
  });

  it('says a column was read month first because one of its dates proves it', async () => {
    const { dir, importing, entries } = await importSetUp();
    const result = await importing(writeReturn(dir, 'us.csv', ['03/04/2023', '03/18/2023']));
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain(
      '  Dates read month first: "03/18/2023" (record 2) can only be read that way, and none the other way, so 03/04/2023 is March 4, 2023.',
    );
    expect((await entries()).map((e) => e.date.start)).toEqual(['2023-03-04', '2023-03-18']);
  });

  it('says day first was assumed when no date proves the order', async () => {
    const { dir, importing } = await importSetUp();
    const result = await importing(writeReturn(dir, 'uk.csv', ['03/04/2023']));
    expect(result.out).toContain(
      '  Dates read day first, the UK order, as no date proves otherwise: 03/04/2023 is 3 April 2023 (--month-first reads it as March 4).',
    );
  });
});

describe('chronology import: a date column no form reads', () => {
  const COMPACT = ['20230318', '20230319', '20230320', '20230321'];

  it('stops with one message naming the format seen and dateFormat, and changes nothing', async () => {
    const { dir, importing, position } = await importSetUp();
    const file = writeReturn(dir, 'compact.csv', COMPACT);
    const before = await position();
    const result = await importing(file);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      'Nothing imported: the dates cannot be read. Nothing was changed.',
    );
    const problems = result.out.slice(result.out.indexOf('Problems ('));
    expect(problems.split('\n').slice(0, 3)).toEqual([
      'Problems (1):',
      '  - the file, column "Date": 4 of the 4 dates are in no form read; they are written like "20230318" (record 1), the format YYYYMMDD',
      '    Fix: set the mapping key dateFormat to the form the column writes its dates in, e.g. dateFormat: YYYYMMDD; to read the dates as the return writes them, give --date-format (e.g. --date-format YYYYMMDD)',
    ]);
    expect(await position()).toEqual(before);

    const json = await importing(file, '--json');
    expect(json.json<ImportJson>().errors).toEqual([
      {
        file: 'compact.csv',
        record: null,
        column: 'Date',
        message: expect.stringMatching(
          /the format YYYYMMDD\. Fix: set the mapping key dateFormat .*give --date-format \(e\.g\. --date-format YYYYMMDD\)\.$/,
        ),
      },
    ]);
    expect(await position()).toEqual(before);
  });

  it('is not got round by --skip-invalid', async () => {
    const { dir, importing, position } = await importSetUp();
    const before = await position();
    const result = await importing(
      writeReturn(dir, 'compact.csv', [...COMPACT, '2023-03-22']),
      '--skip-invalid',
    );
    expect(result.code).toBe(1);
    expect(await position()).toEqual(before);
  });

  it('imports with --date-format, saving it with the mapping for the next return', async () => {
    const { dir, importing, entries, ws, reviewId } = await importSetUp();
    const first = await importing(
      writeReturn(dir, 'compact.csv', COMPACT),
      '--date-format',
      'YYYYMMDD',
    );
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('Dates in "Date" (4 of 4 read, date format stated: YYYYMMDD):');
    const mappings = (await ws.load(reviewId)).chronologyMappings;
    expect(Object.values(mappings)[0]?.dateFormat).toBe('YYYYMMDD');

    const next = await importing(writeReturn(dir, 'compact-april.csv', ['20230401', '20230402']));
    expect(next.code, next.out).toBe(0);
    expect((await entries()).map((e) => e.date.start).slice(-2)).toEqual([
      '2023-04-01',
      '2023-04-02',
    ]);
  });

  it('imports with a mapping file’s dateFormat', async () => {
    const { dir, importing } = await importSetUp();
    const mapping = join(dir, 'mapping.yaml');
    writeFileSync(mapping, 'date: Date\ntext: Details\ndateFormat: YYYYMMDD\n');
    const result = await importing(writeReturn(dir, 'compact.csv', COMPACT), '--map', mapping);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('Imported 4 entries');
  });

  it('refuses a --date-format or mapping dateFormat that cannot be a date, changing nothing', async () => {
    const { dir, importing, position } = await importSetUp();
    const before = await position();
    const file = writeReturn(dir, 'compact.csv', COMPACT);
    const option = await importing(file, '--date-format', 'YYYYMMDDD');
    expect(option.code).toBe(1);
    expect(option.err).toContain(
      '--date-format: the date format "YYYYMMDDD" has a weekday (ddd) but no day of the month (DD)',
    );
    const mapping = join(dir, 'mapping.yaml');
    writeFileSync(mapping, 'date: Date\ntext: Details\ndateFormat: DD/MM\n');
    const file2 = await importing(file, '--map', mapping);
    expect(file2.code).toBe(1);
    expect(file2.err).toContain(
      'mapping.yaml:3:13 dateFormat: the date format "DD/MM" has no year',
    );
    expect(await position()).toEqual(before);
  });
});
