/**
 * Days as people type them, read by the one date parser the chronology uses:
 * `14/03/2023`, `2023-03-14`, `14 March 2023`, `Tuesday 14 March 2023`… all
 * become the ISO day `2023-03-14`. A field that needs a day refuses text that
 * says less ("March 2023", "?/03/2023", "early May 2023") or more (a time),
 * naming the forms it accepts.
 */
import type { z } from 'zod';
import { parseEventDate } from '../../chronology/parse-event-date.ts';
import { ValidationError } from '../../domain/errors.ts';
import { type Issue, issue } from '../../domain/issue.ts';
import { parseOrThrow } from '../../domain/zod-issues.ts';

/** The accepted forms, as every refusal of a day words them. */
export const DAY_FORMS = 'give a date as 14/03/2023 or 2023-03-14 (or 14 March 2023)';

export type DayReading = { ok: true; day: string } | { ok: false; issue: Issue };

const PRECISION_WORDS: Record<string, string> = {
  month: 'only a month',
  range: 'a span of days',
  approximate: 'an approximate date',
  unknown: 'no date',
};

/** Reads one day; the issue, when there is one, is at `path` and names the accepted forms. */
export function readDayText(text: string, path: Issue['path']): DayReading {
  const parsed = parseEventDate(text);
  if (!parsed.ok) {
    return { ok: false, issue: issue('invalid-date', path, `${parsed.reason}; ${DAY_FORMS}`) };
  }
  const { precision, start, original } = parsed.date;
  if (precision === 'day' && start) return { ok: true, day: start };
  const said =
    precision === 'time'
      ? `"${original}" gives a time as well as a day; only the day is kept here, so give the day alone`
      : `"${original || text}" gives ${PRECISION_WORDS[precision] ?? 'no single day'}, and a day is needed here`;
  return { ok: false, issue: issue('date-imprecise', path, `${said}; ${DAY_FORMS}`) };
}

/** The ISO day `text` names, or a refusal at `path`. */
export function readDay(text: string, path: Issue['path']): string {
  const read = readDayText(text, path);
  if (read.ok) return read.day;
  throw new ValidationError([read.issue]);
}

/** A path to a day inside an input; `'*'` stands for every key of a record (`['keyDates', '*']`). */
export type DayPath = readonly (string | number)[];

/**
 * A copy of `input` with the text at each path read as an ISO day, and the
 * issues of the days that could not be read (those are left out of the
 * copy). Values that are not text are left for the schema to refuse.
 * @example readDays({ period: { from: '14/03/2023' } }, [['period', 'from']]).value // { period: { from: '2023-03-14' } }
 */
export function readDays(input: unknown, paths: readonly DayPath[]) {
  const issues: Issue[] = [];
  let value = input;
  for (const path of paths) value = replaceAt(value, path, [], issues);
  return { value, issues };
}

/**
 * Parses `input` with `schema` after reading the days at `paths`: every
 * problem is refused together, a bad day once (by the date reader, which
 * names the accepted forms) rather than again by the schema.
 */
export function parseWithDays<S extends z.ZodType>(
  schema: S,
  input: unknown,
  paths: readonly DayPath[],
): z.infer<S> {
  const days = readDays(input, paths);
  const at = new Set(days.issues.map((i) => i.path.join('.')));
  let parsed: z.infer<S>;
  try {
    parsed = parseOrThrow(schema, days.value);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const others = error.issues.filter((i) => !at.has(i.path.join('.')));
    throw new ValidationError([...others, ...days.issues]);
  }
  if (days.issues.length > 0) throw new ValidationError(days.issues);
  return parsed;
}

/** Returned in place of a day that could not be read, so the schema sees the field as absent. */
const UNREAD = undefined;

function replaceAt(value: unknown, rest: DayPath, at: Issue['path'], issues: Issue[]): unknown {
  if (rest.length === 0) {
    if (typeof value !== 'string') return value;
    const read = readDayText(value, at);
    if (read.ok) return read.day;
    issues.push(read.issue);
    return UNREAD;
  }
  // Only plain records hold days; anything else is for the schema to refuse.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const [head, ...tail] = rest as [string | number, ...(string | number)[]];
  const copy: Record<string | number, unknown> = { ...(value as Record<string, unknown>) };
  const keys = head === '*' ? Object.keys(copy) : head in copy ? [head] : [];
  for (const key of keys) copy[key] = replaceAt(copy[key], tail, [...at, key], issues);
  return copy;
}
