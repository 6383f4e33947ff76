/**
 * Accepting a flag: a reviewer keeps a flagged sentence and records why. The
 * request names the field (with the sentence's number where the rule flags
 * more than one sentence there) and the rule; the event records the exact
 * sentence, so the acceptance lapses when the sentence is reworded.
 */
import { z } from 'zod';
import { acceptedFlagKey, type FlagAcceptance, sameSentence } from '../domain/accepted-flag.ts';
import { ValidationError } from '../domain/errors.ts';
import type { EventDraft } from '../domain/events.ts';
import { type Issue, issue } from '../domain/issue.ts';
import { nearest } from '../domain/nearest.ts';
import { LongText, ModelId } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import type { LanguageRules } from '../model/language-rules.ts';
import { flagHandle, lintReview } from './lint-review.ts';
import { type LanguageFlag, lintText } from './lint-text.ts';
import { fieldName, findField, type ReviewTextField } from './review-fields.ts';

const FieldPart = z
  .string()
  .trim()
  .min(
    1,
    'the flagged field is empty; give it as the check shows it, e.g. kpes.KPE-3.appraisal.text#2',
  );

/** What a reviewer asks for: which flag to accept, and why. */
export const FlagAcceptanceRequest = z.strictObject({
  /**
   * The field, as `lint` shows it: `kpes.KPE-3.appraisal.text`, optionally with
   * the sentence's number, `kpes.KPE-3.appraisal.text#2` (or a path array).
   */
  field: z.union([FieldPart, z.array(FieldPart).min(1, 'the flagged field is empty')]),
  rule: ModelId,
  /** The sentence's number in the field, when not given with `#n` in `field`. */
  sentence: z.number().int().positive().optional(),
  justification: LongText('the justification'),
});
export type FlagAcceptanceRequest = z.infer<typeof FlagAcceptanceRequest>;

type AcceptDraft = Extract<EventDraft, { type: 'language.flag-accepted' }>;

function refuse(issues: Issue[]): never {
  throw new ValidationError(issues);
}

/** `kpes.KPE-3.appraisal.text#2` → the path and sentence 2. */
function parseAddress(field: string | string[]): { path: string[]; sentence?: number } {
  if (Array.isArray(field)) return { path: field };
  const hash = field.lastIndexOf('#');
  const name = hash === -1 ? field : field.slice(0, hash);
  const path = name.split('.').filter((part) => part.length > 0);
  if (hash === -1) return { path };
  const number = field.slice(hash + 1);
  if (!/^[1-9]\d*$/.test(number)) {
    refuse([
      issue(
        'invalid-field',
        ['field'],
        `"${field}": after # comes the sentence's number (1, 2, …), e.g. ${name}#2`,
      ),
    ]);
  }
  return { path, sentence: Number(number) };
}

/** The sentences that hold a flag, one entry per sentence, in order. */
function flaggedSentences(flags: LanguageFlag[]): LanguageFlag[] {
  const seen = new Set<number>();
  return flags.filter((f) => !seen.has(f.sentenceNumber) && seen.add(f.sentenceNumber));
}

function clip(text: string, max = 70): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function unknownRule(rules: LanguageRules, id: string): Issue {
  const ids = rules.rules.map((r) => r.id);
  const guess = nearest(id, ids);
  return issue(
    'unknown-language-rule',
    ['rule'],
    `"${id}" is not a language rule of this review's model${guess ? ` (did you mean "${guess}"?)` : ''}; rules: ${ids.join(', ') || 'none'}`,
  );
}

function unknownField(state: ReviewState, rules: LanguageRules, path: string[]): Issue {
  const flagged = [...new Set(lintReview(state, rules).map((i) => i.field))];
  const hint =
    flagged.length > 0
      ? `fields with open flags: ${flagged.join(', ')}`
      : 'no field has an open flag';
  return issue(
    'field-unknown',
    ['field'],
    `review ${state.review.id} has no text at "${fieldName(path)}"; ${hint}`,
    { fix: { kind: 'see-flags' } },
  );
}

/**
 * The event that accepts one flag, or a ValidationError saying what to give:
 * an unknown field or rule, a rule that flags nothing there, or several
 * sentences flagged by the rule and no sentence number to choose between them.
 * Parse the request with `FlagAcceptanceRequest` first.
 */
export function decideFlagAcceptance(
  state: ReviewState,
  rules: LanguageRules,
  request: FlagAcceptanceRequest,
): AcceptDraft {
  const address = parseAddress(request.field);
  if (
    request.sentence !== undefined &&
    address.sentence !== undefined &&
    request.sentence !== address.sentence
  ) {
    refuse([
      issue(
        'invalid-field',
        ['field'],
        `the field says sentence ${address.sentence} but the sentence number given is ${request.sentence}; give one`,
      ),
    ]);
  }
  const number = request.sentence ?? address.sentence;
  const field = findField(state, address.path);
  if (!field) refuse([unknownField(state, rules, address.path)]);
  if (!rules.rules.some((r) => r.id === request.rule)) refuse([unknownRule(rules, request.rule)]);

  const name = fieldName(field.path);
  const flags = lintText(field.text, rules);
  const ruleFlags = flaggedSentences(flags.filter((f) => f.rule === request.rule));
  const candidates =
    number === undefined ? ruleFlags : ruleFlags.filter((f) => f.sentenceNumber === number);
  const [flag] = candidates;
  if (!flag) {
    const there = flags.map((f) => `${flagHandle(field.path, f.sentenceNumber)} ${f.rule}`);
    const where = number === undefined ? name : `sentence ${number} of ${name}`;
    refuse([
      issue(
        'flag-not-found',
        ['field'],
        `rule ${request.rule} flags nothing in ${where}; ${there.length > 0 ? `flagged there: ${[...new Set(there)].join(', ')}` : 'nothing is flagged there'}`,
        field.ids,
      ),
    ]);
  }
  if (candidates.length > 1) {
    const choices = candidates
      .map((f) => `${flagHandle(field.path, f.sentenceNumber)} ("${clip(f.sentence)}")`)
      .join(', ');
    refuse([
      issue(
        'flag-ambiguous',
        ['field'],
        `rule ${request.rule} flags ${candidates.length} sentences in ${name}; say which, by the field with the sentence's number: ${choices}`,
        {
          ids: field.ids,
          fix: {
            kind: 'give',
            field: 'field',
            example: flagHandle(field.path, flag.sentenceNumber),
          },
        },
      ),
    ]);
  }
  const payload: FlagAcceptance = {
    field: field.path,
    ids: field.ids,
    rule: request.rule,
    sentence: flag.sentence,
    justification: request.justification,
  };
  const problems = checkFlagAcceptance(state, rules, payload);
  if (problems.length > 0) refuse(problems);
  return { type: 'language.flag-accepted', payload };
}

/**
 * The invariants of an acceptance before it joins the log (commands and
 * imported bundles alike): the field exists with these ids, the rule is the
 * model's, the field holds the sentence now and the rule flags it, and it is
 * not accepted already.
 */
export function checkFlagAcceptance(
  state: ReviewState,
  rules: LanguageRules,
  payload: FlagAcceptance,
): Issue[] {
  const field: ReviewTextField | undefined = findField(state, payload.field);
  if (!field) return [unknownField(state, rules, payload.field)];
  const issues: Issue[] = [];
  const name = fieldName(field.path);
  if ([...payload.ids].sort().join(' ') !== [...field.ids].sort().join(' ')) {
    issues.push(
      issue(
        'ids-mismatch',
        ['ids'],
        `the ids of ${name} are ${field.ids.join(', ') || 'none'}, not ${payload.ids.join(', ') || 'none'}`,
        field.ids,
      ),
    );
  }
  if (!rules.rules.some((r) => r.id === payload.rule)) {
    issues.push(unknownRule(rules, payload.rule));
    return issues;
  }
  const flagged = lintText(field.text, rules).some(
    (f) => f.rule === payload.rule && sameSentence(f.sentence, payload.sentence),
  );
  if (!flagged) {
    issues.push(
      issue(
        'flag-not-found',
        ['sentence'],
        `${name} has no sentence "${clip(payload.sentence)}" flagged by rule ${payload.rule} now`,
        field.ids,
      ),
    );
  } else if (state.acceptedFlags[acceptedFlagKey(field.path, payload.rule, payload.sentence)]) {
    issues.push(
      issue(
        'flag-already-accepted',
        ['field'],
        `rule ${payload.rule} is already accepted for this sentence of ${name}: "${clip(payload.sentence)}"`,
        field.ids,
      ),
    );
  }
  return issues;
}
