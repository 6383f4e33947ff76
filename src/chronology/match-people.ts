/**
 * Finds the people of the pseudonym register that a chronology entry
 * mentions: by real name, first name, surname, alias or initials, with
 * possessives ("Jaylen's", "Jaylen’s"), case-insensitively and on word
 * boundaries, so "Jo" is not found inside "Jordan". Pure: the register and
 * the texts in, person ids out.
 *
 * Rules that keep false matches down:
 * - initials match only as written in capitals ("MT", "M.T.", "M T"), since
 *   "am" or "jo" in lower case are ordinary words;
 * - a single first name or surname shared by two registered people (a mother
 *   and child with one surname) matches neither; their full names still do;
 * - a name part that is also a common word ("Will", "May", "Hope") matches
 *   only when capitalised.
 */
import type { Person } from '../domain/person.ts';
import { wordList } from './word-list.ts';

/** A stretch of text that names a registered person. */
export interface PersonSpan {
  personId: string;
  start: number;
  end: number;
  /** The words as they appear in the text, e.g. "Jaylen’s". */
  text: string;
}

export interface PersonMatcher {
  /** The ids of the people `text` mentions, in register order. */
  idsIn(text: string): string[];
  /** Every mention in `text`, in text order; overlapping mentions keep the longest. */
  spansIn(text: string): PersonSpan[];
}

/** Words that are also names; as name parts they match only when capitalised. */
const COMMON_WORD_NAMES = new Set(
  wordList(`
  amber april art august bill black bob brook brown carol chase cook crystal dawn dean
  drew faith frank gay grace green guy hall heath hill holly hope iris ivy jack jade jay
  joy june king lane lily long mark mason may miles mo moss neil nick park pat pearl penny
  pip ray reed rich rob robin rose ruby sage scott shaw skye small stone sue summer sunny
  tom wade ward white will wood young
`),
);

type Term = { personId: string; pattern: RegExp; order: number };

/** Straight apostrophes for curly ones, so "Jaylen’s" and "Jaylen's" read alike; lengths unchanged. */
export function straightenApostrophes(text: string): string {
  return text.replace(/[’‘`´]/g, "'");
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A term as a pattern: words separated by any whitespace, not inside a longer word. */
function termPattern(term: string, caseSensitive: boolean): RegExp {
  const words = straightenApostrophes(term).trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, caseSensitive ? 'gu' : 'giu');
}

/** Initials as written in records: "MT", "M.T.", "M. T.", "M T". */
function initialsPattern(initials: string): RegExp | undefined {
  const letters = initials.replace(/[^\p{L}]/gu, '').toUpperCase();
  if (letters.length < 2) return undefined;
  const body = [...letters].map(escapeRegExp).join('\\.?\\s?');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}\\.?(?![\\p{L}\\p{N}])`, 'gu');
}

function nameParts(name: string): string[] {
  return straightenApostrophes(name)
    .split(/\s+/)
    .map((p) => p.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
    .filter((p) => p.length >= 2);
}

/** Builds a matcher over a register; build once per import, use for every entry. */
export function createPersonMatcher(persons: readonly Person[]): PersonMatcher {
  // A name part counts as ambiguous when two people share it.
  const owners = new Map<string, Set<string>>();
  for (const p of persons) {
    for (const part of nameParts(p.realName)) {
      const key = part.toLowerCase();
      owners.set(key, (owners.get(key) ?? new Set()).add(p.id));
    }
  }
  const terms: Term[] = [];
  persons.forEach((p, order) => {
    const add = (pattern: RegExp | undefined) => {
      if (pattern) terms.push({ personId: p.id, pattern, order });
    };
    add(termPattern(p.realName, false));
    for (const alias of p.aliases) add(termPattern(alias, false));
    const parts = nameParts(p.realName);
    if (parts.length > 1) {
      for (const part of parts) {
        if ((owners.get(part.toLowerCase())?.size ?? 0) > 1) continue;
        const common = COMMON_WORD_NAMES.has(part.toLowerCase());
        // Capitalised only: "Will" the name, not "will" the verb.
        const shown = common ? part.charAt(0).toUpperCase() + part.slice(1) : part;
        add(termPattern(shown, common));
      }
    }
    for (const initials of p.initials) add(initialsPattern(initials));
  });

  const spansIn = (text: string): PersonSpan[] => {
    const straight = straightenApostrophes(text);
    const found: PersonSpan[] = [];
    for (const term of terms) {
      term.pattern.lastIndex = 0;
      for (const m of straight.matchAll(term.pattern)) {
        const start = m.index;
        const end = start + m[0].length;
        found.push({ personId: term.personId, start, end, text: text.slice(start, end) });
      }
    }
    // Longest first, then drop any mention inside one already kept.
    found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const kept: PersonSpan[] = [];
    for (const span of found) {
      if (!kept.some((k) => span.start < k.end && k.start < span.end)) kept.push(span);
    }
    return kept.sort((a, b) => a.start - b.start);
  };

  const order = new Map(persons.map((p, i) => [p.id, i]));
  return {
    spansIn,
    idsIn(text) {
      const ids = new Set(spansIn(text).map((s) => s.personId));
      return [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    },
  };
}

/**
 * The person ids each entry mentions, entry by entry.
 * @example matchPeople([{ text: "Jaylen’s mother rang." }], register) // [['P-1']]
 */
export function matchPeople(
  entries: readonly { text: string }[],
  persons: readonly Person[],
): string[][] {
  const matcher = createPersonMatcher(persons);
  return entries.map((e) => matcher.idsIn(e.text));
}
