/**
 * Character folding shared by every matcher in publish: a leak is a leak whatever its letter case,
 * accents, apostrophe style, dash style or spacing, so texts are compared in one folded form.
 */

/** Characters that carry no letter of their own: soft hyphens, zero-width marks, combining marks. */
const IGNORABLE = /^[\u00AD\u200B-\u200D\u2060\uFEFF\p{M}]$/u;
const WHITESPACE = /^\s$/u;
const APOSTROPHES = new Set(["'", '\u2018', '\u2019', '\u02BC', '\u2032', '`']);
const DASHES = new Set(['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212']);
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

const foldCache = new Map<string, string>();
const wordCache = new Map<string, boolean>();

/**
 * The folded form of one character (a code point): '' for an ignorable character, ' ' for any whitespace,
 * `'` for any apostrophe, '-' for any dash, otherwise lower case without accents (possibly
 * more than one character, e.g. 'ﬁ' → 'fi').
 */
export function foldChar(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let folded: string;
  if (IGNORABLE.test(ch)) folded = '';
  else if (WHITESPACE.test(ch)) folded = ' ';
  else if (APOSTROPHES.has(ch)) folded = "'";
  else if (DASHES.has(ch)) folded = '-';
  else {
    folded = ch
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '');
    if (/\s/u.test(folded)) folded = ' ';
  }
  foldCache.set(ch, folded);
  return folded;
}

/** A whole text folded, with runs of whitespace collapsed to one space and the ends trimmed. */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out.replace(/ +/g, ' ').trim();
}

/** Letters and digits make words; everything else (spaces, punctuation, apostrophes) separates them. */
export function isWordChar(ch: string): boolean {
  const cached = wordCache.get(ch);
  if (cached !== undefined) return cached;
  const word = WORD_CHAR.test(ch);
  wordCache.set(ch, word);
  return word;
}
