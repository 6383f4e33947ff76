// The notation a mapping states a date column's format in (`dateFormat: DD-MMM-YYYY HH:mm`):
// each kind of token read, the column's order taken from it, values not written in it still read,
// and every format that cannot be a date refused with what is wrong.
import { describe, expect, it } from 'vitest';
import { compileDateFormat } from '../../src/chronology/date-format.ts';
import { parseEventDate } from '../../src/chronology/parse-event-date.ts';

function compiled(text: string) {
  const result = compileDateFormat(text);
  if (!result.ok) throw new Error(`expected ${text} to compile: ${result.message}`);
  return result.format;
}

const read = (text: string, format: string) =>
  parseEventDate(text, { format: compiled(format), today: '2026-01-15' });

describe('compileDateFormat: reading with a stated format', () => {
  it.each([
    ['18-Mar-2023 16:05', 'DD-MMM-YYYY HH:mm', '2023-03-18', '16:05'],
    ['03/18/2023 4:05 PM', 'MM/DD/YYYY h:mm AM/PM', '2023-03-18', '16:05'],
    ['20230318', 'YYYYMMDD', '2023-03-18', undefined],
    ['202303181605', 'YYYYMMDDHHmm', '2023-03-18', '16:05'],
    ['18.03.23', 'dd.mm.yy', '2023-03-18', undefined],
    ['18/03/2023 16h05', 'DD/MM/YYYY HH"h"mm', '2023-03-18', '16:05'],
    ['18 Mar 2023 at 16:05', 'DD MMM YYYY at HH:mm', '2023-03-18', '16:05'],
    ['Saturday 18 March 2023', 'dddd DD MMMM YYYY', '2023-03-18', undefined],
    ['2023-07-01T09:30:00Z', 'YYYY-MM-DDTHH:mm:ssZ', '2023-07-01', '10:30'],
    ['45003', 'excel', '2023-03-18', undefined],
  ])('reads %s with %s', (text, format, start, time) => {
    expect(read(text, format)).toMatchObject({
      ok: true,
      date: { start, ...(time ? { time } : {}) },
      form: format,
    });
  });

  it('reads a format without a day to month precision', () => {
    expect(read('Mar-2023', 'MMM-YYYY')).toMatchObject({
      date: { precision: 'month', start: '2023-03-01', end: '2023-03-31' },
    });
  });

  it('takes the order of numbered dates from a format that states it', () => {
    expect(compiled('MM/DD/YYYY').dayFirst).toBe(false);
    expect(compiled('DD.MM.YYYY').dayFirst).toBe(true);
    expect(compiled('YYYY-MM-DD').dayFirst).toBeUndefined();
    expect(compiled('DD-MMM-YYYY').dayFirst).toBeUndefined();
    // 03/04/23 is not MM/DD/YYYY (two-digit year), but is read month first all the same.
    expect(read('03/04/23', 'MM/DD/YYYY')).toMatchObject({ date: { start: '2023-03-04' } });
  });

  it('still reads values not written in the format: uncertain dates, "unknown", other forms', () => {
    expect(read('unknown', 'YYYYMMDD')).toMatchObject({ date: { precision: 'unknown' } });
    expect(read('approx 20230318', 'YYYYMMDD')).toMatchObject({
      date: { precision: 'approximate', start: '2023-03-18' },
    });
    expect(read('early March 2023', 'YYYYMMDD')).toMatchObject({ date: { precision: 'range' } });
    expect(read('2023-03-19', 'YYYYMMDD')).toMatchObject({ form: 'YYYY-MM-DD' });
  });

  it('refuses a date the format matches but the calendar lacks', () => {
    expect(read('20230230', 'YYYYMMDD')).toMatchObject({
      ok: false,
      kind: 'impossible',
      reason: '"20230230" is not a real date: February 2023 has 28 days',
    });
    expect(read('18-Foo-2023', 'DD-MMM-YYYY')).toMatchObject({ ok: false, kind: 'impossible' });
  });
});

describe('compileDateFormat: formats that cannot be a date', () => {
  it.each([
    ['', 'is empty'],
    ['HH:mm', 'has no year (YYYY or YY)'],
    ['DD/YYYY', 'has no month (MM, or MMM for its name)'],
    ['YYY-MM-DD', 'has "YYY", which is not a token'],
    ['DD/MM/YYYY DD', 'gives the day twice'],
    ['MM/YYYY HH:mm', 'has a time but no day (DD)'],
    ['DD/MM/YYYY hh A A', 'gives am/pm or the time zone twice'],
    ['dddd MM YYYY', 'has a weekday (ddd) but no day of the month (DD)'],
  ])('refuses "%s": it %s', (format, why) => {
    const result = compileDateFormat(format);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(
      `the date format "${format}" ${why}; a date format is written with`,
    );
  });
});

describe('the forms the reader names are formats that read their sample back', () => {
  it.each([
    '18-Mar-2023 16:05',
    '18 Mar 23 16:05',
    'Mar 18, 2023 4:05 PM',
    '18.03.2023',
    '2023-03-18T16:05:00',
    '2023-03-18T16:05:00Z',
    'Saturday, 18 March 2023',
    '3rd of March 2023 at 10.30am',
    '14/03/2023 1400hrs',
    '18MAR2023',
    'Sat 18/03/2023 16:05',
  ])('%s', (text) => {
    const first = parseEventDate(text, { today: '2026-01-15' });
    if (!first.ok || !first.form) throw new Error(`expected ${text} to have a form`);
    const again = read(text, first.form);
    expect(again).toMatchObject({ ok: true, form: first.form });
    if (again.ok) expect(again.date).toEqual(first.date);
  });
});
