/**
 * Reads a date as agencies write it into an `EventDate` that keeps its
 * precision and the original text. UK day-first by default. Forms:
 * `2023-03-14`, `14/03/2023`, either with ` 10:30`; `2023-03` or `03/2023` or
 * `?/03/2023` (month); `approx 14/03/2023` or `c. 14/03/2023` (approximate);
 * `unknown` (or empty). Anything else is refused with a reason.
 */
import type { EventDate } from '../domain/chronology-entry.ts';
import { isoDateProblem } from '../domain/primitives.ts';

export type DateParse = { ok: true; date: EventDate } | { ok: false; message: string };

const pad = (n: number | string) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

function day(original: string, y: number, m: number, d: number): DateParse {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  const problem = isoDateProblem(iso);
  // The problem names the ISO form; say it of the date as the agency wrote it.
  if (problem) return { ok: false, message: problem.replace(/^"[^"]*"/, `"${original}"`) };
  return { ok: true, date: { precision: 'day', start: iso, original } };
}

function month(original: string, y: number, m: number): DateParse {
  if (m < 1 || m > 12) {
    return { ok: false, message: `"${original}" has month ${m}; months run from 1 to 12` };
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

function withTime(parsed: DateParse, time: string | undefined, original: string): DateParse {
  if (!parsed.ok || time === undefined) return parsed;
  const [h, min] = time.split(':').map(Number) as [number, number];
  if (h > 23 || min > 59) {
    return { ok: false, message: `"${original}" has the time ${time}, which is not a time of day` };
  }
  return { ok: true, date: { ...parsed.date, precision: 'time', time: `${pad(h)}:${pad(min)}` } };
}

export function parseEventDate(text: string): DateParse {
  const original = text.trim();
  if (original === '' || /^(unknown|not known|n\/k)$/i.test(original)) {
    return { ok: true, date: { precision: 'unknown', original } };
  }
  const approx = /^(?:approx\.?|approximately|c\.|circa|about|around|~)\s*(.+)$/i.exec(original);
  if (approx) {
    const inner = parseEventDate(approx[1] as string);
    if (!inner.ok) return inner;
    if (inner.date.precision === 'unknown') return inner;
    return { ok: true, date: { ...inner.date, precision: 'approximate', original } };
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}:\d{2}))?$/.exec(original);
  if (m) return withTime(day(original, Number(m[1]), Number(m[2]), Number(m[3])), m[4], original);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:,?\s+(\d{1,2}:\d{2}))?$/.exec(original);
  if (m) {
    return withTime(
      day(original, fullYear(m[3] as string), Number(m[2]), Number(m[1])),
      m[4],
      original,
    );
  }
  m = /^(\d{4})-(\d{1,2})$/.exec(original);
  if (m) return month(original, Number(m[1]), Number(m[2]));
  m = /^(?:\?{1,2}[/.-])?(\d{1,2})[/.-](\d{4})$/.exec(original);
  if (m) return month(original, Number(m[2]), Number(m[1]));
  return {
    ok: false,
    message: `"${original}" is not a date tunnelview can read; write it as DD/MM/YYYY (optionally with HH:MM), YYYY-MM-DD, MM/YYYY for a month, "approx DD/MM/YYYY", or "unknown"`,
  };
}
