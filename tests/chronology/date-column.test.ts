// A return's date column read as a whole: the order of numbered dates proven by any one value,
// assumed (UK) when none proves it; Excel serials in a CSV; two-digit years with the century
// chosen; a stated dateFormat; the forms found reported with a sample; and a column most of whose
// dates no form reads stopped with one problem naming the format seen and the key to set.
import { describe, expect, it } from 'vitest';
import { parseMappingText } from '../../src/chronology/load-mapping-file.ts';
import { type ImportPlanInput, planImport } from '../../src/chronology/plan-import.ts';
import type { SourceTable } from '../../src/chronology/source-table.ts';
import { issueLines, refusal } from '../helpers/workspace.ts';

const table = (dates: string[], format: SourceTable['format'] = 'csv'): SourceTable => ({
  file: 'return.csv',
  format,
  description: 'CSV, comma-separated, UTF-8',
  headings: ['Date', 'Notes'],
  rows: dates.map((d, i) => ({
    record: i + 1,
    cells: new Map([
      ['Date', d],
      ['Notes', `Event ${i + 1}`],
    ]),
  })),
});

const plan = (dates: string[], more: Partial<ImportPlanInput> = {}) =>
  planImport({
    table: table(dates),
    agencyName: 'Ashgrove Hospital',
    today: '2026-01-15',
    persons: [],
    ...more,
  });

const starts = (p: ReturnType<typeof plan>) => p.entries.map((e) => e.entry.date.start);

describe('the date column: which way round numbered dates are read', () => {
  it('reads the whole column month first when one date can only be month first', () => {
    const p = plan(['03/04/2023', '03/18/2023', '05/06/2023']);
    expect(p.problems).toEqual([]);
    expect(starts(p)).toEqual(['2023-03-04', '2023-03-18', '2023-05-06']);
    expect(p.mapping?.dayFirst).toBe(false);
    expect(p.dates?.order).toEqual({
      dayFirst: false,
      basis: 'proven',
      monthFirstOnly: { count: 1, first: { record: 2, text: '03/18/2023' } },
      ambiguous: 2,
    });
  });

  it('reads day first, saying it was proven, when a day over 12 comes first', () => {
    const p = plan(['03/04/2023', '18/03/2023']);
    expect(starts(p)).toEqual(['2023-04-03', '2023-03-18']);
    expect(p.dates?.order).toMatchObject({ dayFirst: true, basis: 'proven' });
  });

  it('assumes day first (UK) when no date proves the order, and says it assumed', () => {
    const p = plan(['03/04/2023', '05/06/2023']);
    expect(starts(p)).toEqual(['2023-04-03', '2023-06-05']);
    expect(p.dates?.order).toEqual({ dayFirst: true, basis: 'assumed', ambiguous: 2 });
  });

  it('takes no proof from a date that is not real either way (31/02/2023 is a mistake)', () => {
    const p = plan(['03/04/2023', '31/02/2023']);
    expect(p.dates?.order).toEqual({ dayFirst: true, basis: 'assumed', ambiguous: 1 });
    expect(p.problems.map((x) => [x.record, x.code])).toEqual([[2, 'impossible-date']]);
  });

  it('keeps the UK order for a mixed column, refusing the dates it cannot read that way', () => {
    const p = plan(['18/03/2023', '03/18/2023']);
    expect(p.dates?.order).toMatchObject({ dayFirst: true, basis: 'mixed' });
    expect(p.problems.map((x) => [x.record, x.code])).toEqual([[2, 'impossible-date']]);
  });

  it('keeps --month-first even against a date that proves day first', () => {
    const p = plan(['18/03/2023', '03/04/2023'], { monthFirst: true });
    expect(p.dates?.order).toMatchObject({ dayFirst: false, basis: 'option' });
    expect(p.problems.map((x) => x.record)).toEqual([1]);
  });

  it('has no order to report when no date is numbered', () => {
    expect(plan(['18-Mar-2023', 'Mar 19, 2023']).dates?.order).toBeUndefined();
  });
});

describe('the date column: forms, two-digit years and serials', () => {
  it('reports each form found, most common first, with the first record written that way', () => {
    const p = plan(['18-Mar-2023 16:05', '19-Mar-2023 09:10', '20/03/2023', 'early April 2023']);
    expect(p.dates).toMatchObject({
      column: 'Date',
      cells: 4,
      read: 4,
      uncertain: 1,
      forms: [
        { form: 'DD-MMM-YYYY HH:mm', count: 2, sample: { record: 1, text: '18-Mar-2023 16:05' } },
        { form: 'DD/MM/YYYY', count: 1, sample: { record: 3, text: '20/03/2023' } },
      ],
      unreadable: { count: 0 },
    });
  });

  it('names the century chosen for two-digit years, with an example of each', () => {
    const p = plan(['18 Mar 23 16:05', '19 Mar 23', '01/02/85']);
    expect(starts(p)).toEqual(['2023-03-18', '2023-03-19', '1985-02-01']);
    expect(p.dates?.twoDigitYears).toEqual([
      { century: 2000, count: 2, sample: { record: 1, text: '18 Mar 23 16:05' }, year: 2023 },
      { century: 1900, count: 1, sample: { record: 3, text: '01/02/85' }, year: 1985 },
    ]);
  });

  it('reads a CSV column of Excel serial numbers as dates', () => {
    const p = plan(['45003', '45004.5', '45005']);
    expect(p.problems).toEqual([]);
    expect(starts(p)).toEqual(['2023-03-18', '2023-03-19', '2023-03-20']);
    expect(p.dates).toMatchObject({ serials: true, forms: [{ form: 'excel', count: 3 }] });
  });

  it('does not read a lone five-digit number among dates as a serial', () => {
    const p = plan(['18/03/2023', '19/03/2023', '45003']);
    expect(p.dates?.serials).toBe(false);
    expect(p.problems.map((x) => [x.record, x.code])).toEqual([[3, 'unreadable-date']]);
  });
});

describe('the date column: a stated dateFormat', () => {
  it('reads the column with a mapping file’s dateFormat and keeps it in the mapping saved', () => {
    const p = plan(['20230318', '20230319'], {
      override: {
        file: 'mapping.yaml',
        mapping: { date: 'Date', text: ['Notes'], dayFirst: true, dateFormat: 'YYYYMMDD' },
      },
    });
    expect(p.problems).toEqual([]);
    expect(starts(p)).toEqual(['2023-03-18', '2023-03-19']);
    expect(p.mapping?.dateFormat).toBe('YYYYMMDD');
    expect(p.dates).toMatchObject({ stated: 'YYYYMMDD', forms: [{ form: 'YYYYMMDD', count: 2 }] });
  });

  it('lets a format given for this import win over the saved one', () => {
    const p = plan(['03/18/2023 4:05 PM', '03/04/2023 9:00 AM'], {
      saved: { date: 'Date', text: ['Notes'], dayFirst: true, dateFormat: 'YYYYMMDD' },
      dateFormat: 'MM/DD/YYYY h:mm A',
    });
    expect(p.entries.map((e) => [e.entry.date.start, e.entry.date.time])).toEqual([
      ['2023-03-18', '16:05'],
      ['2023-03-04', '09:00'],
    ]);
    expect(p.dates?.order).toMatchObject({ dayFirst: false, basis: 'format' });
  });

  it('refuses a format that cannot be a date, naming the column, and builds nothing', () => {
    const p = plan(['18/03/2023'], { dateFormat: 'HH:mm' });
    expect(p.entries).toEqual([]);
    expect(p.problems).toMatchObject([
      {
        code: 'invalid-date-format',
        record: null,
        column: 'Date',
        problem: 'the date format "HH:mm" has no year (YYYY or YY)',
      },
    ]);
  });
});

describe('the date column: mostly unreadable', () => {
  const compact = ['20230318', '20230319', '20230320', '2023-03-21'];

  it('stops with one problem that names the format seen and the key to set, not one per record', () => {
    const p = plan(compact);
    expect(p.entries).toHaveLength(1);
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toMatchObject({
      code: 'unreadable-dates',
      file: 'return.csv',
      record: null,
      column: 'Date',
      problem:
        '3 of the 4 dates are in no form read; they are written like "20230318" (record 1), the format YYYYMMDD',
      advice:
        'set the mapping key dateFormat to the form the column writes its dates in, e.g. dateFormat: YYYYMMDD',
      fix: { kind: 'give', field: 'dateFormat', example: 'YYYYMMDD' },
    });
    expect(p.invalidRecords).toEqual([]);
  });

  it('keeps the other problems of the records, and says when the stated format is the one wrong', () => {
    const rows = [...compact.slice(0, 3), '31/02/2023'];
    const p = plan(rows, { dateFormat: 'DD/MM/YYYY' });
    expect(p.problems.map((x) => [x.record, x.code])).toEqual([
      [null, 'unreadable-dates'],
      [4, 'impossible-date'],
    ]);
    expect(p.problems[0]?.problem).toContain(
      'are in no form read, the stated date format DD/MM/YYYY included',
    );
    expect(p.problems[0]?.advice).toMatch(/^correct the mapping key dateFormat/);
  });

  it('suggests a format for a shape it can guess, quoted for a shell when it must be', () => {
    const p = plan(['18/Mar/2023 16h05', '19/Mar/2023 09h10', '20/Mar/2023 11h00']);
    expect(p.problems[0]).toMatchObject({
      code: 'unreadable-dates',
      fix: { example: `'DD/MMM/YYYY HH"h"mm'` },
    });
    expect(p.problems[0]?.problem).toContain('the format DD/MMM/YYYY HH"h"mm');
  });

  it('falls back to an example and the notation when it cannot guess', () => {
    const p = plan(['the 18th', 'the 19th', 'the 20th']);
    expect(p.problems[0]?.advice).toContain(
      'e.g. dateFormat: DD-MMM-YYYY HH:mm; a date format is written with YYYY or YY',
    );
  });

  it('reports a record at a time while most dates still read', () => {
    const p = plan(['18/03/2023', '19/03/2023', 'tbc', 'soon']);
    expect(p.problems.map((x) => [x.record, x.code])).toEqual([
      [3, 'unreadable-date'],
      [4, 'unreadable-date'],
    ]);
  });
});

describe('a mapping file’s dateFormat', () => {
  it('is read under either spelling, dateFormat or date_format', () => {
    expect(
      parseMappingText('date: Date\ntext: Notes\ndateFormat: DD-MMM-YYYY HH:mm\n', 'm.yaml'),
    ).toMatchObject({ dateFormat: 'DD-MMM-YYYY HH:mm' });
    expect(parseMappingText('date: Date\ntext: Notes\ndate_format: YYYYMMDD\n', 'm.yaml')).toEqual({
      date: 'Date',
      text: ['Notes'],
      dayFirst: true,
      dateFormat: 'YYYYMMDD',
    });
  });

  it('is refused, naming the file, line and key, when it cannot be a date', async () => {
    const error = await refusal(async () =>
      parseMappingText('date: Date\ntext: Notes\ndateFormat: DD/MM\n', 'm.yaml'),
    );
    expect(issueLines(error)).toEqual([
      'm.yaml:3:13 dateFormat: the date format "DD/MM" has no year (YYYY or YY); a date format is written with YYYY or YY (year), MM (month number) or MMM (month name), DD (day), and for a time HH:mm (hh:mm A on the 12-hour clock), e.g. DD-MMM-YYYY HH:mm, MM/DD/YYYY or YYYYMMDD; or "excel" for Excel serial numbers',
    ]);
  });
});
