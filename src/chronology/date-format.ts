/**
 * The notation a mapping uses to state how a return writes its dates
 * (`dateFormat: DD-MMM-YYYY HH:mm`), compiled into a reader. The import report
 * names the forms it detects in the same notation, so a detected form can be
 * copied into a mapping as it is.
 *
 * | token | reads |
 * |---|---|
 * | `YYYY`, `YY` | the year, in four or two digits |
 * | `MM`, `M` | the month as a number (1 or 2 digits) |
 * | `MMM`, `MMMM` | the month's name or abbreviation (`Mar`, `March`, `Sept`) |
 * | `DD`, `D` | the day (1 or 2 digits, `3rd` too) |
 * | `ddd`, `dddd` | a weekday's name, which is not checked |
 * | `HH`, `hh` | the hour; on the 12-hour clock when the format has `A` |
 * | `mm` | minutes: `m` after an hour or before seconds is minutes, as in Excel |
 * | `ss` | seconds (dropped) |
 * | `A`, `AM/PM` | am or pm (`PM`, `p.m.`) |
 * | `Z` | a time zone (`Z`, `+01:00`): the time is read in UK local time |
 * | `excel` | the whole format: Excel serial numbers (45003 is 18/03/2023) |
 *
 * Letters are read without regard to case; any other text is matched as
 * written, spaces matching any run of spaces, and text in quotes ("hrs") is
 * never a token.
 */
import { z } from 'zod';
import type { Fix } from '../domain/fix.ts';

type Field = 'year' | 'month' | 'monthName' | 'day' | 'weekday' | 'hour' | 'minute' | 'second';

type Part =
  | { kind: 'literal'; text: string }
  | { kind: 'space' }
  | { kind: 'token'; field: Field; width?: number; written: string }
  | { kind: 'ampm'; written: string }
  | { kind: 'zone'; written: string };

export interface CompiledDateFormat {
  /** The format as stated. */
  text: string;
  /** Excel serial numbers rather than a pattern. */
  excel: boolean;
  /** Whether the day comes before the month, for numbered dates the format does not match. */
  dayFirst?: boolean;
  /** Anchored, case-insensitive; one group per token, named by field. */
  pattern?: RegExp;
  parts: Part[];
  twelveHour: boolean;
  hasDay: boolean;
  hasTime: boolean;
  hasZone: boolean;
}

export type CompileResult =
  | { ok: true; format: CompiledDateFormat }
  | { ok: false; message: string; fix?: Fix };

/** An example of the notation, for messages. */
export const DATE_FORMAT_EXAMPLE = 'DD-MMM-YYYY HH:mm';

/** The notation in one line, for messages that ask for a format. */
export const DATE_FORMAT_HINT =
  'a date format is written with YYYY or YY (year), MM (month number) or MMM (month name), DD (day), and for a time HH:mm (hh:mm A on the 12-hour clock), e.g. DD-MMM-YYYY HH:mm, MM/DD/YYYY or YYYYMMDD; or "excel" for Excel serial numbers';

const TOKEN_LETTERS: Record<string, Field> = {
  y: 'year',
  m: 'month',
  d: 'day',
  h: 'hour',
  s: 'second',
};

function refuse(format: string, why: string): CompileResult {
  return { ok: false, message: `the date format "${format}" ${why}; ${DATE_FORMAT_HINT}` };
}

/**
 * Splits a word of letters into runs of one letter ("YYYYMMDD", "DDTHH",
 * "mmA", "ssZ"), or undefined when it is a word to match as written ("at",
 * "hrs"): every run is a token letter, a zone, or — beside a token — the
 * letter T or an am/pm marker.
 */
function tokenRuns(word: string): string[] | undefined {
  const runs = word.match(/([a-z])\1*/gi) ?? [];
  const letter = (r: string) => r.charAt(0).toLowerCase();
  if (!runs.some((r) => TOKEN_LETTERS[letter(r)] !== undefined)) return undefined;
  const fits = (r: string) =>
    TOKEN_LETTERS[letter(r)] !== undefined ||
    (r.length <= 2 && letter(r) === 'z') ||
    (r.length === 1 && (letter(r) === 't' || letter(r) === 'a'));
  return runs.every(fits) ? runs : undefined;
}

/** The format's parts, before checking that they make a date. */
function lex(format: string): Part[] | string {
  const parts: Part[] = [];
  const re = /"([^"]*)"|'([^']*)'|(AM\/PM|A\/P)|([A-Za-z]+)|(\s+)|([^A-Za-z\s"']+)/gi;
  for (const m of format.matchAll(re)) {
    const [, dq, sq, ampm, word, space, other] = m;
    if (dq !== undefined || sq !== undefined) {
      parts.push({ kind: 'literal', text: dq ?? sq ?? '' });
    } else if (ampm !== undefined) {
      parts.push({ kind: 'ampm', written: ampm });
    } else if (space !== undefined) {
      parts.push({ kind: 'space' });
    } else if (other !== undefined) {
      parts.push({ kind: 'literal', text: other });
    } else if (word !== undefined) {
      if (/^(a|am|pm)$/i.test(word)) {
        parts.push({ kind: 'ampm', written: word });
        continue;
      }
      if (/^z{1,2}$/i.test(word)) {
        parts.push({ kind: 'zone', written: word });
        continue;
      }
      const runs = tokenRuns(word);
      if (!runs) {
        parts.push({ kind: 'literal', text: word });
        continue;
      }
      for (const run of runs) {
        const letter = run.charAt(0).toLowerCase();
        if (letter === 't') {
          parts.push({ kind: 'literal', text: run });
          continue;
        }
        if (letter === 'a' || letter === 'z') {
          parts.push({ kind: letter === 'a' ? 'ampm' : 'zone', written: run });
          continue;
        }
        const field = TOKEN_LETTERS[letter] as Field;
        const n = run.length;
        const bad = `has "${run}", which is not a token`;
        if (field === 'year') {
          if (n !== 2 && n !== 4) return bad;
          parts.push({ kind: 'token', field, width: n, written: run });
        } else if (field === 'month') {
          if (n > 4) return bad;
          parts.push({ kind: 'token', field: n >= 3 ? 'monthName' : 'month', written: run });
        } else if (field === 'day') {
          if (n > 4) return bad;
          parts.push({ kind: 'token', field: n >= 3 ? 'weekday' : 'day', written: run });
        } else {
          if (n > 2) return bad;
          parts.push({ kind: 'token', field, written: run });
        }
      }
    }
  }
  return parts;
}

/** Excel's rule: `m` right after an hour (separators aside) or right before seconds is minutes. */
function markMinutes(parts: Part[]): void {
  const tokens = parts.filter((p) => p.kind === 'token');
  tokens.forEach((t, i) => {
    if (t.field !== 'month') return;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (before?.field === 'hour' || after?.field === 'second') t.field = 'minute';
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function groupFor(part: Part, adjacentDigits: boolean): string {
  if (part.kind === 'literal') return escapeRegExp(part.text);
  if (part.kind === 'space') return '\\s+';
  if (part.kind === 'ampm') return '(?<ampm>am|pm|a\\.m\\.|p\\.m\\.|a|p)';
  if (part.kind === 'zone') return '\\s*(?<zone>z|[+-]\\d{2}:?\\d{2})';
  // Numbers side by side (YYYYMMDD) have no separator to end them: read them at full width.
  const digits = (n: number) => (adjacentDigits ? `\\d{${n}}` : `\\d{1,${n}}`);
  switch (part.field) {
    case 'year':
      return `(?<year>\\d{${part.width}})`;
    case 'month':
      return `(?<month>${digits(2)})`;
    case 'monthName':
      return '(?<monthName>[a-z]{3,9}\\.?)';
    case 'day':
      return `(?<day>${digits(2)})(?:st|nd|rd|th)?`;
    case 'weekday':
      return '[a-z]{3,9}\\.?';
    case 'hour':
      return `(?<hour>${digits(2)})`;
    case 'minute':
      return '(?<minute>\\d{2})';
    case 'second':
      return '(?<second>\\d{2})(?:\\.\\d+)?';
  }
}

const isNumber = (p: Part | undefined) =>
  p?.kind === 'token' && p.field !== 'monthName' && p.field !== 'weekday';

/**
 * Compiles a date format, or says what is wrong with it.
 * @example compileDateFormat('DD-MMM-YYYY HH:mm') // reads "18-Mar-2023 16:05"
 */
export function compileDateFormat(text: string): CompileResult {
  const format = text.trim();
  if (format === '') return refuse(format, 'is empty');
  if (/^excel(\s+serials?(\s+numbers?)?)?$/i.test(format)) {
    return {
      ok: true,
      format: {
        text: format,
        excel: true,
        parts: [],
        twelveHour: false,
        hasDay: true,
        hasTime: false,
        hasZone: false,
      },
    };
  }
  const lexed = lex(format);
  if (typeof lexed === 'string') return refuse(format, lexed);
  markMinutes(lexed);
  const tokens = lexed.filter((p) => p.kind === 'token');
  const count = (field: Field) => tokens.filter((t) => t.field === field).length;
  for (const field of ['year', 'month', 'monthName', 'day', 'hour', 'minute', 'second'] as const) {
    if (count(field) > 1) return refuse(format, `gives the ${field} twice`);
  }
  const ampm = lexed.filter((p) => p.kind === 'ampm').length;
  const zone = lexed.filter((p) => p.kind === 'zone').length;
  if (count('year') === 0) return refuse(format, 'has no year (YYYY or YY)');
  if (count('month') + count('monthName') === 0) {
    return refuse(format, 'has no month (MM, or MMM for its name)');
  }
  if (count('month') + count('monthName') > 1) return refuse(format, 'gives the month twice');
  const hasDay = count('day') === 1;
  if (!hasDay && count('weekday') > 0) {
    return refuse(format, 'has a weekday (ddd) but no day of the month (DD)');
  }
  const hasTime = count('hour') === 1;
  if (!hasDay && (hasTime || count('minute') > 0)) {
    return refuse(format, 'has a time but no day (DD)');
  }
  if (count('minute') > 0 && !hasTime) return refuse(format, 'has minutes but no hour (HH)');
  if (count('second') > 0 && count('minute') === 0) {
    return refuse(format, 'has seconds but no minutes (mm)');
  }
  if (ampm > 1 || zone > 1) return refuse(format, 'gives am/pm or the time zone twice');
  if (ampm > 0 && !hasTime) return refuse(format, 'has am/pm (A) but no hour (hh)');
  if (zone > 0 && !hasTime) return refuse(format, 'has a time zone (Z) but no time');

  const source = lexed
    .map((p, i) => groupFor(p, isNumber(p) && (isNumber(lexed[i - 1]) || isNumber(lexed[i + 1]))))
    .join('');
  // DD/MM/YYYY or MM/DD/YYYY says which way round other numbered dates go; YYYY-MM-DD does not.
  const at = (field: Field) => tokens.findIndex((t) => t.field === field);
  const [dayAt, monthAt, yearAt] = [at('day'), at('month'), at('year')];
  const statesOrder = dayAt >= 0 && monthAt >= 0 && yearAt > dayAt && yearAt > monthAt;
  return {
    ok: true,
    format: {
      text: format,
      excel: false,
      ...(statesOrder ? { dayFirst: dayAt < monthAt } : {}),
      pattern: new RegExp(`^\\s*${source}\\s*$`, 'i'),
      parts: lexed,
      twelveHour: ampm > 0,
      hasDay,
      hasTime,
      hasZone: zone > 0,
    },
  };
}

/** A date format as given (a mapping's `dateFormat`, `--date-format`): it must compile. */
export const DateFormatText = z
  .string({ error: `write the date format as text, e.g. ${DATE_FORMAT_EXAMPLE}` })
  .trim()
  .max(200, 'the date format is over 200 characters')
  .superRefine((text, ctx) => {
    const compiled = compileDateFormat(text);
    if (!compiled.ok) {
      ctx.addIssue({
        code: 'custom',
        message: compiled.message,
        params: { code: 'invalid-date-format' },
      });
    }
  });

/** The fields a value written in the format gives, as written; undefined when it does not match. */
export interface FormatMatch {
  year: string;
  month?: string;
  monthName?: string;
  day?: string;
  hour?: string;
  minute?: string;
  ampm?: string;
  zone?: string;
}

export function matchDateFormat(text: string, format: CompiledDateFormat): FormatMatch | undefined {
  const groups = format.pattern?.exec(text.trim())?.groups;
  if (!groups?.year) return undefined;
  const match: FormatMatch = { year: groups.year };
  for (const key of ['month', 'monthName', 'day', 'hour', 'minute', 'ampm', 'zone'] as const) {
    const value = groups[key];
    if (value !== undefined) match[key] = value;
  }
  return match;
}
