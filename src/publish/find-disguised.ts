/**
 * The leak check's second reading: register identifiers a reader would still read although they
 * are disguised (look-alike letters, invisible characters, a hyphen at a line break, spaced-out
 * letters, a right-to-left override, digits for letters; see fold-disguises), names run together
 * ("JasonSmith"), and initials made from a registered name ("J.S.") that the register does not
 * list. Pseudonymisation replaces only what is written plainly; a disguised form is for a person
 * to rewrite, so the leak check refuses it.
 */
import { COMMON_ACRONYMS } from './common-words.ts';
import {
  foldDisguises,
  foldLookAlike,
  isAscii,
  isInvisible,
  originalSpan,
  readDigitsAsLetters,
} from './fold-disguises.ts';
import { foldChar, foldText } from './fold-text.ts';
import {
  matcherFor,
  nonOverlapping,
  type VariantMatcher,
  type VariantsLike,
} from './match-variants.ts';
import { initialsForms, possessiveOf, possessives, splitName } from './name-forms.ts';
import type { SkippedVariant, Variant } from './variant.ts';

/** The forms only the second reading looks for. */
export type OwnForm = 'derived initials' | 'run together';

/** A disguised identifier: `text` is what stands in the original, `reads` the form it reads as. */
export interface DisguisedMatch {
  start: number;
  end: number;
  text: string;
  reads: string;
  variant: Variant;
  /** For a form the register's derivation does not make: which. */
  own?: OwnForm;
  /** How it is disguised, in words: 'with look-alike letters from another script (Cyrillic "а" for "a")'. */
  disguises: string[];
}

interface SecondReading {
  matcher: VariantMatcher;
  /** Each form only this reading looks for: which kind, and the form it reads as. */
  ownForms: Map<Variant, { own: OwnForm; reads: string }>;
}

const readings = new WeakMap<object, SecondReading>();

const DERIVED_INITIALS = 'initials made from the name';
const RUN_TOGETHER = 'written as one word';
const OWN_FORM_WORDS: Record<OwnForm, string> = {
  'derived initials': DERIVED_INITIALS,
  'run together': RUN_TOGETHER,
};

/**
 * Initials a reader would write for each registered full name (and each alias of two words or
 * more), with their possessives, unless the register lists them, the reviewers cleared them, or
 * they are an everyday acronym.
 */
function derivedInitials(
  variants: readonly Variant[],
  skipped: readonly SkippedVariant[],
  allowed: readonly string[],
) {
  const taken = new Set([...variants, ...skipped].map((v) => foldText(v.text)));
  for (const text of allowed) taken.add(foldText(text));
  const out: Variant[] = [];
  for (const v of variants) {
    const whole = v.form === 'full name' || v.form === 'alias';
    if (!whole || v.style !== undefined || !v.registered) continue;
    const parts = splitName(v.text);
    if (parts.surname === undefined) continue;
    const initial = (word: string) => /\p{L}/u.exec(word)?.[0]?.toUpperCase() ?? '';
    const last = parts.surname.split(/\s+/).at(-1) ?? '';
    const sets = [[...parts.given.map(initial), initial(last)]];
    if (parts.given.length > 1) sets.push([initial(parts.given[0] ?? ''), initial(last)]);
    for (const letters of sets.map((s) => s.join(''))) {
      if (letters.length < 2 || COMMON_ACRONYMS.has(letters)) continue;
      for (const form of initialsForms(letters)) {
        // "J S" is too like ordinary text (a list of grades, a grid) to refuse unasked.
        if (form.style === 'spaced' || taken.has(foldText(form.text))) continue;
        taken.add(foldText(form.text));
        const initials: Variant = {
          ...v,
          text: form.text,
          kind: 'initials',
          form: 'initials',
          style: DERIVED_INITIALS,
          caseRule: 'upper',
          registered: false,
        };
        out.push(initials);
        if (form.style !== 'run together') continue;
        for (const p of possessives(form.text)) {
          out.push({
            ...initials,
            text: p.text,
            replacement: possessiveOf(v.replacement, p.apostrophe),
          });
        }
      }
    }
  }
  return out;
}

/** Names of two words or more written without their spaces ("JasonSmith"), with the name each reads as. */
function runTogether(variants: readonly Variant[]): [Variant, string][] {
  const taken = new Set(variants.map((v) => foldText(v.text)));
  const out: [Variant, string][] = [];
  for (const v of variants) {
    if ((v.kind !== 'name' && v.kind !== 'alias') || !/\s/.test(v.text.trim())) continue;
    const text = v.text.replace(/[\s,]+/g, '');
    const key = foldText(text);
    if (taken.has(key)) continue;
    taken.add(key);
    out.push([{ ...v, text, style: RUN_TOGETHER, registered: false }, v.text]);
  }
  return out;
}

function readingFor(variants: VariantsLike): SecondReading {
  const key: object =
    'match' in variants && typeof variants.match === 'function'
      ? variants.variants
      : 'variants' in variants
        ? variants.variants
        : variants;
  const cached = readings.get(key);
  if (cached) return cached;
  const list = key as readonly Variant[];
  const skipped = 'skipped' in variants ? variants.skipped : [];
  const allowed = 'allowed' in variants ? (variants.allowed ?? []) : [];
  const ownForms: SecondReading['ownForms'] = new Map();
  for (const v of derivedInitials(list, skipped, allowed)) {
    ownForms.set(v, { own: 'derived initials', reads: v.text });
  }
  for (const [v, reads] of runTogether(list)) ownForms.set(v, { own: 'run together', reads });
  const reading = { matcher: matcherFor([...list, ...ownForms.keys()], foldLookAlike), ownForms };
  readings.set(key, reading);
  return reading;
}

const SCRIPTS: [string, RegExp][] = [
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Coptic', /\p{Script=Coptic}/u],
  ['Latin', /\p{Script=Latin}/u],
];

function hex(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** How `original` hides what it reads as, in words. */
function describe(
  original: string,
  how: { digits: boolean; reversed: boolean; own: OwnForm | undefined },
): string[] {
  const out: string[] = [];
  const spaced = /(?:[\p{L}\p{N}][ \u00A0.\-_·•*/|~+\u2010-\u2013]){2,}[\p{L}\p{N}]/u.test(
    original,
  );
  // Spaced-out letters say more than "as one word" about "J a s o n S m i t h".
  if (how.own && !(how.own === 'run together' && spaced)) out.push(OWN_FORM_WORDS[how.own]);
  if (how.reversed)
    out.push('stored backwards and shown the right way round by a right-to-left override');
  const invisible = [
    ...new Set(
      [...original].filter(
        (c) => isInvisible(c) && !(how.reversed && (c === '\u202E' || c === '\u202C')),
      ),
    ),
  ];
  if (invisible.length > 0) {
    out.push(
      `with ${invisible.length === 1 ? 'an invisible character' : 'invisible characters'} inside (${invisible.map(hex).join(', ')})`,
    );
  }
  if (/[-\u2010\u2011\u00AD][ \t]*[\n\r\f\v\u2028\u2029]/u.test(original)) {
    out.push('split by a hyphen at a line break');
  }
  if (spaced) out.push('with its letters spaced out');
  if (how.digits) out.push('with digits for letters');
  const lookAlikes = [...new Set([...original])].filter(
    (c) => !isAscii(c) && !isInvisible(c) && foldLookAlike(c) !== foldChar(c),
  );
  if (lookAlikes.length > 0) {
    const shown = lookAlikes.slice(0, 3).map((c) => {
      const script = SCRIPTS.find(([, re]) => re.test(c))?.[0];
      return `${script ? `${script} ` : ''}"${c}" for "${foldLookAlike(c)}"`;
    });
    out.push(`with look-alike letters from another script (${shown.join(', ')})`);
  }
  return out;
}

/**
 * Every register identifier in `text` as the second reading finds it, in text order, with
 * places in `text` itself. It includes forms the plain reading finds too: the caller keeps
 * those it has not reported already.
 */
export function findDisguised(text: string, variants: VariantsLike): DisguisedMatch[] {
  const { matcher, ownForms } = readingFor(variants);
  const plain = foldDisguises(text);
  const passes = [{ folded: plain, digits: false }];
  // Digits stand for letters only inside words that also hold letters ("Jas0n", not "2021").
  if (/\p{L}\p{N}*[01345]|[01345]\p{N}*\p{L}/u.test(plain.text)) {
    for (const one of ['l', 'i'] as const) {
      passes.push({ folded: readDigitsAsLetters(plain, one), digits: true });
    }
  }
  const found: DisguisedMatch[] = [];
  for (const { folded, digits } of passes) {
    for (const m of matcher.match(folded.text)) {
      const span = originalSpan(folded, m.start, m.end);
      if (digits && !/[0-9]/.test(text.slice(span.start, span.end))) continue;
      const own = ownForms.get(m.variant);
      let reversed = false;
      for (let k = m.start + 1; k < m.end; k++) {
        if ((folded.offsets[k] ?? 0) < (folded.offsets[k - 1] ?? 0)) reversed = true;
      }
      // The override that turns a word round is part of it, where it stands right beside it.
      if (reversed && text[span.start - 1] === '\u202E') span.start--;
      if (reversed && text[span.end] === '\u202C') span.end++;
      const original = text.slice(span.start, span.end);
      found.push({
        ...span,
        text: original,
        reads: own?.reads ?? m.variant.text,
        variant: m.variant,
        ...(own ? { own: own.own } : {}),
        disguises: describe(original, { digits, reversed, own: own?.own }),
      });
    }
  }
  return nonOverlapping(found);
}
