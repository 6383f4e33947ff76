/**
 * Finds derived variants in a text: case- and accent-insensitive, on word boundaries ("Jo" is not
 * found inside "Jordan", nor "Lee" inside "Leeds"), leftmost and then longest first ("Kayleigh
 * Carrow's" is one match, not "Kayleigh" and "Carrow's"). All variants are compiled into one
 * character trie, so a text is scanned once whatever the size of the register.
 */
import { foldChar, foldText, isWordChar } from './fold-text.ts';

/** How one character (a code point) is folded before comparing: `foldChar` unless told otherwise. */
export type CharFold = (ch: string) => string;

import type { Variant, VariantKind, VariantList } from './variant.ts';

/** One occurrence of a variant: `text.slice(start, end)` is what was found. */
export interface VariantMatch {
  start: number;
  end: number;
  text: string;
  variant: Variant;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Variants whose folded text ends here, in register order. */
  variants?: Variant[];
}

/** Variants compiled for matching. Build it once per register and reuse it for every text. */
export interface VariantMatcher {
  readonly variants: readonly Variant[];
  /** Every non-overlapping occurrence, in text order. */
  match(text: string): VariantMatch[];
  /** The variant standing for an identifier value (an ISO date of birth, a phone's national digits, a postcode). */
  byValue(kind: VariantKind, value: string): Variant | undefined;
}

/** What the matching functions accept: a derived list, its variants, or a compiled matcher. */
export type VariantsLike = VariantList | readonly Variant[] | VariantMatcher;

function charAt(text: string, i: number): string {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) return text.slice(i, i + 2);
  return text[i] ?? '';
}

/** The last character before `i` that is not ignorable, or '' at the start. */
function previousRealChar(text: string, i: number, fold: CharFold): string {
  for (let k = i - 1; k >= 0; k--) {
    const ch = text[k] ?? '';
    if (fold(ch) !== '') return ch;
  }
  return '';
}

/** A whole text folded with `fold`, runs of spaces collapsed to one and the ends trimmed. */
function foldWith(text: string, fold: CharFold): string {
  if (fold === foldChar) return foldText(text);
  let out = '';
  for (const ch of text) out += fold(ch);
  return out.replace(/ +/g, ' ').trim();
}

function caseAllows(variant: Variant, found: string): boolean {
  switch (variant.caseRule) {
    case 'any':
      return true;
    case 'capitalised': {
      const first = /\p{L}/u.exec(found)?.[0] ?? '';
      return first !== '' && first !== first.toLowerCase();
    }
    case 'upper': {
      // A possessive ending is not part of the initials: "KC's" is in capitals.
      const base = found.replace(/['’]s?$/u, '');
      return base === base.toUpperCase();
    }
  }
}

/** Prefers the variant written exactly as found (it names the apostrophe and style), else the first allowed. */
function choose(variants: readonly Variant[], found: string): Variant | undefined {
  let fallback: Variant | undefined;
  for (const v of variants) {
    if (!caseAllows(v, found)) continue;
    if (v.text === found) return v;
    fallback ??= v;
  }
  return fallback;
}

/**
 * Compiles variants into a matcher; see the module comment. `fold` folds the variants and the
 * text alike, one character at a time (the leak check's second reading folds look-alikes too).
 */
export function compileVariants(
  variants: readonly Variant[],
  fold: CharFold = foldChar,
): VariantMatcher {
  const root: TrieNode = { next: new Map() };
  const values = new Map<string, Variant>();
  for (const variant of variants) {
    const folded = foldWith(variant.text, fold);
    if (folded === '') continue;
    let node = root;
    for (const c of folded) {
      let next = node.next.get(c);
      if (!next) {
        next = { next: new Map() };
        node.next.set(c, next);
      }
      node = next;
    }
    node.variants ??= [];
    node.variants.push(variant);
    if (variant.value !== undefined) {
      const key = `${variant.kind}:${variant.value}`;
      if (!values.has(key)) values.set(key, variant);
    }
  }

  function match(text: string): VariantMatch[] {
    const found: VariantMatch[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      const ch = charAt(text, i);
      const best = longestAt(text, i, ch);
      if (best) {
        found.push(best);
        i = best.end;
      } else {
        i += ch.length;
      }
    }
    return found;
  }

  function longestAt(text: string, i: number, ch: string): VariantMatch | undefined {
    const first = fold(ch);
    if (first === '' || first === ' ' || !root.next.has(first[0] ?? '')) return undefined;
    if (isWordChar(ch) && isWordChar(previousRealChar(text, i, fold))) return undefined;
    const n = text.length;
    let node: TrieNode | undefined = root;
    let j = i;
    let lastWasWord = false;
    let best: VariantMatch | undefined;
    while (j < n && node) {
      const c = charAt(text, j);
      const f = fold(c);
      if (f === '') {
        j += c.length;
        continue;
      }
      if (f === ' ') {
        node = node.next.get(' ');
        j += c.length;
        // A run of spaces, line breaks or non-breaking spaces matches one space.
        while (j < n) {
          const w = charAt(text, j);
          const fw = fold(w);
          if (fw !== ' ' && fw !== '') break;
          j += w.length;
        }
        lastWasWord = false;
        continue;
      }
      for (const unit of f) {
        node = node?.next.get(unit);
        if (!node) break;
      }
      if (!node) break;
      j += c.length;
      lastWasWord = isWordChar(c);
      if (!node.variants) continue;
      let end = j;
      while (end < n && fold(charAt(text, end)) === '') end += charAt(text, end).length;
      if (lastWasWord && end < n && isWordChar(charAt(text, end))) continue;
      const foundText = text.slice(i, end);
      const variant = choose(node.variants, foundText);
      if (variant) best = { start: i, end, text: foundText, variant };
    }
    return best;
  }

  return {
    variants,
    match,
    byValue: (kind, value) => values.get(`${kind}:${value}`),
  };
}

const compiled = new WeakMap<object, Map<CharFold, VariantMatcher>>();

/**
 * The matcher for `variants`, compiled on first use and cached for the same list or array (and
 * the same `fold`). A compiled matcher is returned as it is.
 */
export function matcherFor(variants: VariantsLike, fold: CharFold = foldChar): VariantMatcher {
  if ('match' in variants && typeof variants.match === 'function') return variants;
  const list: readonly Variant[] =
    'variants' in variants ? variants.variants : (variants as readonly Variant[]);
  let byFold = compiled.get(list);
  if (!byFold) {
    byFold = new Map();
    compiled.set(list, byFold);
  }
  let matcher = byFold.get(fold);
  if (!matcher) {
    matcher = compileVariants(list, fold);
    byFold.set(fold, matcher);
  }
  return matcher;
}

/** Every non-overlapping occurrence of a variant in `text`, leftmost then longest. */
export function matchVariants(text: string, variants: VariantsLike): VariantMatch[] {
  return matcherFor(variants).match(text);
}

/**
 * Leftmost first; at the same place the longer; at the same place and length, the one given
 * first (the sort is stable).
 */
export function nonOverlapping<M extends { start: number; end: number }>(
  matches: readonly M[],
): M[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: M[] = [];
  let reached = 0;
  for (const m of sorted) {
    if (m.start < reached) continue;
    kept.push(m);
    reached = m.end;
  }
  return kept;
}
