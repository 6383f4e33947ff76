/**
 * English working-day and calendar-month arithmetic on 'YYYY-MM-DD' strings, for the
 * statutory clocks. Bank holidays come from date-holidays (England and Wales), never a hand-kept list.
 */
import Holidays from 'date-holidays';
import { InternalError } from '../../domain/errors.ts';
import { isoDateProblem } from '../../domain/primitives.ts';

const DAY_MS = 86_400_000;

/**
 * Year, month (1–12) and day of a 'YYYY-MM-DD' date. Callers parse user input at the edge
 * (IsoDate), so a bad date reaching here is our fault, not the user's.
 */
function dateParts(isoDate: string): [year: number, month: number, day: number] {
  const problem = isoDateProblem(isoDate);
  if (problem) throw new InternalError(`date arithmetic was given a bad date: ${problem}`);
  return [Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)), Number(isoDate.slice(8, 10))];
}

/** Days since 1970-01-01 (UTC, so no time zone or daylight saving leaks in). */
function toDayNumber(isoDate: string): number {
  const [year, month, day] = dateParts(isoDate);
  // setUTCFullYear, not Date.UTC, which would read years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

let holidays: Holidays | undefined;
const bankHolidaysByYear = new Map<number, ReadonlySet<string>>();

/**
 * England and Wales bank holidays in `year`, as 'YYYY-MM-DD'. We read each holiday's `date`
 * (local to Europe/London), not `start`: `start` is a UTC instant, which is the day before
 * for every holiday in British Summer Time.
 */
function bankHolidays(year: number): ReadonlySet<string> {
  let days = bankHolidaysByYear.get(year);
  if (!days) {
    holidays ??= new Holidays('GB', 'ENG');
    days = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    bankHolidaysByYear.set(year, days);
  }
  return days;
}

function isWorkingDayNumber(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday.
  if (weekday === 0 || weekday === 6) return false;
  const iso = fromDayNumber(day);
  return !bankHolidays(Number(iso.slice(0, 4))).has(iso);
}

/** True on Monday to Friday unless it is an England and Wales bank holiday. */
export function isWorkingDay(isoDate: string): boolean {
  return isWorkingDayNumber(toDayNumber(isoDate));
}

/**
 * The date `n` working days after (n > 0) or before (n < 0) `isoDate`. The from-day itself
 * is never counted, so the result is always a working day (for n ≠ 0).
 * @example addWorkingDays('2025-12-19', 15) // '2026-01-14': Christmas, Boxing Day and New Year skipped
 */
export function addWorkingDays(isoDate: string, n: number): string {
  if (!Number.isInteger(n)) throw new InternalError(`addWorkingDays needs whole days, got ${n}`);
  let day = toDayNumber(isoDate);
  const step = Math.sign(n);
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (isWorkingDayNumber(day)) left--;
  }
  return fromDayNumber(day);
}

/**
 * Walking from `a` to `b` a day at a time, the working days stepped onto: `a` is not counted,
 * `b` is. Negative when `b` is before `a`. It inverts addWorkingDays:
 * `workingDaysBetween(a, addWorkingDays(a, n)) === n` for every n.
 * @example workingDaysBetween('2026-01-09', '2026-01-12') // 1 (Friday to Monday)
 */
export function workingDaysBetween(a: string, b: string): number {
  const start = toDayNumber(a);
  const end = toDayNumber(b);
  const step = Math.sign(end - start);
  let count = 0;
  for (let day = start; day !== end; ) {
    day += step;
    if (isWorkingDayNumber(day)) count++;
  }
  return step * count;
}

/** Calendar days from `a` to `b`; negative when `b` is before `a`. */
export function calendarDaysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/**
 * The same day of the month `n` months on (or back, for n < 0), clamped to the end of a
 * shorter month.
 * @example addCalendarMonths('2026-08-31', 6) // '2027-02-28'
 */
export function addCalendarMonths(isoDate: string, n: number): string {
  if (!Number.isInteger(n))
    throw new InternalError(`addCalendarMonths needs whole months, got ${n}`);
  const [fromYear, fromMonth, fromDay] = dateParts(isoDate);
  const monthIndex = fromYear * 12 + (fromMonth - 1) + n;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const day = Math.min(fromDay, daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
