/**
 * The written forms of a name: its parts, possessives with either apostrophe, and initials with
 * and without dots and spaces. Pure string work; deciding what to match is derive-variants' job.
 */
import { NAME_PARTICLES, TITLES } from './common-words.ts';

export interface NameParts {
  /** The name as written, without a leading title ("Dr", "Mrs"). */
  full: string;
  /** Given names in order: the first, then any middle names. */
  given: string[];
  /** The surname, with any particle ("de Souza"); undefined for a one-word name. */
  surname?: string;
  /** Parts of a hyphenated or particled surname that could appear alone ("Souza", "Reeve"). */
  surnameParts: string[];
}

/** Splits a name into given names and surname, dropping leading titles. */
export function splitName(name: string): NameParts {
  const tokens = name.trim().split(/\s+/);
  while (tokens.length > 1 && TITLES.has((tokens[0] ?? '').replace(/\.$/, '').toLowerCase())) {
    tokens.shift();
  }
  const full = tokens.join(' ');
  if (tokens.length === 1) return { full, given: [full], surnameParts: [] };
  let surnameStart = tokens.length - 1;
  while (surnameStart > 1 && NAME_PARTICLES.has((tokens[surnameStart - 1] ?? '').toLowerCase())) {
    surnameStart--;
  }
  const surnameTokens = tokens.slice(surnameStart);
  const surname = surnameTokens.join(' ');
  const parts = new Set<string>();
  const last = surnameTokens[surnameTokens.length - 1] ?? '';
  if (surnameTokens.length > 1) parts.add(last);
  for (const token of surnameTokens) {
    if (token.includes('-')) for (const piece of token.split('-')) if (piece) parts.add(piece);
  }
  parts.delete(surname);
  return { full, given: tokens.slice(0, surnameStart), surname, surnameParts: [...parts] };
}

export const STRAIGHT = "'";
const CURLY = '\u2019';

/** The possessives of a name: `Jaylen's`, `Jaylen’s`; for a name ending in s also `Jones'`, `Jones’`. */
export function possessives(text: string): { text: string; apostrophe: string; style: string }[] {
  const out = [STRAIGHT, CURLY].map((a) => ({
    text: `${text}${a}s`,
    apostrophe: a,
    style: `possessive (${a})`,
  }));
  if (/s$/i.test(text)) {
    for (const a of [STRAIGHT, CURLY]) {
      out.push({ text: `${text}${a}`, apostrophe: a, style: `possessive (${a} after s)` });
    }
  }
  return out;
}

/** The possessive of a publication label: `Child B` → `Child B's`, `Parents` → `Parents'`. */
export function possessiveOf(label: string, apostrophe: string = STRAIGHT): string {
  return /s$/.test(label) ? `${label}${apostrophe}` : `${label}${apostrophe}s`;
}

/**
 * Initials as people write them: `K.C.`, `K. C.`, `K C`, `KC`, `K.C`, `K. C`, from any one of
 * those forms. Empty when the text has fewer than two letters.
 */
export function initialsForms(initials: string): { text: string; style: string }[] {
  const letters = [...initials.replace(/[^\p{L}]/gu, '').toUpperCase()];
  if (letters.length < 2) return [];
  return [
    { text: letters.join(''), style: 'run together' },
    { text: `${letters.join('.')}.`, style: 'dotted' },
    { text: `${letters.join('. ')}.`, style: 'dotted and spaced' },
    { text: letters.join(' '), style: 'spaced' },
    { text: letters.join('.'), style: 'dotted, no final dot' },
    { text: letters.join('. '), style: 'dotted and spaced, no final dot' },
  ];
}
