/**
 * Dates as UK documents write them: every common form of one date (to derive date-of-birth
 * variants), a reader that finds dates in any of those forms in running text (to catch a date of
 * birth written some other way), and a person's age at a date (to generalise one).
 */

import { MONTHS } from '../domain/primitives.ts';

/** A calendar date split into numbers; month 1–12. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Parses a YYYY-MM-DD date (already validated by the domain schema). */
function isoParts(iso: string): DateParts {
  const [year, month, day] = iso.split('-').map(Number);
  return { year: year ?? 0, month: month ?? 0, day: day ?? 0 };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function ordinal(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** The short forms of a month's name: `Aug`; September has both `Sep` and `Sept`. */
function shortMonths(month: number): string[] {
  const name = MONTHS[month - 1] ?? '';
  return month === 9 ? ['Sep', 'Sept'] : [name.slice(0, 3)];
}

/**
 * Every common UK way of writing `iso`, each with a style label. For 2021-08-05: `05/08/2021`,
 * `5/8/21`, `05.08.21`, `05-08-2021`, `05-Aug-2021`, `5 Aug 2021`, `5th August 2021`,
 * `5 August 2021`, `August 5, 2021`, `2021-08-05` and more. No duplicates.
 */
export function dateForms(iso: string): { text: string; style: string }[] {
  const { year, month, day } = isoParts(iso);
  const dd = pad(day);
  const mm = pad(month);
  const yyyy = String(year);
  const yy = pad(year % 100);
  const d = String(day);
  const m = String(month);
  const monthName = MONTHS[month - 1] ?? '';
  const out: { text: string; style: string }[] = [];
  for (const sep of ['/', '.', '-']) {
    out.push(
      { text: `${dd}${sep}${mm}${sep}${yyyy}`, style: `dd${sep}mm${sep}yyyy` },
      { text: `${d}${sep}${m}${sep}${yyyy}`, style: `d${sep}m${sep}yyyy` },
      { text: `${dd}${sep}${mm}${sep}${yy}`, style: `dd${sep}mm${sep}yy` },
      { text: `${d}${sep}${m}${sep}${yy}`, style: `d${sep}m${sep}yy` },
    );
  }
  for (const mon of shortMonths(month)) {
    out.push(
      { text: `${dd}-${mon}-${yyyy}`, style: 'dd-Mon-yyyy' },
      { text: `${d}-${mon}-${yyyy}`, style: 'd-Mon-yyyy' },
      { text: `${dd}-${mon}-${yy}`, style: 'dd-Mon-yy' },
      { text: `${d} ${mon} ${yyyy}`, style: 'd Mon yyyy' },
      { text: `${dd} ${mon} ${yyyy}`, style: 'dd Mon yyyy' },
      { text: `${ordinal(day)} ${mon} ${yyyy}`, style: 'dth Mon yyyy' },
      { text: `${mon} ${d}, ${yyyy}`, style: 'Mon d, yyyy' },
    );
  }
  out.push(
    { text: `${d} ${monthName} ${yyyy}`, style: 'd Month yyyy' },
    { text: `${dd} ${monthName} ${yyyy}`, style: 'dd Month yyyy' },
    { text: `${ordinal(day)} ${monthName} ${yyyy}`, style: 'dth Month yyyy' },
    { text: `${ordinal(day)} of ${monthName} ${yyyy}`, style: 'dth of Month yyyy' },
    { text: `${monthName} ${d}, ${yyyy}`, style: 'Month d, yyyy' },
    { text: `${monthName} ${d} ${yyyy}`, style: 'Month d yyyy' },
    { text: `${monthName} ${ordinal(day)}, ${yyyy}`, style: 'Month dth, yyyy' },
    { text: `${yyyy}-${mm}-${dd}`, style: 'yyyy-mm-dd' },
    { text: `${yyyy}/${mm}/${dd}`, style: 'yyyy/mm/dd' },
  );
  const seen = new Set<string>();
  return out.filter((f) => !seen.has(f.text) && seen.add(f.text));
}

/** A date found in text. `year` is the full year, or two digits when `twoDigitYear`. */
export interface DateMention extends DateParts {
  start: number;
  end: number;
  text: string;
  twoDigitYear: boolean;
}

const MONTH_PATTERN =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY_PATTERN = '(\\d{1,2})(?:st|nd|rd|th)?';
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';

type Reader = { pattern: RegExp; read: (m: RegExpExecArray) => [string, string, string] };

/** Each reader yields [day, month, year] from its match. */
const READERS: Reader[] = [
  {
    // 05/08/2021, 5.8.21, 05-08-2021: the same separator twice.
    pattern: new RegExp(`${BEFORE}(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})${AFTER}`, 'gu'),
    read: (m) => [m[1] ?? '', m[3] ?? '', m[4] ?? ''],
  },
  {
    // 2021-08-05, 2021/08/05
    pattern: new RegExp(`${BEFORE}(\\d{4})([/.-])(\\d{1,2})\\2(\\d{1,2})${AFTER}`, 'gu'),
    read: (m) => [m[4] ?? '', m[3] ?? '', m[1] ?? ''],
  },
  {
    // 5 August 2021, 5th of Aug 2021, 05-Aug-21, 5 Aug. 2021
    pattern: new RegExp(
      `${BEFORE}${DAY_PATTERN}(?:\\s+of)?[\\s-]+${MONTH_PATTERN},?[\\s-]+(\\d{4}|\\d{2})${AFTER}`,
      'giu',
    ),
    read: (m) => [m[1] ?? '', m[2] ?? '', m[3] ?? ''],
  },
  {
    // August 5, 2021; Aug 5th 2021
    pattern: new RegExp(`${BEFORE}${MONTH_PATTERN}\\s+${DAY_PATTERN},?\\s+(\\d{4})${AFTER}`, 'giu'),
    read: (m) => [m[2] ?? '', m[1] ?? '', m[3] ?? ''],
  },
];

function monthNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const prefix = text.slice(0, 3).toLowerCase();
  return MONTHS.findIndex((name) => name.slice(0, 3).toLowerCase() === prefix) + 1;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Finds the dates written in `text` in any common UK form (day before month), ignoring strings
 * that are not real dates. Overlapping readings keep the longest.
 */
export function findDateMentions(text: string): DateMention[] {
  const found: DateMention[] = [];
  for (const { pattern, read } of READERS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const [dayText, monthText, yearText] = read(m);
      const day = Number(dayText);
      const month = monthNumber(monthText);
      const twoDigitYear = yearText.length === 2;
      const year = Number(yearText);
      const checkYear = twoDigitYear ? 2000 + year : year;
      if (month < 1 || month > 12 || day < 1 || day > daysInMonth(checkYear, month)) continue;
      found.push({
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        day,
        month,
        year,
        twoDigitYear,
      });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DateMention[] = [];
  for (const mention of found) {
    const last = kept[kept.length - 1];
    if (last && mention.start < last.end) continue;
    kept.push(mention);
  }
  return kept;
}

/**
 * Someone's age on a date, as a publication would put it: `aged 4 years`, `aged 7 months`,
 * `aged 12 days`; months below two years. Undefined when `at` is before the birth.
 */
export function ageAt(dateOfBirth: string, at: string): string | undefined {
  const born = isoParts(dateOfBirth);
  const on = isoParts(at);
  let months = (on.year - born.year) * 12 + (on.month - born.month);
  if (on.day < born.day) months--;
  if (months < 0) return undefined;
  if (months >= 24) {
    const years = Math.floor(months / 12);
    return `aged ${years} years`;
  }
  if (months >= 1) return `aged ${months} month${months === 1 ? '' : 's'}`;
  const days = Math.round(
    (Date.UTC(on.year, on.month - 1, on.day) - Date.UTC(born.year, born.month - 1, born.day)) /
      86_400_000,
  );
  return `aged ${days} day${days === 1 ? '' : 's'}`;
}
