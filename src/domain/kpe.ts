/**
 * A key practice episode: what happened (fact), an appraisal of the practice
 * (how good, against the standards of the time) and, kept apart from it, an
 * explanation (why it made sense at the time). Good practice is a first-class
 * rating, not an absence of problems.
 */
import { z } from 'zod';
import { IsoDate, LongText, ShortText, stableId } from './primitives.ts';

export const APPRAISAL_RATINGS = ['good', 'mixed', 'problematic', 'unclear'] as const;
export const AppraisalRating = z.enum(APPRAISAL_RATINGS, {
  error: (iss) =>
    `unknown appraisal rating ${JSON.stringify(iss.input)}; use one of ${APPRAISAL_RATINGS.join(', ')}`,
});
export type AppraisalRating = z.infer<typeof AppraisalRating>;

export const Appraisal = z.strictObject({
  rating: AppraisalRating,
  text: LongText('the appraisal'),
  /** The standard the practice is appraised against, with its source. */
  standard: LongText('the standard referred to').optional(),
});
export type Appraisal = z.infer<typeof Appraisal>;

export const Explanation = z.strictObject({
  /** Why it made sense at the time: the view from the tunnel. */
  localRationality: LongText('the explanation'),
});
export type Explanation = z.infer<typeof Explanation>;

export const Period = z
  .strictObject({ from: IsoDate, to: IsoDate.optional() })
  .refine((p) => !p.to || p.to >= p.from, {
    message: 'the period ends before it starts; give "to" on or after "from"',
    path: ['to'],
  });
export type Period = z.infer<typeof Period>;

export const KpeInput = z.strictObject({
  title: ShortText('the KPE title'),
  period: Period,
  agencyIds: z.array(stableId('agency')).default([]),
  chronologyRefs: z.array(stableId('chronology')).default([]),
  whatHappened: LongText('what happened'),
  appraisal: Appraisal.optional(),
  explanation: Explanation.optional(),
});
export type KpeInput = z.input<typeof KpeInput>;

export const Kpe = KpeInput.extend({ id: stableId('kpe') });
export type Kpe = z.infer<typeof Kpe>;

/**
 * Fields of a KPE that an edit may change; a field given replaces the old value
 * (the use-case merges a partial appraisal or period into the old one first),
 * and `null` clears the appraisal or the explanation. Without the input's
 * defaults, so a field left out stays as it was (not reset to []).
 */
export const KpeChanges = KpeInput.extend({
  agencyIds: z.array(stableId('agency')),
  chronologyRefs: z.array(stableId('chronology')),
  appraisal: Appraisal.nullable(),
  explanation: Explanation.nullable(),
}).partial();
export type KpeChanges = z.infer<typeof KpeChanges>;
