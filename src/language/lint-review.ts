/**
 * The language check over a whole review: every flag in its appraisals,
 * explanations, factors, findings, Issues for the Board and report text, as
 * issues a reviewer acts on — reword the sentence, or accept it with a
 * recorded justification.
 */
import { type AcceptedFlag, acceptedFlagKey } from '../domain/accepted-flag.ts';
import type { Issue } from '../domain/issue.ts';
import type { ReviewState } from '../domain/review-state.ts';
import type { LanguageRules } from '../model/language-rules.ts';
import { type LanguageFlag, lintText } from './lint-text.ts';
import { fieldName, reviewTextFields } from './review-fields.ts';

/** A flag in a review, addressed by its field and sentence. */
export interface LanguageIssue extends Issue {
  code: 'language-flag';
  /** The id of the model's rule that flags it, e.g. `failed-to`. */
  rule: string;
  /** The field, e.g. `['kpes', 'KPE-3', 'appraisal', 'text']`. */
  path: string[];
  /** The field as one word: `kpes.KPE-3.appraisal.text`. */
  field: string;
  /** For people: `KPE-3 appraisal`. */
  label: string;
  /**
   * The field and the sentence's number: `kpes.KPE-3.appraisal.text#2`. With
   * the rule it picks out one flag, to accept it by.
   */
  handle: string;
  flag: LanguageFlag;
  /** Present when a reviewer has accepted this sentence for this rule. */
  accepted?: AcceptedFlag;
}

export interface LintReviewOptions {
  /** Include flags reviewers have accepted (marked with `accepted`); by default only open ones. */
  includeAccepted?: boolean;
}

/** `kpes.KPE-3.appraisal.text#2`. */
export function flagHandle(path: readonly string[], sentenceNumber: number): string {
  return `${fieldName(path)}#${sentenceNumber}`;
}

/**
 * The review's flags in reading order: open ones only, unless
 * `includeAccepted`. An acceptance applies while the field still holds the
 * accepted sentence; reword it and the flag (if any) is open again.
 */
export function lintReview(
  state: ReviewState,
  rules: LanguageRules,
  options: LintReviewOptions = {},
): LanguageIssue[] {
  const issues: LanguageIssue[] = [];
  for (const field of reviewTextFields(state)) {
    for (const flag of lintText(field.text, rules)) {
      const accepted = state.acceptedFlags[acceptedFlagKey(field.path, flag.rule, flag.sentence)];
      if (accepted && !options.includeAccepted) continue;
      const issue: LanguageIssue = {
        code: 'language-flag',
        rule: flag.rule,
        path: field.path,
        message: `${field.label}, sentence ${flag.sentenceNumber}: "${flag.match}" (${flag.category}) in "${flag.sentence}" — ${flag.reason} Direction: ${flag.suggestion}`,
        field: fieldName(field.path),
        label: field.label,
        handle: flagHandle(field.path, flag.sentenceNumber),
        flag,
      };
      if (field.ids.length > 0) issue.ids = field.ids;
      // An open flag is put right by rewording it, or by accepting it; an accepted one needs nothing.
      if (accepted) issue.accepted = accepted;
      else issue.fix = { kind: 'accept-flag', field: issue.handle, rule: flag.rule };
      issues.push(issue);
    }
  }
  return issues;
}

/** Acceptances that no longer apply: the field is gone, or no longer holds the accepted sentence. */
export function staleAcceptances(state: ReviewState, rules: LanguageRules): AcceptedFlag[] {
  const live = new Set(
    lintReview(state, rules, { includeAccepted: true }).flatMap((i) =>
      i.accepted ? [acceptedFlagKey(i.accepted.field, i.accepted.rule, i.accepted.sentence)] : [],
    ),
  );
  return Object.values(state.acceptedFlags).filter(
    (a) => !live.has(acceptedFlagKey(a.field, a.rule, a.sentence)),
  );
}
