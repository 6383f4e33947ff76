/**
 * What a reader would read: undoes the ways a name can be written so that a matcher misses it
 * while a reader still reads the name. A right-to-left override shows a reversed word the right
 * way round; invisible characters are dropped; a word hyphenated across a line break is joined;
 * letters spaced out ("J a s o n") are joined; letters from another script that look the same
 * (Cyrillic "а", Greek "α") fold to the letter they look like, by Unicode's confusables (UTS #39);
 * and, as a second reading, digits inside words stand for letters ("Jas0n").
 *
 * The text and every registered form are folded alike: `foldDisguises` rewrites the text,
 * remembering where each character came from, and `foldLookAlike` folds one character for the
 * matcher. ASCII is never folded into other ASCII ("m" is not "rn", "I" is not "l"): names differ
 * by exactly those letters.
 *
 * @example
 * const seen = foldDisguises('Ja-\nson met J a s o n');
 * seen.text; // → 'Jason met Jason'
 * seen.offsets[10]; // → 11, where the second "J" stands in the original
 */
import { prototypeOf } from './confusables.ts';
import { foldChar } from './fold-text.ts';

/** A text as a reader would read it; `offsets[i]` is the index in the original of `text[i]`. */
export interface FoldedText {
  text: string;
  /** One per UTF-16 unit of `text`, plus `offsets[text.length]`: the original's length. */
  offsets: number[];
}

export interface FoldOptions {
  /**
   * Read digits inside words as the letters they stand for (0 o, 1 l or i, 3 e, 4 a, 5 s): "l" or
   * "i" says which letter 1 is read as. Off by default: a second reading, not the first.
   */
  digits?: 'l' | 'i';
}

/**
 * Characters a reader does not see: every default-ignorable code point and format character
 * (zero-width marks, invisible operators such as U+2062, tag characters, bidi controls, the
 * Mongolian vowel separator), the Hangul fillers, and control characters other than whitespace
 * (pdf.js reads a glyph it cannot map as U+0000).
 */
const INVISIBLE =
  /^(?:[\p{Default_Ignorable_Code_Point}\p{Cf}\u115F\u1160\u3164\uFFA0\u180E]|(?![\t\n\v\f\r])\p{Cc})$/u;
const SOFT_HYPHEN = '\u00AD';
const RIGHT_TO_LEFT_OVERRIDE = '\u202E';
/** What ends an override: POP DIRECTIONAL FORMATTING, or the end of the paragraph. */
const OVERRIDE_END = new Set(['\u202C', '\n', '\r', '\f', '\u2028', '\u2029']);
const LINE_BREAK = new Set(['\n', '\r', '\f', '\v', '\u2028', '\u2029', '\u0085']);
const HORIZONTAL_SPACE = /^[\t \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]$/u;
/** Hyphens that split a word at a line end: the hyphen-minus, Unicode's hyphens, the soft hyphen. */
const LINE_END_HYPHENS = new Set(['-', '\u2010', '\u2011', SOFT_HYPHEN]);
/** What may stand between spaced-out letters, once each: a space or a light punctuation mark. */
const LETTER_SPACERS = /^[ \u00A0\u2000-\u200A\u202F\u205F.\-_·•*/|~+\u2010\u2011\u2012\u2013]$/u;
const WORD = /^[\p{L}\p{N}]$/u;
const LETTER = /^\p{L}$/u;
const MARK = /^\p{M}$/u;
/** True when every character of `s` is ASCII. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
const DIGIT_LETTERS: Record<string, string> = { '0': 'o', '3': 'e', '4': 'a', '5': 's' };

/** True for a character a reader does not see (see INVISIBLE). */
export function isInvisible(ch: string): boolean {
  return INVISIBLE.test(ch);
}

const lookAlikeCache = new Map<string, string>();

/** The letter a look-alike reads as: UTS #39's prototype, with ASCII's I/l and m/rn kept apart. */
function readAs(ch: string): string {
  const prototype = prototypeOf(ch);
  if (prototype === undefined) return ch;
  // confusables.txt gives "l" for everything like I, l or 1, and "rn" for everything like m.
  if (prototype === 'l' && ch !== ch.toLowerCase()) return 'I';
  return prototype.replace(/rn/g, 'm');
}

/**
 * One character (a code point) folded as the leak check's second reading compares it: like
 * `foldChar` (case, accents, width, apostrophes, dashes), and also '' for any invisible character
 * and the letter it looks like for a confusable from another script ("а" → "a", "Ν" → "n").
 */
export function foldLookAlike(ch: string): string {
  const cached = lookAlikeCache.get(ch);
  if (cached !== undefined) return cached;
  let folded: string;
  if (INVISIBLE.test(ch)) folded = '';
  else {
    folded = foldChar(ch);
    if (!isAscii(ch) && !(folded === '' || folded === ' ' || folded === "'" || folded === '-')) {
      // The case of the original decides what it looks like ("Н" is H, "н" is not), so the
      // look-alike is read before letters are lowered.
      let out = '';
      for (const c of ch.normalize('NFKD').replace(/\p{M}/gu, '')) {
        out += isAscii(c) ? c : readAs(c);
      }
      folded = [...out].map(foldChar).join('');
    }
  }
  lookAlikeCache.set(ch, folded);
  return folded;
}

interface Unit {
  ch: string;
  /** Where the character starts in the original. */
  at: number;
}

function unitsOf(text: string): Unit[] {
  const units: Unit[] = [];
  let at = 0;
  for (const ch of text) {
    units.push({ ch, at });
    at += ch.length;
  }
  return units;
}

/** Puts the characters between a right-to-left override and its end in the order they show. */
function showOverrides(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < units.length) {
    const unit = units[i] as Unit;
    out.push(unit);
    i++;
    if (unit.ch !== RIGHT_TO_LEFT_OVERRIDE) continue;
    let end = i;
    while (end < units.length && !OVERRIDE_END.has((units[end] as Unit).ch)) end++;
    out.push(...units.slice(i, end).reverse());
    i = end;
  }
  return out;
}

function isLetterAt(units: readonly Unit[], i: number): boolean {
  const u = units[i];
  return u !== undefined && LETTER.test(u.ch);
}

/** Joins a word split by a hyphen at a line break ("Ja-\nson"), dropping the soft hyphens left. */
function joinLineEndHyphens(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as Unit;
    if (LINE_END_HYPHENS.has(unit.ch) && out.length > 0 && isLetterAt(out, out.length - 1)) {
      let j = i + 1;
      while (j < units.length && HORIZONTAL_SPACE.test((units[j] as Unit).ch)) j++;
      if (j < units.length && LINE_BREAK.has((units[j] as Unit).ch)) {
        while (j < units.length && /^\s$/u.test((units[j] as Unit).ch)) j++;
        if (isLetterAt(units, j)) {
          i = j - 1;
          continue;
        }
      }
    }
    if (unit.ch !== SOFT_HYPHEN) out.push(unit);
  }
  return out;
}

/** The index after the word character at `i` and any combining marks on it. */
function afterItem(units: readonly Unit[], i: number): number {
  let j = i + 1;
  while (j < units.length && MARK.test((units[j] as Unit).ch)) j++;
  return j;
}

function isWordAt(units: readonly Unit[], i: number): boolean {
  const u = units[i];
  return u !== undefined && WORD.test(u.ch);
}

/**
 * Joins letters spaced out one by one ("J a s o n", "J.a.s.o.n"): three or more single letters
 * or digits, at least two of them letters, each parted from the next by one space or light
 * punctuation mark. A wider gap ends the run, so "J a s o n  S m i t h" stays two words.
 */
function joinSpacedLetters(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < units.length) {
    const start = i;
    if (!isWordAt(units, i) || isWordAt(units, i - 1) || isWordAt(units, afterItem(units, i))) {
      out.push(units[i] as Unit);
      i++;
      continue;
    }
    const items: [number, number][] = [[i, afterItem(units, i)]];
    let end = items[0]?.[1] ?? i + 1;
    while (
      end + 1 < units.length &&
      LETTER_SPACERS.test((units[end] as Unit).ch) &&
      isWordAt(units, end + 1) &&
      !isWordAt(units, afterItem(units, end + 1))
    ) {
      const next = afterItem(units, end + 1);
      items.push([end + 1, next]);
      end = next;
    }
    const letters = items.filter(([from]) => isLetterAt(units, from)).length;
    if (items.length >= 3 && letters >= 2) {
      for (const [from, to] of items) out.push(...units.slice(from, to));
    } else {
      out.push(...units.slice(start, end));
    }
    i = end;
  }
  return out;
}

/**
 * The same reading with the digits inside words that also hold letters read as the letters they
 * stand for ("Jas0n" → "Jason"). One character for one, so every place stays where it was.
 */
export function readDigitsAsLetters(folded: FoldedText, one: 'l' | 'i'): FoldedText {
  const text = folded.text.replace(/[\p{L}\p{N}\p{M}]+/gu, (word) =>
    /\p{L}/u.test(word) && /[01345]/.test(word)
      ? word.replace(/[01345]/g, (d) => (d === '1' ? one : (DIGIT_LETTERS[d] ?? d)))
      : word,
  );
  return { text, offsets: folded.offsets };
}

/** Quick tests for whether a step has anything to do, so most texts skip the per-character work. */
const MAY_HIDE = {
  override: /\u202E/u,
  invisible:
    /[\p{Default_Ignorable_Code_Point}\p{Cf}\u115F\u1160\u3164\uFFA0\u180E]|(?![\t\n\v\f\r])\p{Cc}/u,
  lineEndHyphen: /[-\u2010\u2011\u00AD][\t \u00A0]*[\n\r\f\v\u2028\u2029\u0085]/u,
  spacedLetters:
    /(?<![\p{L}\p{N}])[\p{L}\p{N}]\p{M}*[ \u00A0\u2000-\u200A\u202F\u205F.\-_·•*/|~+\u2010-\u2013][\p{L}\p{N}]\p{M}*[ \u00A0\u2000-\u200A\u202F\u205F.\-_·•*/|~+\u2010-\u2013][\p{L}\p{N}](?![\p{L}\p{N}])/u,
};

/** The text as a reader would read it; see the module comment. */
export function foldDisguises(text: string, options: FoldOptions = {}): FoldedText {
  const steps = {
    override: MAY_HIDE.override.test(text),
    invisible: MAY_HIDE.invisible.test(text),
    lineEndHyphen: MAY_HIDE.lineEndHyphen.test(text),
    spacedLetters: MAY_HIDE.spacedLetters.test(text),
  };
  if (!Object.values(steps).some(Boolean)) {
    const offsets = Array.from({ length: text.length + 1 }, (_, i) => i);
    const plain = { text, offsets };
    return options.digits ? readDigitsAsLetters(plain, options.digits) : plain;
  }
  let units = unitsOf(text);
  if (steps.override) units = showOverrides(units);
  // Invisible characters go before the other steps look for neighbours; the soft hyphen stays
  // until line-end hyphens are joined, since it marks where a word was split.
  if (steps.invisible) units = units.filter((u) => u.ch === SOFT_HYPHEN || !INVISIBLE.test(u.ch));
  if (steps.lineEndHyphen || steps.invisible) units = joinLineEndHyphens(units);
  if (steps.spacedLetters || steps.invisible || steps.override) units = joinSpacedLetters(units);
  let out = '';
  const offsets: number[] = [];
  for (const u of units) {
    out += u.ch;
    offsets.push(u.at);
    if (u.ch.length === 2) offsets.push(u.at + 1);
  }
  offsets.push(text.length);
  const folded = { text: out, offsets };
  return options.digits ? readDigitsAsLetters(folded, options.digits) : folded;
}

/** Where `folded.text.slice(start, end)` stands in the original: from its first to its last character. */
export function originalSpan(
  folded: FoldedText,
  start: number,
  end: number,
): { start: number; end: number } {
  let from = Number.POSITIVE_INFINITY;
  let to = -1;
  for (let k = start; k < end; k++) {
    const at = folded.offsets[k] ?? 0;
    from = Math.min(from, at);
    to = Math.max(to, at + 1);
  }
  if (to < 0) return { start: folded.offsets[start] ?? 0, end: folded.offsets[start] ?? 0 };
  return { start: from, end: to };
}
