/**
 * The language check: flags hindsight, counterfactual and blame phrasing in a
 * review's prose with a reason and a direction for rewording (never a
 * rewrite), and lets a reviewer accept a flagged sentence with a recorded
 * justification. The rules are data: `language:` in the review's model.
 */
export {
  checkFlagAcceptance,
  decideFlagAcceptance,
  FlagAcceptanceRequest,
} from './accept-flag.ts';
export { type CompiledRules, compileRules } from './compile-rules.ts';
export {
  flagHandle,
  type LanguageIssue,
  type LintReviewOptions,
  lintReview,
  staleAcceptances,
} from './lint-review.ts';
export { type LanguageFlag, lintText } from './lint-text.ts';
export { fieldName, findField, type ReviewTextField, reviewTextFields } from './review-fields.ts';
export { quotedSpans, type Sentence, splitSentences, type TextSpan } from './split-sentences.ts';
