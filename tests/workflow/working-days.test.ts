// English working days and calendar months: bank holidays from date-holidays (Christmas and
// New Year with their substitute days, Easter, the May bank holidays), month-end clamping, no time zones.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InternalError } from '../../src/domain/errors.ts';
import {
  addCalendarMonths,
  addWorkingDays,
  calendarDaysBetween,
  isWorkingDay,
  workingDaysBetween,
} from '../../src/workflow/clocks/working-days.ts';

describe('isWorkingDay', () => {
  it('is false at weekends and true on an ordinary weekday', () => {
    expect(isWorkingDay('2026-01-10')).toBe(false); // Saturday
    expect(isWorkingDay('2026-01-11')).toBe(false); // Sunday
    expect(isWorkingDay('2026-01-12')).toBe(true); // Monday
  });

  it('is false on every England and Wales bank holiday of 2026', () => {
    const bankHolidays = [
      '2026-01-01', // New Year's Day
      '2026-04-03', // Good Friday
      '2026-04-06', // Easter Monday
      '2026-05-04', // Early May
      '2026-05-25', // Spring (late May)
      '2026-08-31', // Summer
      '2026-12-25', // Christmas Day (Friday)
      '2026-12-28', // Boxing Day falls on Saturday: substitute on Monday 28 December
    ];
    for (const day of bankHolidays) expect(isWorkingDay(day), day).toBe(false);
  });

  it('is false on the 2027 bank holidays, including both Christmas substitute days', () => {
    const bankHolidays = [
      '2027-01-01', // New Year's Day (Friday)
      '2027-03-26', // Good Friday
      '2027-03-29', // Easter Monday
      '2027-05-03', // Early May
      '2027-05-31', // Spring (late May)
      '2027-08-30', // Summer
      '2027-12-27', // Christmas Day falls on Saturday: substitute on Monday
      '2027-12-28', // Boxing Day falls on Sunday: substitute on Tuesday
    ];
    for (const day of bankHolidays) expect(isWorkingDay(day), day).toBe(false);
  });

  it('keeps the weekdays next to bank holidays as working days (holidays read as local dates, not UTC instants)', () => {
    // date-holidays gives each holiday's start as a UTC instant, which in British Summer Time
    // is 23:00 the day before; reading that would wrongly close these Thursdays and Fridays.
    expect(isWorkingDay('2026-04-02')).toBe(true); // Thursday before Good Friday
    expect(isWorkingDay('2026-05-22')).toBe(true); // Friday before the late May bank holiday
    expect(isWorkingDay('2026-08-28')).toBe(true); // Friday before the summer bank holiday
    expect(isWorkingDay('2026-12-29')).toBe(true); // Tuesday after the Boxing Day substitute
  });

  it('treats the one-off bank holidays date-holidays knows of as holidays', () => {
    expect(isWorkingDay('2022-09-19')).toBe(false); // State funeral of Queen Elizabeth II
    expect(isWorkingDay('2023-05-08')).toBe(false); // Coronation of King Charles III
  });
});

describe('addWorkingDays', () => {
  it('counts 15 working days from a notification on 2025-12-19 to 2026-01-14, skipping Christmas, Boxing Day and New Year', () => {
    expect(addWorkingDays('2025-12-19', 15)).toBe('2026-01-14');
  });

  it('does not count the from-day itself', () => {
    expect(addWorkingDays('2026-01-12', 1)).toBe('2026-01-13');
    expect(addWorkingDays('2026-01-09', 1)).toBe('2026-01-12'); // Friday → Monday
    expect(addWorkingDays('2026-01-10', 1)).toBe('2026-01-12'); // from a Saturday
  });

  it('leaves the date alone for zero days', () => {
    expect(addWorkingDays('2026-01-10', 0)).toBe('2026-01-10');
  });

  it('skips Christmas 2026 and the Boxing Day substitute on Monday 28 December', () => {
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-24', 3)).toBe('2026-12-31');
    // New Year's Day 2027 is a Friday: the next working day is Monday 4 January.
    expect(addWorkingDays('2026-12-24', 4)).toBe('2027-01-04');
  });

  it("skips Christmas 2027's two substitute days and New Year 2028's substitute", () => {
    expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
    // 1 January 2028 is a Saturday; its substitute is Monday 3 January.
    expect(addWorkingDays('2027-12-31', 1)).toBe('2028-01-04');
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
  });

  it('skips the early and late May bank holidays', () => {
    expect(addWorkingDays('2026-05-01', 1)).toBe('2026-05-05');
    expect(addWorkingDays('2027-04-30', 1)).toBe('2027-05-04');
    expect(addWorkingDays('2026-05-22', 1)).toBe('2026-05-26');
    expect(addWorkingDays('2027-05-28', 1)).toBe('2027-06-01');
  });

  it('gives the notification deadline 5 working days after becoming aware', () => {
    expect(addWorkingDays('2026-01-12', 5)).toBe('2026-01-19'); // an ordinary week
    expect(addWorkingDays('2025-12-22', 5)).toBe('2025-12-31'); // across Christmas
    expect(addWorkingDays('2026-05-21', 5)).toBe('2026-05-29'); // across late May
  });

  it('counts back 7 working days before a planned publication that follows a bank holiday', () => {
    // Tuesday after Easter Monday: Easter Monday and Good Friday are skipped.
    expect(addWorkingDays('2026-04-07', -7)).toBe('2026-03-25');
    // Tuesday after the late May bank holiday.
    expect(addWorkingDays('2026-05-26', -7)).toBe('2026-05-14');
    // Tuesday after New Year 2027: back over New Year's Day, the Boxing Day substitute and Christmas.
    expect(addWorkingDays('2027-01-05', -7)).toBe('2026-12-22');
  });

  it('refuses a date that does not exist, as a fault of the caller', () => {
    expect(() => addWorkingDays('2025-02-30', 1)).toThrow(InternalError);
    expect(() => addWorkingDays('2025-02-30', 1)).toThrow('February 2025 has 28 days');
    expect(() => addWorkingDays('2026-01-12', 1.5)).toThrow(InternalError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the first date up to and including the second', () => {
    expect(workingDaysBetween('2025-12-19', '2026-01-14')).toBe(15);
    expect(workingDaysBetween('2026-01-09', '2026-01-12')).toBe(1); // Friday → Monday
    expect(workingDaysBetween('2026-01-10', '2026-01-11')).toBe(0); // Saturday → Sunday
    expect(workingDaysBetween('2026-01-12', '2026-01-12')).toBe(0);
  });

  it('is negative when the second date comes first', () => {
    expect(workingDaysBetween('2026-01-14', '2025-12-19')).toBe(-15);
    expect(workingDaysBetween('2026-04-07', '2026-03-25')).toBe(-7);
  });

  it('undoes addWorkingDays in both directions, over weekends and bank holidays', () => {
    for (const from of ['2025-12-19', '2025-12-25', '2026-04-04', '2026-12-26', '2027-05-30']) {
      for (let n = -25; n <= 25; n++) {
        expect(workingDaysBetween(from, addWorkingDays(from, n)), `${from} ${n}`).toBe(n);
      }
    }
  });
});

describe('calendarDaysBetween', () => {
  it('counts calendar days, signed, across a change of clocks', () => {
    expect(calendarDaysBetween('2026-12-19', '2026-12-31')).toBe(12);
    expect(calendarDaysBetween('2026-03-28', '2026-03-30')).toBe(2); // BST starts on the 29th
    expect(calendarDaysBetween('2026-01-14', '2026-01-10')).toBe(-4);
  });
});

describe('addCalendarMonths', () => {
  it('keeps the day of the month where the target month has it', () => {
    expect(addCalendarMonths('2026-01-20', 6)).toBe('2026-07-20');
    expect(addCalendarMonths('2026-09-15', 6)).toBe('2027-03-15');
  });

  it('clamps to the end of a shorter month', () => {
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29'); // leap year
    expect(addCalendarMonths('2026-12-31', 6)).toBe('2027-06-30');
    expect(addCalendarMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('counts back for negative months, across a year end', () => {
    expect(addCalendarMonths('2026-02-15', -6)).toBe('2025-08-15');
    expect(addCalendarMonths('2026-05-10', 0)).toBe('2026-05-10');
  });
});

describe('working days in other time zones', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
    vi.resetModules();
  });

  it('gives the same answers whatever time zone the process runs in', async () => {
    for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Europe/London', 'UTC']) {
      process.env.TZ = tz;
      vi.resetModules();
      const days = await import('../../src/workflow/clocks/working-days.ts');
      expect(days.isWorkingDay('2026-04-02'), tz).toBe(true);
      expect(days.isWorkingDay('2026-04-03'), tz).toBe(false);
      expect(days.isWorkingDay('2026-12-28'), tz).toBe(false);
      expect(days.addWorkingDays('2025-12-19', 15), tz).toBe('2026-01-14');
      expect(days.addWorkingDays('2026-05-26', -7), tz).toBe('2026-05-14');
      expect(days.addCalendarMonths('2026-08-31', 6), tz).toBe('2027-02-28');
    }
  });
});
