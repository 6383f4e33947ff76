/**
 * Finds every register identifier in a text, by its written forms (the variant trie) and by its
 * value: a registered phone number however it is spaced, a registered date of birth in any date
 * format. Pseudonymisation replaces exactly these, and the leak check reports exactly these, so
 * a pseudonymised text has no register leak by construction.
 */
import { findPostcodeMentions } from './address-forms.ts';
import { findDateMentions } from './date-forms.ts';
import {
  matcherFor,
  nonOverlapping,
  type VariantMatch,
  type VariantsLike,
} from './match-variants.ts';
import { findPhoneMentions } from './phone-forms.ts';
import type { Variant } from './variant.ts';

/** A register identifier found in text; `byValue` when found by its value rather than a derived form. */
export interface RegisteredMatch extends VariantMatch {
  byValue: boolean;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Every non-overlapping register identifier in `text`, in text order. */
export function findRegistered(text: string, variants: VariantsLike): RegisteredMatch[] {
  const matcher = matcherFor(variants);
  const found: RegisteredMatch[] = matcher.match(text).map((m) => ({ ...m, byValue: false }));
  const add = (start: number, end: number, variant: Variant | undefined) => {
    if (variant) found.push({ start, end, text: text.slice(start, end), variant, byValue: true });
  };
  for (const phone of findPhoneMentions(text)) {
    add(phone.start, phone.end, matcher.byValue('phone', phone.digits));
  }
  for (const postcode of findPostcodeMentions(text)) {
    add(postcode.start, postcode.end, matcher.byValue('postcode', postcode.postcode));
  }
  for (const date of findDateMentions(text)) {
    const years = date.twoDigitYear ? [1900 + date.year, 2000 + date.year] : [date.year];
    for (const year of years) {
      const variant = matcher.byValue('dob', `${year}-${pad(date.month)}-${pad(date.day)}`);
      if (variant) {
        add(date.start, date.end, variant);
        break;
      }
    }
  }
  return nonOverlapping(found);
}
