/**
 * Publication safety: one pseudonym register → derived variants → pseudonymised text → a leak
 * check. Pure functions only; rendering editions and refusing to write a file live elsewhere.
 */
export { type DeriveOptions, deriveVariants, type Register } from './derive-variants.ts';
export {
  type FindLeaksOptions,
  findLeaks,
  type Leak,
  type LeakKind,
  type LeakReport,
  type NameWarning,
  type Place,
} from './find-leaks.ts';
export { findRegistered, type RegisteredMatch } from './find-registered.ts';
export { type HtmlText, htmlToText } from './html-text.ts';
export {
  compileVariants,
  matcherFor,
  matchVariants,
  type VariantMatch,
  type VariantMatcher,
  type VariantsLike,
} from './match-variants.ts';
export { isValidNhsNumber } from './nhs-number.ts';
export {
  type PseudonymisedText,
  type PseudonymiseOptions,
  pseudonymiseText,
  type Substitution,
} from './pseudonymise.ts';
export type {
  CaseRule,
  SkippedVariant,
  Variant,
  VariantForm,
  VariantKind,
  VariantList,
} from './variant.ts';
