/**
 * Reads a date as agencies write it into an `EventDate` that keeps its
 * precision and the original text. UK day-first by default (`dayFirst: false`
 * reads 03/04/2023 as March 4). Forms, each optionally with a time
 * (`14/03/2023 10:30`, `3 March 2023 at 2pm`) or a time from its own column:
 *
 * - day: `2023-03-14`, `2023/03/14`, `14/03/2023`, `14.03.2023`, `14-03-23`;
 *   the month in words in any position — `3 March 2023`, `3rd Mar 2023`,
 *   `18-Mar-2023`, `18 Mar 23`, `18MAR2023`, `Tuesday 14 March 2023`,
 *   `March 14, 2023`, `2023 Mar 18`; ISO with `T` and seconds
 *   (`2023-03-14T09:30:00`), and with a zone (`2023-03-14T09:30:00Z`), read in
 *   UK local time; Excel serial numbers when the column holds them (45003);
 * - times after a day: `16:05`, `16:05:30`, `4:05 PM`, `2pm`, `at 10.30am`, `1400hrs`;
 * - month: `2023-03`, `03/2023`, `?/03/2023`, `xx/03/2023`, `March 2023`;
 * - range: `early May 2023` (1st–10th), `mid May 2023` (11th–20th),
 *   `late May 2023` (21st–end), `early 2023`, `2023`, `3 May 2023 to 5 May 2023`,
 *   `between 03/05/2023 and 05/05/2023`;
 * - approximate: `approx 14/06/2023`, `c. June 2023`, `14/06/2023 (approx)`;
 * - unknown: `unknown`, `not known`, `n/k` (an empty date is unknown too; the
 *   importer refuses empty dates before they get here).
 *
 * A two-digit year is the latest year with those digits not after today's
 * (given `today`; without it, 20yy): in 2026, `23` is 2023 and `85` is 1985.
 * A column's stated format (`format`) is tried first; a value not written in
 * it is read as any other.
 *
 * Anything else is refused with a reason: `impossible` for a date that does
 * not exist (31/02/2023), `unreadable` for text that is not a date ("tbc").
 */
import type { EventDate } from '../domain/chronology-entry.ts';
import type { Fix } from '../domain/fix.ts';
import { isoDateProblem } from '../domain/primitives.ts';
import { type CompiledDateFormat, matchDateFormat } from './date-format.ts';
import { fromExcelSerial } from './excel-date.ts';

export interface DateReadingOptions {
  /** Read 03/04/2023 as 3 April (true, the default) or as March 4 (false). */
  dayFirst?: boolean;
  /** A time recorded in a column of its own, e.g. "10:30" or "2.15pm". */
  time?: string;
  /** Today (YYYY-MM-DD), which decides the century of a two-digit year. */
  today?: string;
  /** The format the column is stated to be written in (a mapping's `dateFormat`). */
  format?: CompiledDateFormat;
  /** Read five-digit numbers as Excel serial dates (45003 is 18/03/2023). */
  serials?: boolean;
}

export type DateParse =
  | {
      ok: true;
      date: EventDate;
      /**
       * The form it was written in, in the `date-format.ts` notation
       * (`DD-MMM-YYYY HH:mm`, `excel`); absent for uncertain forms (ranges,
       * "?/03/2023", "unknown").
       */
      form?: string;
      /** The year chosen for a two-digit year ("18 Mar 23" → 2023). */
      twoDigitYear?: number;
    }
  | {
      ok: false;
      kind: 'impossible' | 'unreadable';
      /** What is wrong, said of the text as written. */
      reason: string;
      /** The reason, and for unreadable text the forms that can be read. */
      message: string;
      /** How to read it after all, when another reading would (dates month first). */
      fix?: Fix;
    };

export type TimeParse = { ok: true; time: string } | { ok: false; message: string };

const pad = (n: number | string) => String(n).padStart(2, '0');

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** 1–12 for a month name or its usual abbreviation ("Sept", "Mar."); undefined otherwise. */
export function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const index = MONTH_NAMES.findIndex(
    (name) => name === w || (name.startsWith(w) && (w.length === 3 || w === 'sept')),
  );
  return index === -1 ? undefined : index + 1;
}

const MONTH_WORD = '([A-Za-z]{3,9}\\.?)';

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function impossible(reason: string, fix?: Fix): DateParse {
  return { ok: false, kind: 'impossible', reason, message: reason, ...(fix ? { fix } : {}) };
}

function day(original: string, y: number, m: number, d: number): DateParse {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  const problem = isoDateProblem(iso);
  // The problem names the ISO form; say it of the date as the agency wrote it.
  if (problem) return impossible(problem.replace(/^"[^"]*"/, `"${original}"`));
  return { ok: true, date: { precision: 'day', start: iso, original } };
}

function month(original: string, y: number, m: number): DateParse {
  if (m < 1 || m > 12) {
    return impossible(`"${original}" has month ${m}; months run from 1 to 12`);
  }
  return {
    ok: true,
    date: {
      precision: 'month',
      start: `${y}-${pad(m)}-01`,
      end: `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}`,
      original,
    },
  };
}

function range(original: string, start: string, end: string): DateParse {
  if (end < start) {
    return impossible(`"${original}" ends (${end}) before it starts (${start})`);
  }
  return { ok: true, date: { precision: 'range', start, end, original } };
}

/**
 * Reads a clock time: `10:30`, `10.30`, `1030`, `10:30:00`, `2pm`, `2.15 pm`,
 * `1400hrs`. Seconds are dropped; the result is HH:MM on the 24-hour clock.
 */
export function parseClockTime(text: string): TimeParse {
  const t = text.trim().toLowerCase();
  const m =
    /^(\d{1,2})(?:[:.](\d{2}))?(?:[:.](\d{2})(?:\.\d+)?)?\s*(am|pm|a\.m\.|p\.m\.|hrs|hr|h)?$/.exec(
      t,
    ) ?? /^(\d{2})(\d{2})()\s*(hrs|hr|h)?$/.exec(t);
  const bad = {
    ok: false as const,
    message: `"${text.trim()}" is not a time of day; write it as HH:MM on the 24-hour clock, e.g. 14:30`,
  };
  if (!m) return bad;
  let hours = Number(m[1]);
  const minutes = m[2] ? Number(m[2]) : 0;
  const suffix = m[4]?.replaceAll('.', '');
  // A bare number ("14") is too likely to be something else to read as a time.
  if (m[2] === undefined && (suffix === undefined || suffix === '')) return bad;
  if (suffix === 'am' || suffix === 'pm') {
    if (hours < 1 || hours > 12) return bad;
    hours = (hours % 12) + (suffix === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return bad;
  return { ok: true, time: `${pad(hours)}:${pad(minutes)}` };
}

/** Adds a time to a parsed date; a second, different time is a contradiction, not a choice. */
function withTime(parsed: DateParse, time: string | undefined, from: 'date' | 'column'): DateParse {
  if (!parsed.ok || time === undefined || time.trim() === '') return parsed;
  if (parsed.date.precision === 'unknown') return parsed;
  const original = parsed.date.original;
  const t = parseClockTime(time);
  if (!t.ok) {
    return from === 'date'
      ? impossible(`"${original}" has the time ${time.trim()}, which is not a time of day`)
      : { ok: false, kind: 'unreadable', reason: t.message, message: t.message };
  }
  if (parsed.date.time !== undefined && parsed.date.time !== t.time) {
    return impossible(
      `"${original}" gives the time ${parsed.date.time} but the time column says ${t.time}; the record cannot be both`,
    );
  }
  const precision = parsed.date.precision === 'day' ? 'time' : parsed.date.precision;
  return { ...parsed, date: { ...parsed.date, precision, time: t.time } };
}

/** How a column's dates are read: decided once per column, passed down to each form. */
interface Reading {
  dayFirst: boolean;
  /** Today's year: a two-digit year is the latest year ending in its digits not after it. */
  thisYear?: number;
  format?: CompiledDateFormat;
  serials: boolean;
}

interface YearRead {
  year: number;
  /** The year chosen for a two-digit year, for the warning naming its century. */
  twoDigit?: number;
}

function readYear(written: string, reading: Reading): YearRead {
  if (written.length !== 2) return { year: Number(written) };
  const yy = Number(written);
  const year =
    reading.thisYear === undefined || 2000 + yy <= reading.thisYear ? 2000 + yy : 1900 + yy;
  return { year, twoDigit: year };
}

/** A parse with the form it was written in (in the `date-format.ts` notation) and any two-digit year. */
function tagged(parsed: DateParse, form: string | undefined, year?: YearRead): DateParse {
  if (!parsed.ok) return parsed;
  return {
    ...parsed,
    ...(form !== undefined ? { form } : {}),
    ...(year?.twoDigit !== undefined ? { twoDigitYear: year.twoDigit } : {}),
  };
}

/** A time as written after a date: "16:05", "4:05:30 PM", "2pm", "10.30am", "1400hrs". */
const TIME_OF_DAY =
  '\\d{1,2}[:.]\\d{2}(?:[:.]\\d{2}(?:\\.\\d+)?)?(?:\\s*(?:am|pm|a\\.m\\.|p\\.m\\.|hrs|hr|h))?|\\d{1,2}\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)|\\d{4}\\s*(?:hrs|hr|h)';
const WITH_TIME = new RegExp(`^(.*?[\\w.])(,?\\s+(?:at\\s+)?)(${TIME_OF_DAY})$`, 'i');

/** The notation of a time as written: "16:05" → HH:mm, "4:05 PM" → hh:mm A, "1400hrs" → HHmm"hrs". */
function timeForm(text: string): string {
  const t = text.trim();
  const clock =
    /^\d{1,2}([:.])\d{2}(?:([:.])\d{2}(?:\.\d+)?)?(\s*)(am|pm|a\.m\.|p\.m\.|hrs|hr|h)?$/i.exec(t);
  if (clock) {
    const [, sep, secondsSep, space, suffix] = clock;
    const twelve = suffix !== undefined && /^[ap]/i.test(suffix);
    const base = `${twelve ? 'hh' : 'HH'}${sep}mm${secondsSep ? `${secondsSep}ss` : ''}`;
    if (suffix === undefined) return base;
    return `${base}${space ? ' ' : ''}${twelve ? 'A' : `"${suffix}"`}`;
  }
  const hourOnly = /^\d{1,2}(\s*)(am|pm|a\.m\.|p\.m\.)$/i.exec(t);
  if (hourOnly) return `hh${hourOnly[1] ? ' ' : ''}A`;
  const compact = /^\d{4}(\s*)(hrs|hr|h)$/i.exec(t);
  return `HHmm${compact?.[1] ? ' ' : ''}"${compact?.[2] ?? 'hrs'}"`;
}

/** UK local date and time of an instant, for ISO timestamps that carry a zone. */
function ukLocal(instant: Date): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}`,
  };
}

/** A wall-clock date and time in a zone, read as the UK local day and time it was. */
function inUkTime(original: string, iso: string, time: string, zone: string): DateParse {
  const checked = day(original, ...isoParts(iso));
  if (!checked.ok) return checked;
  const offset = /^z$/i.test(zone) ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const instant = new Date(`${iso}T${time}${offset}`);
  if (Number.isNaN(instant.getTime())) return unreadable(original);
  const local = ukLocal(instant);
  return withTime(day(original, ...isoParts(local.date)), local.time, 'date');
}

/** The day-or-month forms, without approximation or ranges. */
function parseSimple(original: string, reading: Reading): DateParse {
  const s = original.replace(/\s+/g, ' ');
  if (reading.format) {
    const stated = readStated(original, s, reading, reading.format);
    if (stated) return stated;
  }
  if (reading.serials) {
    const serial = fromExcelSerial(s);
    if (serial !== s) return tagged(parseSimple(serial, { ...reading, serials: false }), 'excel');
  }
  let m: RegExpExecArray | null;

  // ISO timestamp with a zone: convert to UK local time before taking the day.
  m = /^(\d{4}-\d{2}-\d{2})([T ])(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})$/i.exec(s);
  if (m) {
    const [, iso, sep, time, zone] = m as unknown as [string, string, string, string, string];
    const form = `YYYY-MM-DD${sep}${timeForm(time.replace(/\.\d+$/, ''))}Z`;
    return tagged(inUkTime(original, iso, time, zone), form);
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([ T])(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/.exec(s);
  if (m) {
    const form = `YYYY-MM-DD${m[5] ? `${m[4]}${timeForm((m[5] as string).replace(/\.\d+$/, ''))}` : ''}`;
    return tagged(
      withTime(day(original, Number(m[1]), Number(m[2]), Number(m[3])), m[5], 'date'),
      form,
    );
  }
  const timed = WITH_TIME.exec(s);
  if (timed) {
    const [, datePart, sep, time] = timed as unknown as [string, string, string, string];
    const parsed = parseDatePart(original, datePart, reading);
    if (!parsed.ok) return parsed;
    // A time belongs to a day: "March 2023 10:30" is not a form.
    if (parsed.date.precision !== 'day') return unreadable(original);
    const form = parsed.form && `${parsed.form}${sep.toLowerCase()}${timeForm(time)}`;
    return tagged(withTime(parsed, time, 'date'), form);
  }
  return parseDatePart(original, s, reading);
}

/** A date without a time: numbers in either order, the month only, the year only, or words. */
function parseDatePart(original: string, s: string, reading: Reading): DateParse {
  let m: RegExpExecArray | null;
  // A weekday before numbers, as some systems print them: "Sat 18/03/2023".
  m = /^([a-z]+\.?)(,?\s+)(\d.*)$/i.exec(s);
  if (m && WEEKDAY_WORD.test(m[1] as string) && /^[\d/.-]+$/.test(m[3] as string)) {
    const parsed = parseDatePart(original, m[3] as string, reading);
    return parsed.ok && parsed.form ? { ...parsed, form: `dddd${m[2]}${parsed.form}` } : parsed;
  }
  m = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/.exec(s);
  if (m) {
    const sep = m[2] as string;
    return tagged(day(original, Number(m[1]), Number(m[3]), Number(m[4])), `YYYY${sep}MM${sep}DD`);
  }
  m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(s);
  if (m) {
    const { dayFirst } = reading;
    const [first, second] = [Number(m[1]), Number(m[3])];
    const [d, mo] = dayFirst ? [first, second] : [second, first];
    const year = readYear(m[4] as string, reading);
    const parsed = day(original, year.year, mo, d);
    if (!parsed.ok && mo > 12 && d <= 12) {
      const other = dayFirst ? 'month first' : 'day first';
      return impossible(
        `${parsed.message}; if this file writes dates ${other}, import it reading them that way`,
        dayFirst
          ? { kind: 'give', field: 'monthFirst', purpose: 'read dates month first' }
          : { kind: 'omit', field: 'monthFirst' },
      );
    }
    const sep = m[2] as string;
    const y = (m[4] as string).length === 2 ? 'YY' : 'YYYY';
    return tagged(parsed, dayFirst ? `DD${sep}MM${sep}${y}` : `MM${sep}DD${sep}${y}`, year);
  }
  // Month only: 2023-03, 03/2023, ?/03/2023, ??/03/2023, xx/03/2023.
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return tagged(month(original, Number(m[1]), Number(m[2])), 'YYYY-MM');
  m = /^((?:\?{1,2}|xx|dd)[/.-])?(\d{1,2})([/.-])(\d{4})$/i.exec(s);
  if (m) {
    const parsed = month(original, Number(m[4]), Number(m[2]));
    return m[1] ? parsed : tagged(parsed, `MM${m[3]}YYYY`);
  }
  // Year only: 2023, ?/?/2023.
  m = /^(?:(?:\?{1,2}|xx|dd)[/.-](?:\?{1,2}|xx|mm)[/.-])?(\d{4})$/i.exec(s);
  if (m) return range(original, `${m[1]}-01-01`, `${m[1]}-12-31`);
  return parseWords(original, s, reading) ?? unreadable(original);
}

type Piece =
  | { kind: 'separator'; text: string }
  | { kind: 'weekday' }
  | { kind: 'of' }
  | { kind: 'month'; month: number; dot: boolean }
  | { kind: 'number'; digits: string; ordinal: boolean; role?: 'day' | 'year' };

const WEEKDAY_WORD = /^(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?$/i;

function piecesOf(s: string): Piece[] | undefined {
  const pieces: Piece[] = [];
  for (const [text] of s.matchAll(/[a-z]+\.?|\d+(?:st|nd|rd|th)?|[^a-z\d]+/gi)) {
    if (/^[\s,/.-]+$/.test(text)) pieces.push({ kind: 'separator', text });
    else if (/^\d/.test(text)) {
      const digits = text.replace(/\D+$/, '');
      pieces.push({ kind: 'number', digits, ordinal: digits !== text });
    } else if (/^of$/i.test(text)) pieces.push({ kind: 'of' });
    else if (WEEKDAY_WORD.test(text)) pieces.push({ kind: 'weekday' });
    else {
      const mo = monthNumber(text);
      if (mo === undefined) return undefined;
      pieces.push({ kind: 'month', month: mo, dot: text.endsWith('.') });
    }
  }
  return pieces;
}

/**
 * Dates with the month in words, in any order: `18-Mar-2023`, `18 Mar 23`,
 * `Mar 18, 2023`, `2023 Mar 18`, `Tuesday 14 March 2023`, `21st of Sept 2023`,
 * `18MAR2023`, and the month alone (`March 2023`, `Mar-2023`). With two short
 * numbers the day comes first (`23 Mar 18` is 23 March 2018) unless only the
 * other is an ordinal.
 */
function parseWords(original: string, s: string, reading: Reading): DateParse | undefined {
  const pieces = piecesOf(s);
  if (!pieces) return undefined;
  const meaningful = pieces.filter((p) => p.kind !== 'separator');
  const months = meaningful.filter((p) => p.kind === 'month');
  const numbers = meaningful.filter((p) => p.kind === 'number');
  if (months.length !== 1 || numbers.length === 0 || numbers.length > 2) return undefined;
  if (meaningful.slice(1).some((p) => p.kind === 'weekday')) return undefined;
  const ofAt = meaningful.findIndex((p) => p.kind === 'of');
  if (
    ofAt !== -1 &&
    (meaningful[ofAt + 1]?.kind !== 'month' || meaningful[ofAt - 1]?.kind !== 'number')
  ) {
    return undefined;
  }
  const mo = (months[0] as Extract<Piece, { kind: 'month' }>).month;
  const [a, b] = numbers;
  if (!a) return undefined;
  if (!b) {
    if (a.digits.length !== 4 || a.ordinal) return undefined;
    a.role = 'year';
    return tagged(month(original, Number(a.digits), mo), formOf(pieces));
  }
  const long = (p: typeof a) => p.digits.length === 4;
  if (long(a) !== long(b)) {
    const [y, d] = long(a) ? [a, b] : [b, a];
    y.role = 'year';
    d.role = 'day';
  } else if (!long(a) && a.digits.length <= 2 && b.digits.length <= 2) {
    const [d, y] = b.ordinal && !a.ordinal ? [b, a] : [a, b];
    d.role = 'day';
    y.role = 'year';
  } else return undefined;
  const dayPiece = numbers.find((p) => p.role === 'day') as typeof a;
  const yearPiece = numbers.find((p) => p.role === 'year') as typeof a;
  if (dayPiece.digits.length > 2 || yearPiece.ordinal) return undefined;
  const year = readYear(yearPiece.digits, reading);
  return tagged(day(original, year.year, mo, Number(dayPiece.digits)), formOf(pieces), year);
}

/** The form of a date in words, in the `date-format.ts` notation: `DD-MMM-YYYY`, `MMM DD, YYYY`. */
function formOf(pieces: readonly Piece[]): string {
  const form = (p: Piece): string => {
    if (p.kind === 'separator') return p.text;
    if (p.kind === 'weekday') return 'dddd';
    if (p.kind === 'of') return 'of';
    if (p.kind === 'month') return p.dot ? 'MMM.' : 'MMM';
    if (p.role === 'year') return p.digits.length === 2 ? 'YY' : 'YYYY';
    return 'DD';
  };
  return pieces.map(form).join('');
}

/** A date in the column's stated format; undefined when it is not written that way. */
function readStated(
  original: string,
  s: string,
  reading: Reading,
  format: CompiledDateFormat,
): DateParse | undefined {
  if (format.excel) {
    const serial = fromExcelSerial(s);
    if (serial === s) return undefined;
    return tagged(parseSimple(serial, { ...reading, format: undefined, serials: false }), 'excel');
  }
  const match = matchDateFormat(s, format);
  if (!match) return undefined;
  const year = readYear(match.year, reading);
  const mo = match.month !== undefined ? Number(match.month) : monthNumber(match.monthName ?? '');
  if (mo === undefined) {
    return impossible(`"${original}" has "${match.monthName}" where the month's name should be`);
  }
  if (match.day === undefined) return tagged(month(original, year.year, mo), format.text, year);
  const parsed = day(original, year.year, mo, Number(match.day));
  if (match.hour === undefined) return tagged(parsed, format.text, year);
  const time = `${match.hour}:${match.minute ?? '00'}${match.ampm ? ` ${match.ampm}` : ''}`;
  if (match.zone !== undefined && parsed.ok && parsed.date.start) {
    const clock = parseClockTime(time);
    if (!clock.ok)
      return impossible(`"${original}" has the time ${time}, which is not a time of day`);
    return tagged(inUkTime(original, parsed.date.start, clock.time, match.zone), format.text, year);
  }
  return tagged(withTime(parsed, time, 'date'), format.text, year);
}

function isoParts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

const PLACEHOLDERS =
  /^(tbc|tba|tbd|to be confirmed|\?+|n\/a|na|-+|various|ongoing|see (?:notes|above|below))$/i;

function unreadable(original: string): DateParse {
  const reason = PLACEHOLDERS.test(original)
    ? `"${original}" is a placeholder, not a date`
    : `"${original}" is not a date in any of the forms read`;
  return { ok: false, kind: 'unreadable', reason, message: `${reason}; ${DATE_FORMS_HINT}` };
}

/** early/mid/late thirds of a month or of a year. */
function partOf(original: string, part: string, rest: string): DateParse | undefined {
  const third = /^(early|beginning of|start of)$/i.test(part)
    ? 0
    : /^(mid|middle of)$/i.test(part)
      ? 1
      : 2;
  const m = new RegExp(`^${MONTH_WORD},? (\\d{4})$`, 'i').exec(rest);
  const mo = m ? monthNumber(m[1] as string) : undefined;
  if (m && mo !== undefined) {
    const y = Number(m[2]);
    const last = lastDayOfMonth(y, mo);
    const [from, to] = [
      [1, 10],
      [11, 20],
      [21, last],
    ][third] as [number, number];
    return range(original, `${y}-${pad(mo)}-${pad(from)}`, `${y}-${pad(mo)}-${pad(to)}`);
  }
  const y = /^(\d{4})$/.exec(rest);
  if (y) {
    const [from, to] = [
      ['01-01', '04-30'],
      ['05-01', '08-31'],
      ['09-01', '12-31'],
    ][third] as [string, string];
    return range(original, `${y[1]}-${from}`, `${y[1]}-${to}`);
  }
  return undefined;
}

/**
 * Parses a date as an agency recorded it. `options.time` is a time from a
 * column of its own; when the date has its own time too, the two must agree.
 * @example parseEventDate('early May 2023') // range 2023-05-01 … 2023-05-10
 * @example parseEventDate('03/04/2023', { dayFirst: false, time: '2pm' }) // 2023-03-04 14:00
 * @example parseEventDate('18-Mar-23 4:05 PM', { today: '2026-01-15' }) // 2023-03-18 16:05, form DD-MMM-YY hh:mm A
 */
export function parseEventDate(text: string, options: DateReadingOptions = {}): DateParse {
  const reading: Reading = {
    dayFirst: options.format?.dayFirst ?? options.dayFirst ?? true,
    // A two-digit year is read against today: given, or the machine's (a date of birth typed
    // as 01/02/85 is 1985, never 2085).
    thisYear: options.today ? Number(options.today.slice(0, 4)) : new Date().getUTCFullYear(),
    ...(options.format ? { format: options.format } : {}),
    serials: Boolean(options.serials),
  };
  return parseWithReading(text, reading, options.time);
}

function parseWithReading(text: string, reading: Reading, time: string | undefined): DateParse {
  const original = text.trim().replace(/\s+/g, ' ');
  if (original === '' || /^(unknown|not known|n\/k|date unknown|nk)$/i.test(original)) {
    return { ok: true, date: { precision: 'unknown', original } };
  }

  const approx =
    /^(?:approx\.?|approximately|c\.|ca\.|circa|about|around|~)\s*(.+)$/i.exec(original) ??
    /^(.+?),?\s*\((?:approx\.?|approximately|estimated)\)$/i.exec(original) ??
    /^(.+?),?\s+(?:approx\.?|approximately)$/i.exec(original);
  if (approx) {
    const inner = parseWithReading(approx[1] as string, reading, time);
    if (!inner.ok || inner.date.precision === 'unknown') return inner;
    return { ...inner, date: { ...inner.date, precision: 'approximate', original } };
  }

  return withTime(parseWithoutApproximation(original, reading), time, 'column');
}

function parseWithoutApproximation(original: string, reading: Reading): DateParse {
  const part = /^(early|mid|late|beginning of|start of|middle of|end of)[\s-]+(.+)$/i.exec(
    original,
  );
  if (part) {
    const parsed = partOf(original, part[1] as string, part[2] as string);
    if (parsed) return parsed;
  }
  const between =
    /^between (.+?) and (.+)$/i.exec(original) ?? /^(.+?) (?:to|until|-|–|—) (.+)$/i.exec(original);
  if (between) {
    const from = parseSimple(between[1] as string, reading);
    const to = parseSimple(between[2] as string, reading);
    if (from.ok && to.ok && from.date.start && to.date.start) {
      const twoDigitYear = from.twoDigitYear ?? to.twoDigitYear;
      return tagged(range(original, from.date.start, to.date.end ?? to.date.start), undefined, {
        year: 0,
        ...(twoDigitYear !== undefined ? { twoDigit: twoDigitYear } : {}),
      });
    }
    if (!from.ok && from.kind === 'impossible') return from;
    if (!to.ok && to.kind === 'impossible') return to;
  }
  return parseSimple(original, reading);
}

/** The forms `parseEventDate` reads, for messages that tell a reviewer how to write a date. */
export const DATE_FORMS_HINT =
  'write it as DD/MM/YYYY (optionally with HH:MM), YYYY-MM-DD or "3 March 2023"; if the day is uncertain, "?/03/2023", "March 2023", "early March 2023" or "approx 14/03/2023"; or "unknown"';
