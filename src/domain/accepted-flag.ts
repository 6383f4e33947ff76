/**
 * A reviewer's acceptance of a sentence the language check flags, with the
 * justification recorded in the log. It holds only while the sentence stands:
 * reword the sentence and the acceptance no longer applies.
 */
import { z } from 'zod';
import { LongText, ModelId } from './primitives.ts';

export const FlagAcceptance = z.strictObject({
  /** Where the sentence is, e.g. `['kpes', 'KPE-3', 'appraisal', 'text']`. */
  field: z
    .array(z.string().trim().min(1, 'a part of the field path is empty'))
    .min(1, 'the field path is empty'),
  /** Stable ids concerned (`KPE-3`, or `F-2` and `BI-5`). */
  ids: z.array(z.string().trim().min(1, 'an id is empty')).default([]),
  /** The language rule (of the review's model) whose flag is accepted. */
  rule: ModelId,
  /** The exact sentence accepted. */
  sentence: LongText('the accepted sentence'),
  justification: LongText('the justification'),
});
export type FlagAcceptance = z.infer<typeof FlagAcceptance>;

/** An acceptance as folded into the review's state: who recorded it, and when. */
export interface AcceptedFlag extends FlagAcceptance {
  by: string;
  at: string;
  seq: number;
}

/** Whitespace is not wording: a sentence re-wrapped over other lines is the same sentence. */
export function sameSentence(a: string, b: string): boolean {
  return normaliseSentence(a) === normaliseSentence(b);
}

function normaliseSentence(sentence: string): string {
  return sentence.replace(/\s+/g, ' ').trim();
}

/** The key of an acceptance in `ReviewState.acceptedFlags`: field, rule and sentence. */
export function acceptedFlagKey(field: readonly string[], rule: string, sentence: string): string {
  return JSON.stringify([field.join('.'), rule, normaliseSentence(sentence)]);
}
