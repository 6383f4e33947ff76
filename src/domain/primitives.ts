/**
 * Small schemas shared by every entity: dates, bounded texts and stable ids.
 * Their messages say what was found and what is expected, because they reach
 * reviewers directly.
 */
import { z } from 'zod';
import { CONTROLS_REASON, describeControls, findControls } from './control-characters.ts';

/** English month names, January first. */
export const MONTHS: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why `text` is not a real calendar date in YYYY-MM-DD form, or undefined when it is. */
export function isoDateProblem(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return `"${text}" is not a date in the form YYYY-MM-DD (e.g. 2023-03-14)`;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return `"${text}" has month ${m[2]}; months run from 01 to 12`;
  const max = daysInMonth(year, month);
  if (day < 1 || day > max) {
    return `"${text}" is not a real date: ${MONTHS[month - 1]} ${year} has ${max} days`;
  }
  return undefined;
}

/** A calendar date, YYYY-MM-DD, that exists (2023-02-31 is refused with a reason). */
export const IsoDate = z.string().superRefine((text, ctx) => {
  const problem = isoDateProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export type IsoDate = z.infer<typeof IsoDate>;

/** A clock time, HH:MM (24-hour). */
export const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time in the form HH:MM, e.g. 09:30');

/** An instant, as ISO 8601 with a time zone, e.g. 2026-11-26T10:00:00.000Z. */
export const Timestamp = z.iso.datetime({ offset: true });

function boundedText(label: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `${label} is empty; write at least one character`)
    .max(max, `${label} is too long; keep it under ${max.toLocaleString('en-GB')} characters`)
    .superRefine(refuseControls(label));
}

/**
 * A check for any text schema: refuses NUL, control characters and
 * bidirectional overrides (see `control-characters.ts`), saying which and where.
 *
 * @example z.string().superRefine(refuseControls('the name'))
 */
export function refuseControls(label: string) {
  return (text: string, ctx: z.RefinementCtx): void => {
    const found = findControls(text);
    if (!found) return;
    ctx.addIssue({
      code: 'custom',
      message: `${label} ${describeControls(found)}; remove ${found.count > 1 ? 'them' : 'it'} (${CONTROLS_REASON})`,
      params: { code: 'control-character' },
    });
  };
}

/** A title or label: one line, at most 300 characters. */
export const ShortText = (label = 'the text') =>
  boundedText(label, 300).refine((s) => !/[\r\n]/.test(s), {
    message: `${label} must be a single line`,
  });

/** Prose a reviewer writes: at most 50,000 characters. */
export const LongText = (label = 'the text') => boundedText(label, 50_000);

/** Stable id prefixes. An id, once allocated, is never reused or renumbered. */
export const ID_PREFIXES = {
  person: 'P',
  agency: 'AG',
  participant: 'PT',
  question: 'RQ',
  chronology: 'CH',
  conversation: 'CV',
  excerpt: 'EX',
  kpe: 'KPE',
  factor: 'CF',
  finding: 'F',
  boardIssue: 'BI',
  meeting: 'M',
  invite: 'MI',
  prompt: 'MP',
  contribution: 'MC',
  timeLog: 'T',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

/** The schema of one kind of stable id, e.g. `stableId('kpe')` accepts `KPE-3`. */
export function stableId(kind: IdKind) {
  const prefix = ID_PREFIXES[kind];
  return z
    .string()
    .regex(
      new RegExp(`^${prefix}-[1-9]\\d*$`),
      `an id of the form ${prefix}-<number>, e.g. ${prefix}-1`,
    );
}

/**
 * A stable id as a person types it: any case, spaces around, leading zeros
 * (`cf-01`, ` KPE-003 `), read as the id itself (`CF-1`, `KPE-3`).
 */
export function stableIdInput(kind: IdKind) {
  return z
    .string()
    .transform((text) => normaliseStableId(text) ?? text)
    .pipe(stableId(kind));
}

/** `cf-01` → `CF-1`; undefined when the text is not shaped like a stable id at all. */
export function normaliseStableId(text: string): string | undefined {
  const m = /^\s*([A-Za-z]+)\s*-\s*0*(\d+)\s*$/.exec(text);
  if (!m || Number(m[2]) === 0) return undefined;
  return `${(m[1] as string).toUpperCase()}-${Number(m[2])}`;
}

/** The kind of a stable id, from its prefix; undefined when it is not one of ours. */
export function idKind(id: string): IdKind | undefined {
  const m = /^([A-Z]+)-[1-9]\d*$/.exec(id);
  return m ? KIND_BY_PREFIX.get(m[1] as string) : undefined;
}

const KIND_BY_PREFIX = new Map(
  Object.entries(ID_PREFIXES).map(([kind, prefix]) => [prefix as string, kind as IdKind]),
);

/** The number in a stable id (`KPE-12` → 12), for natural ordering. */
export function idNumber(id: string): number {
  return Number(id.slice(id.lastIndexOf('-') + 1));
}

/** Compares stable ids by prefix, then numerically (KPE-2 before KPE-10). */
export function compareIds(a: string, b: string): number {
  const pa = a.slice(0, a.lastIndexOf('-'));
  const pb = b.slice(0, b.lastIndexOf('-'));
  if (pa !== pb) return pa < pb ? -1 : 1;
  return idNumber(a) - idNumber(b);
}

/** A lower-case, hyphenated identifier of a part of a methodology model (a head, a stage). */
export const ModelId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'a lower-case id of letters, digits and hyphens, e.g. "own-team"');
