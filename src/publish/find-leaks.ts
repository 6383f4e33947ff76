/**
 * The leak check: finds in a text (a publication's HTML, the text read back from its PDF, one
 * field) every register identifier in any derived form or by value, then reads the text again as
 * a reader would (find-disguised: look-alike letters, invisible characters, hyphens at line
 * breaks, spaced-out letters, digits for letters, initials made from a name), plus identifiers
 * the register does not know — UK phone numbers, postcodes, NHS numbers with a valid check digit —
 * and warns about capitalised names that are not in the register. Reports, never throws.
 *
 * @example
 * const { leaks, warnings } = findLeaks(html, list, { source: 'publication HTML', format: 'html' });
 * if (leaks.length > 0) // refuse to publish; show leaks and warnings to the reviewer
 */
import type { Issue } from '../domain/issue.ts';
import { findPostcodeMentions } from './address-forms.ts';
import { isOrdinaryNonNameWord, isOrdinaryWord, NAME_LIKE_WORDS } from './common-words.ts';
import { type DisguisedMatch, findDisguised } from './find-disguised.ts';
import { findRegistered } from './find-registered.ts';
import { htmlToText } from './html-text.ts';
import type { VariantsLike } from './match-variants.ts';
import { matcherFor } from './match-variants.ts';
import { findNhsNumbers } from './nhs-number.ts';
import { findPhoneMentions } from './phone-forms.ts';
import { lineIndex, opensSentence } from './text-position.ts';
import type { VariantForm, VariantKind } from './variant.ts';

export type LeakKind = VariantKind | 'nhs-number';

/** Where a finding is: `source` as the caller named it, offset, line and column in the text given. */
export interface Place {
  source: string;
  /** Index in the text passed in (in the HTML itself when `format` is 'html'). */
  offset: number;
  /** 1-based. */
  line: number;
  column: number;
}

/** An identifier that must not be published. */
export interface Leak extends Issue, Place {
  code: `leak-${LeakKind}`;
  kind: LeakKind;
  /** The text found, as written. */
  text: string;
  /** The register entries it identifies; empty for an identifier the register does not hold. */
  personIds: string[];
  /** True when it comes from the register; false for a generic identifier (an unknown phone, an NHS number). */
  registered: boolean;
  /** For a register identifier: which form, and what pseudonymisation puts in its place. */
  form?: VariantForm;
  replacement?: string;
  /**
   * For an identifier found only by reading the text as a reader would: what it reads as, and
   * how it is disguised ("with look-alike letters from another script (Cyrillic "а" for "a")").
   */
  disguised?: { reads: string; how: string[] };
}

/** A capitalised name the register does not know: not a leak for certain, but for a person to look at. */
export interface NameWarning extends Issue, Place {
  code: 'unregistered-name';
  text: string;
}

export interface LeakReport {
  leaks: Leak[];
  warnings: NameWarning[];
}

export interface FindLeaksOptions {
  /** What the text is, for the report: 'KPE-3 appraisal', 'publication PDF'. */
  source: string;
  /** Stable ids the text belongs to (`KPE-3`), added to every issue's ids. */
  ids?: readonly string[];
  /** 'html' to check the text a reader sees (tags dropped, entities decoded, alt text kept). */
  format?: 'text' | 'html';
  /**
   * Words and phrases that are known not to be people — agency and place names the report may
   * use, headings — so they raise no warning.
   */
  knownTerms?: readonly string[];
  /**
   * The text `text` was made from (a field before pseudonymisation), with where each offset of
   * `text` stands in it: places are then reported there, where a reviewer edits.
   */
  madeFrom?: { text: string; offset: (i: number) => number };
}

/** The spans merged where they overlap, sorted by start. */
function union(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** What a disguised identifier is and what to do about it, after its place. */
function disguisedMessage(m: DisguisedMatch): string {
  const v = m.variant;
  const who = v.personIds.join(' and ');
  const plainly = `it must not be published. Pseudonymisation replaces only what is written plainly`;
  if (m.own === 'derived initials') {
    return (
      `"${m.text}" are initials made from the name of ${who}, which the register does not list; ${plainly}: ` +
      `add them to ${who}'s initials in the register so that "${v.replacement}" takes their place, or write "${v.replacement}"`
    );
  }
  return (
    `"${m.text}" reads as "${m.reads}", the ${v.form} of ${who}, ${m.disguises.join(', ')}; ${plainly}: ` +
    `write it plainly so that "${v.replacement}" takes its place`
  );
}

/** True when every character of [start, end) lies in one of `spans`. */
function covered(spans: readonly Span[], start: number, end: number): boolean {
  let at = start;
  for (const s of spans) {
    if (s.end <= at) continue;
    if (s.start > at) return false;
    at = s.end;
    if (at >= end) return true;
  }
  return at >= end;
}

interface Span {
  start: number;
  end: number;
}

/** True when [start, end) overlaps one of `spans` (sorted by start, not overlapping each other). */
function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid]?.end ?? 0) <= start) lo = mid + 1;
    else hi = mid;
  }
  const s = spans[lo];
  return s !== undefined && s.start < end;
}

function insertSorted(spans: Span[], span: Span): void {
  let at = spans.length;
  while (at > 0 && (spans[at - 1]?.start ?? 0) > span.start) at--;
  spans.splice(at, 0, span);
}

const TOKEN = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;

function wordsOf(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const w of t.match(TOKEN) ?? []) out.add(w.toLowerCase());
  return out;
}

/**
 * Capitalised names in `text` that are not ordinary words, labels, known terms or leaks already.
 * A word the same text also uses in lower case ("Call" beside "call") counts as ordinary, unless
 * it is a word that is often a name ("Hope") and does not open a sentence.
 */
function unregisteredNames(
  text: string,
  leaks: readonly Span[],
  known: ReadonlySet<string>,
): { start: number; end: number }[] {
  const lowerInText = new Set<string>();
  for (const w of text.match(TOKEN) ?? []) if (!/\p{Lu}/u.test(w)) lowerInText.add(w);
  const isKnown = (token: string, start: number): boolean => {
    const base = token.replace(/['’]s$/iu, '');
    const parts = base.split(/['’-]/).filter((p) => p.length > 0);
    return parts.every((p) => {
      const w = p.toLowerCase();
      if (p.length < 2 || known.has(w) || isOrdinaryNonNameWord(w)) return true;
      const ordinary = isOrdinaryWord(w) || lowerInText.has(w);
      if (ordinary && opensSentence(text, start)) return true;
      return lowerInText.has(w) && !NAME_LIKE_WORDS.has(w);
    });
  };
  const found: { start: number; end: number }[] = [];
  let run: { start: number; end: number; unknown: boolean }[] = [];
  const close = () => {
    const first = run.findIndex((t) => t.unknown);
    if (first >= 0) {
      const last = run.length - 1 - [...run].reverse().findIndex((t) => t.unknown);
      found.push({ start: run[first]?.start ?? 0, end: run[last]?.end ?? 0 });
    }
    run = [];
  };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const token = m[0];
    const start = m.index;
    const end = start + token.length;
    const capitalised = /^\p{Lu}/u.test(token) && /\p{Ll}/u.test(token);
    if (!capitalised || overlaps(leaks, start, end)) {
      close();
      continue;
    }
    const previous = run[run.length - 1];
    if (previous && !/^[ \u00A0]$/.test(text.slice(previous.end, start))) close();
    run.push({ start, end, unknown: !isKnown(token, start) });
  }
  close();
  return found;
}

const UNREGISTERED_MESSAGES: Record<string, string> = {
  'nhs-number': 'is an NHS number (its check digit is valid); remove it',
  phone: 'is a UK phone number that is not in the register; remove it',
  postcode: 'is a UK postcode that is not in the register; remove it or generalise the place',
};

/** Checks `text` for leaks; see the module comment. */
export function findLeaks(
  text: string,
  variants: VariantsLike,
  options: FindLeaksOptions,
): LeakReport {
  const matcher = matcherFor(variants);
  const html = options.format === 'html' ? htmlToText(text) : undefined;
  const searched = html ? html.text : text;
  const toSource = (i: number) => (html ? (html.offsets[i] ?? text.length) : i);
  const madeFrom = options.madeFrom;
  const position = lineIndex(madeFrom ? madeFrom.text : text);
  const place = (start: number): Place => {
    const offset = madeFrom ? madeFrom.offset(toSource(start)) : toSource(start);
    return { source: options.source, offset, ...position(offset) };
  };
  const ids = (personIds: readonly string[]) => {
    const all = [...(options.ids ?? []), ...personIds];
    return all.length > 0 ? { ids: all } : {};
  };

  const leaks: Leak[] = [];
  let taken: Span[] = [];
  for (const m of findRegistered(searched, matcher)) {
    const v = m.variant;
    const at = place(m.start);
    const written = m.byValue ? ', written another way' : v.style ? `, written ${v.style}` : '';
    leaks.push({
      code: `leak-${v.kind}`,
      path: [options.source],
      message:
        `line ${at.line}, column ${at.column}: "${m.text}" is the ${v.form} of ${v.personIds.join(' and ')}` +
        `${written}; it must not be published (pseudonymisation puts "${v.replacement}" in its place)`,
      ...ids(v.personIds),
      ...at,
      kind: v.kind,
      text: m.text,
      personIds: v.personIds,
      registered: true,
      form: v.form,
      replacement: v.replacement,
    });
    taken.push({ start: m.start, end: m.end });
  }

  // The second reading: what a reader would still read as a register identifier.
  const plainly = [...taken];
  for (const m of findDisguised(searched, variants)) {
    if (covered(plainly, m.start, m.end)) continue;
    const v = m.variant;
    const at = place(m.start);
    leaks.push({
      code: `leak-${v.kind}`,
      path: [options.source],
      message: `line ${at.line}, column ${at.column}: ${disguisedMessage(m)}`,
      ...ids(v.personIds),
      ...at,
      kind: v.kind,
      text: m.text,
      personIds: v.personIds,
      registered: true,
      form: v.form,
      replacement: v.replacement,
      disguised: { reads: m.reads, how: m.disguises },
    });
    taken.push({ start: m.start, end: m.end });
  }
  taken = union(taken);

  const generic: { kind: LeakKind; start: number; end: number; text: string }[] = [];
  for (const [kind, mentions] of [
    ['nhs-number', findNhsNumbers(searched)],
    ['phone', findPhoneMentions(searched)],
    ['postcode', findPostcodeMentions(searched)],
  ] as const) {
    for (const m of mentions) {
      if (overlaps(taken, m.start, m.end)) continue;
      insertSorted(taken, m);
      generic.push({ kind, start: m.start, end: m.end, text: m.text });
    }
  }
  for (const g of generic) {
    const at = place(g.start);
    leaks.push({
      code: `leak-${g.kind}`,
      path: [options.source],
      message: `line ${at.line}, column ${at.column}: "${g.text}" ${UNREGISTERED_MESSAGES[g.kind]}`,
      ...ids([]),
      ...at,
      kind: g.kind,
      text: g.text,
      personIds: [],
      registered: false,
    });
  }
  leaks.sort((a, b) => a.offset - b.offset);

  const known = wordsOf([
    ...matcher.variants.map((v) => v.replacement),
    ...(options.knownTerms ?? []),
  ]);
  const warnings: NameWarning[] = unregisteredNames(searched, taken, known).map((w) => {
    const at = place(w.start);
    const name = searched.slice(w.start, w.end);
    return {
      code: 'unregistered-name',
      path: [options.source],
      message:
        `line ${at.line}, column ${at.column}: "${name}" looks like a name that is not in the register; ` +
        'if it is a person, add them to the register; if not, add it to the known terms',
      ...ids([]),
      ...at,
      text: name,
    };
  });
  return { leaks, warnings };
}
