/**
 * Reads a date as agencies write it into an `EventDate` that keeps its
 * precision and the original text. UK day-first by default (`dayFirst: false`
 * reads 03/04/2023 as March 4). Forms, each optionally with a time
 * (`14/03/2023 10:30`, `3 March 2023 at 2pm`) or a time from its own column:
 *
 * - day: `2023-03-14`, `14/03/2023`, `14.03.23`, `3 March 2023`, `3rd Mar 2023`,
 *   `Tuesday 14 March 2023`, `March 14, 2023`; ISO timestamps with a zone
 *   (`2023-03-14T09:30:00Z`) are read in UK local time;
 * - month: `2023-03`, `03/2023`, `?/03/2023`, `xx/03/2023`, `March 2023`;
 * - range: `early May 2023` (1st–10th), `mid May 2023` (11th–20th),
 *   `late May 2023` (21st–end), `early 2023`, `2023`, `3 May 2023 to 5 May 2023`,
 *   `between 03/05/2023 and 05/05/2023`;
 * - approximate: `approx 14/06/2023`, `c. June 2023`, `14/06/2023 (approx)`;
 * - unknown: `unknown`, `not known`, `n/k` (an empty date is unknown too; the
 *   importer refuses empty dates before they get here).
 *
 * Anything else is refused with a reason: `impossible` for a date that does
 * not exist (31/02/2023), `unreadable` for text that is not a date ("tbc").
 */
import type { EventDate } from '../domain/chronology-entry.ts';
import type { Fix } from '../domain/fix.ts';
import { isoDateProblem } from '../domain/primitives.ts';

export interface DateReadingOptions {
  /** Read 03/04/2023 as 3 April (true, the default) or as March 4 (false). */
  dayFirst?: boolean;
  /** A time recorded in a column of its own, e.g. "10:30" or "2.15pm". */
  time?: string;
}

export type DateParse =
  | { ok: true; date: EventDate }
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
function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const index = MONTH_NAMES.findIndex(
    (name) => name === w || (name.startsWith(w) && (w.length === 3 || w === 'sept')),
  );
  return index === -1 ? undefined : index + 1;
}

const MONTH_WORD = '([A-Za-z]{3,9}\\.?)';
const WEEKDAY = '(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?';
const ORDINAL_DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
/** A time written after a date: "10:30", "at 10:30", "10.30am", "2pm", "1400hrs". */
const TRAILING_TIME = '(?:,?\\s+(?:at\\s+)?(\\d{1,2}(?:[:.]\\d{2}){0,2}\\s*(?:am|pm|hrs|h)?))?';

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
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
  return { ok: true, date: { ...parsed.date, precision, time: t.time } };
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

/** The day-or-month forms, without approximation or ranges; time is handled by the caller. */
function parseSimple(original: string, dayFirst: boolean): DateParse {
  const s = original.replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;

  // ISO timestamp with a zone: convert to UK local time before taking the day.
  m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})$/i.exec(s);
  if (m) {
    const checked = day(original, ...isoParts(m[1] as string));
    if (!checked.ok) return checked;
    const zone = (m[3] as string).replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const instant = new Date(`${m[1]}T${m[2]}${zone}`);
    if (Number.isNaN(instant.getTime())) return unreadable(original);
    const local = ukLocal(instant);
    return withTime(day(original, ...isoParts(local.date)), local.time, 'date');
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/.exec(s);
  if (m) {
    return withTime(day(original, Number(m[1]), Number(m[2]), Number(m[3])), m[4], 'date');
  }
  m = new RegExp(`^(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})${TRAILING_TIME}$`, 'i').exec(s);
  if (m) {
    const [first, second] = [Number(m[1]), Number(m[3])];
    const [d, mo] = dayFirst ? [first, second] : [second, first];
    const parsed = day(original, fullYear(m[4] as string), mo, d);
    if (!parsed.ok && mo > 12 && d <= 12) {
      const other = dayFirst ? 'month first' : 'day first';
      return impossible(
        `${parsed.message}; if this file writes dates ${other}, import it reading them that way`,
        dayFirst
          ? { kind: 'give', field: 'monthFirst', purpose: 'read dates month first' }
          : { kind: 'omit', field: 'monthFirst' },
      );
    }
    return withTime(parsed, m[5], 'date');
  }
  // Month only: 2023-03, 03/2023, ?/03/2023, ??/03/2023, xx/03/2023.
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return month(original, Number(m[1]), Number(m[2]));
  m = /^(?:(?:\?{1,2}|xx|dd)[/.-])?(\d{1,2})[/.-](\d{4})$/i.exec(s);
  if (m) return month(original, Number(m[2]), Number(m[1]));
  // Year only: 2023, ?/?/2023.
  m = /^(?:(?:\?{1,2}|xx|dd)[/.-](?:\?{1,2}|xx|mm)[/.-])?(\d{4})$/i.exec(s);
  if (m) return range(original, `${m[1]}-01-01`, `${m[1]}-12-31`);
  // 3 March 2023, 3rd Mar 2023, Tuesday 14 March 2023, 3rd of March 2023.
  m = new RegExp(
    `^${WEEKDAY}${ORDINAL_DAY}(?: of)? ${MONTH_WORD},? (\\d{4})${TRAILING_TIME}$`,
    'i',
  ).exec(s);
  if (m) {
    const mo = monthNumber(m[2] as string);
    if (mo !== undefined) {
      return withTime(day(original, Number(m[3]), mo, Number(m[1])), m[4], 'date');
    }
  }
  // March 3, 2023 / March 3rd 2023: unambiguous, so read whatever the day order.
  m = new RegExp(`^${WEEKDAY}${MONTH_WORD} ${ORDINAL_DAY},? (\\d{4})${TRAILING_TIME}$`, 'i').exec(
    s,
  );
  if (m) {
    const mo = monthNumber(m[1] as string);
    if (mo !== undefined) {
      return withTime(day(original, Number(m[3]), mo, Number(m[2])), m[4], 'date');
    }
  }
  m = new RegExp(`^${MONTH_WORD},? (\\d{4})$`, 'i').exec(s);
  if (m) {
    const mo = monthNumber(m[1] as string);
    if (mo !== undefined) return month(original, Number(m[2]), mo);
  }
  return unreadable(original);
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
 */
export function parseEventDate(text: string, options: DateReadingOptions = {}): DateParse {
  const dayFirst = options.dayFirst ?? true;
  const original = text.trim().replace(/\s+/g, ' ');
  if (original === '' || /^(unknown|not known|n\/k|date unknown|nk)$/i.test(original)) {
    return { ok: true, date: { precision: 'unknown', original } };
  }

  const approx =
    /^(?:approx\.?|approximately|c\.|ca\.|circa|about|around|~)\s*(.+)$/i.exec(original) ??
    /^(.+?),?\s*\((?:approx\.?|approximately|estimated)\)$/i.exec(original) ??
    /^(.+?),?\s+(?:approx\.?|approximately)$/i.exec(original);
  if (approx) {
    const inner = parseEventDate(approx[1] as string, options);
    if (!inner.ok || inner.date.precision === 'unknown') return inner;
    return { ok: true, date: { ...inner.date, precision: 'approximate', original } };
  }

  return withTime(parseWithoutApproximation(original, dayFirst), options.time, 'column');
}

function parseWithoutApproximation(original: string, dayFirst: boolean): DateParse {
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
    const from = parseSimple(between[1] as string, dayFirst);
    const to = parseSimple(between[2] as string, dayFirst);
    if (from.ok && to.ok && from.date.start && to.date.start) {
      return range(original, from.date.start, to.date.end ?? to.date.start);
    }
    if (!from.ok && from.kind === 'impossible') return from;
    if (!to.ok && to.kind === 'impossible') return to;
  }
  return parseSimple(original, dayFirst);
}

/** The forms `parseEventDate` reads, for messages that tell a reviewer how to write a date. */
export const DATE_FORMS_HINT =
  'write it as DD/MM/YYYY (optionally with HH:MM), YYYY-MM-DD or "3 March 2023"; if the day is uncertain, "?/03/2023", "March 2023", "early March 2023" or "approx 14/03/2023"; or "unknown"';
