// Dates as agencies write them: exact forms, day-first and month-first, times in the date or in a
// column of their own, each uncertain form with its precision and original text, and the refusals.
import { describe, expect, it } from 'vitest';
import { parseClockTime, parseEventDate } from '../../src/chronology/parse-event-date.ts';
import type { EventDate } from '../../src/domain/chronology-entry.ts';

function date(text: string, options?: Parameters<typeof parseEventDate>[1]): EventDate {
  const parsed = parseEventDate(text, options);
  if (!parsed.ok) throw new Error(`expected ${text} to parse: ${parsed.message}`);
  return parsed.date;
}

function refusal(text: string, options?: Parameters<typeof parseEventDate>[1]) {
  const parsed = parseEventDate(text, options);
  if (parsed.ok) throw new Error(`expected ${text} to be refused`);
  return parsed;
}

describe('parseEventDate: exact dates', () => {
  it.each([
    ['2023-03-14', '2023-03-14'],
    ['14/03/2023', '2023-03-14'],
    ['14.03.23', '2023-03-14'],
    ['14-03-2023', '2023-03-14'],
    ['3 March 2023', '2023-03-03'],
    ['3rd Mar 2023', '2023-03-03'],
    ['21st of Sept 2023', '2023-09-21'],
    ['Tuesday 14 March 2023', '2023-03-14'],
    ['March 14, 2023', '2023-03-14'],
  ])('reads %s as the day %s, keeping the original text', (text, iso) => {
    expect(date(text)).toEqual({ precision: 'day', start: iso, original: text });
  });

  it('reads dd/mm/yyyy hh:mm, ISO with a time, and "at 2pm" as time precision', () => {
    expect(date('14/03/2023 10:30')).toMatchObject({
      precision: 'time',
      start: '2023-03-14',
      time: '10:30',
    });
    expect(date('2023-03-14T09:05:00')).toMatchObject({ precision: 'time', time: '09:05' });
    expect(date('3 March 2023 at 2pm')).toMatchObject({
      precision: 'time',
      start: '2023-03-03',
      time: '14:00',
    });
  });

  it('reads an ISO timestamp with a zone in UK local time (BST in summer)', () => {
    expect(date('2023-07-01T09:30:00Z')).toMatchObject({ start: '2023-07-01', time: '10:30' });
    expect(date('2023-01-10T23:30:00Z')).toMatchObject({ start: '2023-01-10', time: '23:30' });
  });

  it('reads day first by default and month first when asked', () => {
    expect(date('03/04/2023').start).toBe('2023-04-03');
    expect(date('03/04/2023', { dayFirst: false }).start).toBe('2023-03-04');
  });

  it('takes the time from a column of its own, and refuses two different times', () => {
    expect(date('14/03/2023', { time: '1030' })).toMatchObject({
      precision: 'time',
      time: '10:30',
    });
    expect(date('14/03/2023 10:30', { time: '10:30' }).time).toBe('10:30');
    expect(refusal('14/03/2023 10:30', { time: '11:00' }).reason).toBe(
      '"14/03/2023 10:30" gives the time 10:30 but the time column says 11:00; the record cannot be both',
    );
  });
});

describe('parseEventDate: uncertain dates keep their precision', () => {
  it.each([
    ['?/04/2023', 'month', '2023-04-01', '2023-04-30'],
    ['??/04/2023', 'month', '2023-04-01', '2023-04-30'],
    ['04/2023', 'month', '2023-04-01', '2023-04-30'],
    ['May 2023', 'month', '2023-05-01', '2023-05-31'],
    ['early May 2023', 'range', '2023-05-01', '2023-05-10'],
    ['mid May 2023', 'range', '2023-05-11', '2023-05-20'],
    ['mid-May 2023', 'range', '2023-05-11', '2023-05-20'],
    ['late February 2024', 'range', '2024-02-21', '2024-02-29'],
    ['early 2023', 'range', '2023-01-01', '2023-04-30'],
    ['between 03/05/2023 and 05/05/2023', 'range', '2023-05-03', '2023-05-05'],
    ['3 May 2023 to 5 May 2023', 'range', '2023-05-03', '2023-05-05'],
  ] as const)('reads %s as %s precision, %s to %s', (text, precision, start, end) => {
    expect(date(text)).toEqual({ precision, start, end, original: text });
  });

  it.each(['approx 14/06/2023', 'c. 14/06/2023', 'circa 14/06/2023', '14/06/2023 (approx)'])(
    'reads %s as approximate, around 14 June 2023',
    (text) => {
      expect(date(text)).toEqual({ precision: 'approximate', start: '2023-06-14', original: text });
    },
  );

  it('keeps the month of "approx May 2023" as the span it could be', () => {
    expect(date('approx May 2023')).toMatchObject({
      precision: 'approximate',
      start: '2023-05-01',
      end: '2023-05-31',
    });
  });

  it('reads "unknown" as an unknown date', () => {
    expect(date('unknown')).toEqual({ precision: 'unknown', original: 'unknown' });
    expect(date('Not known').precision).toBe('unknown');
  });
});

describe('parseEventDate: refusals', () => {
  it('calls 31/02/2023 impossible, saying why', () => {
    const r = refusal('31/02/2023');
    expect(r.kind).toBe('impossible');
    expect(r.reason).toBe('"31/02/2023" is not a real date: February 2023 has 28 days');
  });

  it('calls "tbc" a placeholder and other text unreadable, listing the forms it reads', () => {
    const tbc = refusal('tbc');
    expect(tbc.kind).toBe('unreadable');
    expect(tbc.reason).toBe('"tbc" is a placeholder, not a date');
    expect(tbc.message).toContain('"early March 2023"');
    expect(refusal('the week after half term').reason).toBe(
      '"the week after half term" is not a date in any of the forms read',
    );
  });

  it('suggests month-first when a day-first reading has month 13, and the reverse', () => {
    const dayFirst = refusal('04/13/2023');
    expect(dayFirst.reason).toBe(
      '"04/13/2023" has month 13; months run from 01 to 12; if this file writes dates month first, import it reading them that way',
    );
    expect(dayFirst.fix).toEqual({
      kind: 'give',
      field: 'monthFirst',
      purpose: 'read dates month first',
    });
    const monthFirst = parseEventDate('13/04/2023', { dayFirst: false });
    expect(monthFirst.ok).toBe(false);
    if (monthFirst.ok) return;
    expect(monthFirst.reason).toContain('if this file writes dates day first');
    expect(monthFirst.fix).toEqual({ kind: 'omit', field: 'monthFirst' });
  });

  it('refuses a range that ends before it starts, and an impossible time', () => {
    expect(refusal('05/05/2023 - 03/05/2023').reason).toContain(
      'ends (2023-05-03) before it starts',
    );
    expect(refusal('14/03/2023 25:00').kind).toBe('impossible');
  });
});

describe('parseClockTime', () => {
  it.each([
    ['10:30', '10:30'],
    ['10.30', '10:30'],
    ['1030', '10:30'],
    ['09:05:59', '09:05'],
    ['2pm', '14:00'],
    ['12am', '00:00'],
    ['2.15 p.m.', '14:15'],
    ['1400hrs', '14:00'],
  ])('reads %s as %s', (text, time) => {
    expect(parseClockTime(text)).toEqual({ ok: true, time });
  });

  it.each(['25:00', '14', '10:75', 'noonish'])('refuses %s', (text) => {
    expect(parseClockTime(text).ok).toBe(false);
  });
});

describe('parseEventDate: the forms hospital, police and school systems export', () => {
  const today = '2026-01-15';
  it.each([
    ['18-Mar-2023', 'day', '2023-03-18', undefined, 'DD-MMM-YYYY'],
    ['18-Mar-2023 16:05', 'time', '2023-03-18', '16:05', 'DD-MMM-YYYY HH:mm'],
    ['18-MAR-2023 16:05', 'time', '2023-03-18', '16:05', 'DD-MMM-YYYY HH:mm'],
    ['18 Mar 23 16:05', 'time', '2023-03-18', '16:05', 'DD MMM YY HH:mm'],
    ['Mar 18, 2023', 'day', '2023-03-18', undefined, 'MMM DD, YYYY'],
    ['March 18 2023', 'day', '2023-03-18', undefined, 'MMM DD YYYY'],
    ['2023-Mar-18', 'day', '2023-03-18', undefined, 'YYYY-MMM-DD'],
    ['18/Mar/2023', 'day', '2023-03-18', undefined, 'DD/MMM/YYYY'],
    ['18MAR2023', 'day', '2023-03-18', undefined, 'DDMMMYYYY'],
    ['Sat, 18 Mar 2023', 'day', '2023-03-18', undefined, 'dddd, DD MMM YYYY'],
    ['18th March 2023, 09:15', 'time', '2023-03-18', '09:15', 'DD MMM YYYY, HH:mm'],
    ['18.03.2023', 'day', '2023-03-18', undefined, 'DD.MM.YYYY'],
    ['Sat 18/03/2023 16:05', 'time', '2023-03-18', '16:05', 'dddd DD/MM/YYYY HH:mm'],
    ['18.03.2023 16:05', 'time', '2023-03-18', '16:05', 'DD.MM.YYYY HH:mm'],
    ['2023/03/18', 'day', '2023-03-18', undefined, 'YYYY/MM/DD'],
    ['2023-03-18T16:05:00', 'time', '2023-03-18', '16:05', 'YYYY-MM-DDTHH:mm:ss'],
    ['2023-03-18T16:05:59.123', 'time', '2023-03-18', '16:05', 'YYYY-MM-DDTHH:mm:ss'],
    ['2023-03-18 16:05:00', 'time', '2023-03-18', '16:05', 'YYYY-MM-DD HH:mm:ss'],
    ['2023-07-01T09:30:00+00:00', 'time', '2023-07-01', '10:30', 'YYYY-MM-DDTHH:mm:ssZ'],
  ] as const)(
    'reads %s as %s precision on %s %s (form %s)',
    (text, precision, start, time, form) => {
      const parsed = parseEventDate(text, { today });
      expect(parsed).toMatchObject({
        ok: true,
        date: { precision, start, original: text, ...(time ? { time } : {}) },
        form,
      });
    },
  );

  it.each([
    ['Mar 18, 2023 4:05 PM', '16:05', 'MMM DD, YYYY hh:mm A'],
    ['18/03/2023 4:05:30 pm', '16:05', 'DD/MM/YYYY hh:mm:ss A'],
    ['18/03/2023 12:05 AM', '00:05', 'DD/MM/YYYY hh:mm A'],
    ['18/03/2023 12:30 PM', '12:30', 'DD/MM/YYYY hh:mm A'],
    ['18 March 2023 at 4pm', '16:00', 'DD MMM YYYY at hhA'],
    ['18 March 2023 at 4.05 p.m.', '16:05', 'DD MMM YYYY at hh.mm A'],
  ])('reads the 12-hour time of %s as %s', (text, time, form) => {
    expect(parseEventDate(text)).toMatchObject({ ok: true, date: { time }, form });
  });

  it('refuses a 12-hour time past 12, and a time with no day to belong to', () => {
    expect(refusal('18/03/2023 16:05 PM').reason).toBe(
      '"18/03/2023 16:05 PM" has the time 16:05 PM, which is not a time of day',
    );
    expect(refusal('March 2023 10:30').kind).toBe('unreadable');
  });

  it('refuses a month name with no year, a word that is no month, and a day the month lacks', () => {
    expect(refusal('18 Mar').kind).toBe('unreadable');
    expect(refusal('18 Marz 2023').kind).toBe('unreadable');
    expect(refusal('31-Apr-2023').reason).toBe(
      '"31-Apr-2023" is not a real date: April 2023 has 30 days',
    );
  });

  it('reads the month alone in words, in either position', () => {
    expect(date('Mar-2023')).toMatchObject({ precision: 'month', start: '2023-03-01' });
    expect(date('2023 March')).toMatchObject({ precision: 'month', end: '2023-03-31' });
  });
});

describe('parseEventDate: two-digit years', () => {
  it('takes the latest year not after today, and says which it chose', () => {
    const today = '2026-01-15';
    expect(parseEventDate('18 Mar 23', { today })).toMatchObject({
      date: { start: '2023-03-18' },
      twoDigitYear: 2023,
    });
    expect(parseEventDate('01/02/85', { today })).toMatchObject({
      date: { start: '1985-02-01' },
      twoDigitYear: 1985,
    });
    expect(parseEventDate('15.01.26', { today })).toMatchObject({ twoDigitYear: 2026 });
    expect(parseEventDate('15.01.27', { today })).toMatchObject({ twoDigitYear: 1927 });
  });

  it('reads a two-digit year against the machine’s today when none is given (a date of birth typed 01/02/85 is 1985), and names no two-digit year for four digits', () => {
    expect(parseEventDate('01/02/85')).toMatchObject({ date: { start: '1985-02-01' } });
    expect(parseEventDate('01/02/19')).toMatchObject({ date: { start: '2019-02-01' } });
    const four = parseEventDate('01/02/1985');
    expect(four.ok && four.twoDigitYear).toBeUndefined();
  });

  it('carries the year chosen through approximate dates and ranges', () => {
    const today = '2026-01-15';
    expect(parseEventDate('approx 18-Mar-23', { today })).toMatchObject({
      date: { precision: 'approximate', start: '2023-03-18' },
      twoDigitYear: 2023,
    });
    expect(parseEventDate('01/03/99 to 05/03/99', { today })).toMatchObject({
      date: { precision: 'range', start: '1999-03-01', end: '1999-03-05' },
      twoDigitYear: 1999,
    });
  });
});

describe('parseEventDate: Excel serial numbers', () => {
  it('reads five-digit serials when asked, with the time in the fraction', () => {
    expect(parseEventDate('45003', { serials: true })).toMatchObject({
      date: { precision: 'day', start: '2023-03-18' },
      form: 'excel',
    });
    expect(parseEventDate('45003.6875', { serials: true })).toMatchObject({
      date: { precision: 'time', start: '2023-03-18', time: '16:30' },
    });
  });

  it('does not take a bare number for a date otherwise', () => {
    expect(refusal('45003').kind).toBe('unreadable');
  });
});
