/**
 * Turns confidential text into publication text: every register identifier becomes its
 * replacement (people their labels, dates of birth and phone numbers removed, addresses
 * generalised), with a record of each substitution so a reviewer can see what changed.
 *
 * @example
 * const list = deriveVariants(state);
 * pseudonymiseText('Mrs Kayleigh Carrow’s flat at 27 Tanner Rd', list).text;
 * // → 'Mother’s flat at the family home'
 */
import { compareIds } from '../domain/primitives.ts';
import { addressPrecision } from './address-forms.ts';
import { TITLES } from './common-words.ts';
import { findRegistered, type RegisteredMatch } from './find-registered.ts';
import type { VariantsLike } from './match-variants.ts';
import { opensSentence } from './text-position.ts';
import type { VariantForm, VariantKind } from './variant.ts';

export interface Substitution {
  /** Where the original was in the input: `input.slice(start, end) === original`. */
  start: number;
  end: number;
  original: string;
  replacement: string;
  /** Where the replacement is in the output: `output.slice(outputStart, outputEnd) === replacement`. */
  outputStart: number;
  outputEnd: number;
  kind: VariantKind;
  form: VariantForm;
  personIds: string[];
}

export interface PseudonymisedText {
  text: string;
  substitutions: Substitution[];
}

export interface PseudonymiseOptions {
  /**
   * Leave a title in front of a replaced name ("Mrs Mother"). By default the title goes with the
   * name ("Mrs Kayleigh Carrow" → "Mother"), since a title before a label reads wrongly.
   */
  keepTitles?: boolean;
}

interface Span {
  start: number;
  end: number;
  replacement: string;
  kind: VariantKind;
  form: VariantForm;
  personIds: string[];
}

const NAME_KINDS: ReadonlySet<VariantKind> = new Set(['name', 'alias', 'initials']);
const PLACE_KINDS: ReadonlySet<VariantKind> = new Set(['address', 'postcode']);

/** The start of a title ("Mrs ", "Dr. ") right before `start`, not reaching back past `floor`. */
function titleStart(text: string, start: number, floor: number): number {
  const before = text.slice(Math.max(floor, start - 16), start);
  const m = /([\p{L}]+)\.?[ \t\u00A0]+$/u.exec(before);
  if (!m?.[1] || !TITLES.has(m[1].toLowerCase()) || !/^\p{Lu}/u.test(m[1])) return start;
  const at = start - before.length + m.index;
  const prev = text[at - 1];
  return prev !== undefined && /[\p{L}\p{N}]/u.test(prev) ? start : at;
}

function spanOf(m: RegisteredMatch): Span {
  return {
    start: m.start,
    end: m.end,
    replacement: m.variant.replacement,
    kind: m.variant.kind,
    form: m.variant.form,
    personIds: m.variant.personIds,
  };
}

/**
 * Joins neighbouring pieces of one address ("27 Tanner Rd, Holmbridge QX7 2LN" found as street,
 * town and postcode) into one substitution with the replacement of its most precise piece.
 */
function joinAddressPieces(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (
      last &&
      PLACE_KINDS.has(last.kind) &&
      PLACE_KINDS.has(span.kind) &&
      /^[\s,]*$/.test(text.slice(last.end, span.start))
    ) {
      const precise = addressPrecision(span.form) > addressPrecision(last.form) ? span : last;
      out[out.length - 1] = {
        ...precise,
        start: last.start,
        end: span.end,
        kind: last.kind === 'address' || span.kind === 'address' ? 'address' : 'postcode',
        personIds: [...new Set([...last.personIds, ...span.personIds])].sort(compareIds),
      };
    } else {
      out.push(span);
    }
  }
  return out;
}

/** Replaces every register identifier in `text`; see the module comment. */
export function pseudonymiseText(
  text: string,
  variants: VariantsLike,
  options: PseudonymiseOptions = {},
): PseudonymisedText {
  let spans = findRegistered(text, variants).map(spanOf);
  if (!options.keepTitles) {
    let floor = 0;
    spans = spans.map((s) => {
      const start = NAME_KINDS.has(s.kind) ? titleStart(text, s.start, floor) : s.start;
      floor = s.end;
      return { ...s, start };
    });
  }
  spans = joinAddressPieces(text, spans);

  let output = '';
  let at = 0;
  const substitutions: Substitution[] = [];
  for (const span of spans) {
    output += text.slice(at, span.start);
    let replacement = span.replacement;
    if (/^\p{Ll}/u.test(replacement) && opensSentence(text, span.start)) {
      replacement = replacement[0]?.toUpperCase() + replacement.slice(1);
    }
    const outputStart = output.length;
    output += replacement;
    substitutions.push({
      start: span.start,
      end: span.end,
      original: text.slice(span.start, span.end),
      replacement,
      outputStart,
      outputEnd: output.length,
      kind: span.kind,
      form: span.form,
      personIds: span.personIds,
    });
    at = span.end;
  }
  output += text.slice(at);
  return { text: output, substitutions };
}
