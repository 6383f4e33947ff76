/**
 * Guesses how a return's columns map onto chronology fields from their
 * headings (see `heading-synonyms.ts`): one date, time, author and reference
 * column each, and every narrative column (a text synonym, or a heading with
 * a narrative word such as "concern" or "notes"), joined in file order.
 */
import type { ColumnMapping } from '../domain/chronology-entry.ts';
import {
  HEADING_SYNONYMS,
  type MappedField,
  NARRATIVE_WORDS,
  NOT_NARRATIVE_ENDINGS,
  NOT_THE_EVENT_DATE,
  normaliseHeading,
} from './heading-synonyms.ts';

export interface DetectedMapping {
  /** Present when both a date and at least one text column were found. */
  mapping?: ColumnMapping;
  /** Required fields no heading matched. */
  missing: ('date' | 'text')[];
  /**
   * The columns found only by a looser rule — a heading containing "date", or
   * a narrative word such as "notes" for the text — with that word, to flag
   * in the report.
   */
  loose: { field: MappedField; word: string; column: string }[];
}

/**
 * @example detectMapping(['Occurrence date', 'Officer', 'Summary', 'Details'], { dayFirst: true })
 *   // { mapping: { date: 'Occurrence date', author: 'Officer', text: ['Summary', 'Details'], dayFirst: true }, … }
 */
export function detectMapping(
  headings: readonly string[],
  options: { dayFirst: boolean },
): DetectedMapping {
  const normal = headings.map((h) => ({ heading: h, norm: normaliseHeading(h) }));
  const used = new Set<string>();
  const loose: DetectedMapping['loose'] = [];

  const pick = (field: MappedField, allowed = (_norm: string) => true): string | undefined => {
    for (const synonym of HEADING_SYNONYMS[field]) {
      const hit = normal.find((c) => c.norm === synonym && !used.has(c.heading) && allowed(c.norm));
      if (hit) {
        used.add(hit.heading);
        return hit.heading;
      }
    }
    return undefined;
  };
  const containing = (field: MappedField, word: string, allowed: (norm: string) => boolean) => {
    const hit = normal.find(
      (c) => !used.has(c.heading) && c.norm.split(' ').includes(word) && allowed(c.norm),
    );
    if (!hit) return undefined;
    used.add(hit.heading);
    loose.push({ field, word, column: hit.heading });
    return hit.heading;
  };

  const eventDate = (norm: string) => !NOT_THE_EVENT_DATE.includes(norm);
  const date = pick('date', eventDate) ?? containing('date', 'date', eventDate);
  const time = pick('time') ?? containing('time', 'time', (n) => !n.split(' ').includes('date'));
  const sourceRef = pick('sourceRef');
  const author = pick('author');
  const text = narrativeColumns(normal, used, loose);

  const missing: DetectedMapping['missing'] = [];
  if (!date) missing.push('date');
  if (text.length === 0) missing.push('text');
  if (!date || text.length === 0) return { missing, loose };
  return {
    mapping: {
      date,
      ...(time ? { time } : {}),
      text,
      ...(author ? { author } : {}),
      ...(sourceRef ? { sourceRef } : {}),
      dayFirst: options.dayFirst,
    },
    missing,
    loose,
  };
}

/**
 * The headings among `headings` that read as narrative text, by the same
 * rules as detection: to point out such a column that a saved mapping keeps
 * as an extra field.
 */
export function narrativeHeadings(headings: readonly string[]): string[] {
  return narrativeColumns(
    headings.map((h) => ({ heading: h, norm: normaliseHeading(h) })),
    new Set(),
    [],
  );
}

/**
 * Every column left that tells what happened, in file order: a heading that
 * is a text synonym, or one holding a narrative word (flagged as loose) that
 * does not end as a label does ("Concern raised by", "Outcome code").
 */
function narrativeColumns(
  normal: readonly { heading: string; norm: string }[],
  used: ReadonlySet<string>,
  loose: DetectedMapping['loose'],
): string[] {
  const synonyms = new Set(HEADING_SYNONYMS.text);
  const text: string[] = [];
  for (const c of normal) {
    if (used.has(c.heading)) continue;
    if (synonyms.has(c.norm)) {
      text.push(c.heading);
      continue;
    }
    const words = c.norm.split(' ');
    if (NOT_NARRATIVE_ENDINGS.includes(words.at(-1) ?? '')) continue;
    const word = words.find((w) => NARRATIVE_WORDS.includes(w));
    if (word === undefined) continue;
    text.push(c.heading);
    loose.push({ field: 'text', word, column: c.heading });
  }
  return text;
}
