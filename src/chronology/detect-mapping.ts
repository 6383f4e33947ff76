/**
 * Guesses how a return's columns map onto chronology fields from their
 * headings (see `heading-synonyms.ts`): one date, time, author and reference
 * column each, and every text-like column, joined in file order.
 */
import type { ColumnMapping } from '../domain/chronology-entry.ts';
import {
  HEADING_SYNONYMS,
  type MappedField,
  NOT_THE_EVENT_DATE,
  normaliseHeading,
} from './heading-synonyms.ts';

export interface DetectedMapping {
  /** Present when both a date and at least one text column were found. */
  mapping?: ColumnMapping;
  /** Required fields no heading matched. */
  missing: ('date' | 'text')[];
  /**
   * The fields found only by a looser rule — a heading containing "date", or
   * one ending in a word such as "notes" for the text — with that word, to
   * flag in the report.
   */
  loose: { field: MappedField; word: string }[];
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
    loose.push({ field, word });
    return hit.heading;
  };

  const eventDate = (norm: string) => !NOT_THE_EVENT_DATE.includes(norm);
  const date = pick('date', eventDate) ?? containing('date', 'date', eventDate);
  const time = pick('time') ?? containing('time', 'time', (n) => !n.split(' ').includes('date'));
  const sourceRef = pick('sourceRef');
  const author = pick('author');
  const textSynonyms = new Set(HEADING_SYNONYMS.text);
  const exactText = normal
    .filter((c) => !used.has(c.heading) && textSynonyms.has(c.norm))
    .map((c) => c.heading);
  const text = exactText.length > 0 ? exactText : looseText(normal, used, loose);

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
 * Words that end a heading of narrative text ("Consultation notes", "Case
 * summary", "Incident details"): used only when no heading matches a text
 * synonym exactly, and flagged for a reviewer to check.
 */
const TEXT_WORDS = [
  'notes',
  'note',
  'details',
  'narrative',
  'description',
  'summary',
  'comments',
  'text',
];

function looseText(
  normal: readonly { heading: string; norm: string }[],
  used: ReadonlySet<string>,
  loose: DetectedMapping['loose'],
): string[] {
  const found = normal.filter((c) => {
    if (used.has(c.heading)) return false;
    const last = c.norm.split(' ').at(-1) ?? '';
    return TEXT_WORDS.includes(last);
  });
  const first = found[0];
  if (first) loose.push({ field: 'text', word: first.norm.split(' ').at(-1) as string });
  return found.map((c) => c.heading);
}
