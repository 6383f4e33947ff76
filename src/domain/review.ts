/** A review: what is being reviewed, under which model, variant and typology. */
import { z } from 'zod';
import { IsoDate, LongText, ModelId, ShortText, stableId, Timestamp } from './primitives.ts';

export const REVIEW_KINDS = ['rapid-review', 'lcspr', 'scr', 'learning-review'] as const;
export const ReviewKind = z.enum(REVIEW_KINDS, {
  error: (iss) =>
    `unknown review kind ${JSON.stringify(iss.input)}; use one of ${REVIEW_KINDS.join(', ')}`,
});
export type ReviewKind = z.infer<typeof ReviewKind>;

/** Each kind of review in full, as forms and pages name it. */
export const REVIEW_KIND_NAMES: Record<ReviewKind, string> = {
  'rapid-review': 'Rapid review',
  lcspr: 'Local child safeguarding practice review (LCSPR)',
  scr: 'Serious case review (earlier framework)',
  'learning-review': 'Learning review (below the LCSPR threshold)',
};

/** A review id: letters, digits and hyphens, chosen once at creation. */
export const ReviewId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/,
    'a review id of letters, digits and hyphens (at most 64), e.g. R-7K2M9Q',
  );
export type ReviewId = z.infer<typeof ReviewId>;

export const ResearchQuestion = z.strictObject({
  id: stableId('question'),
  text: LongText('the research question'),
});
export type ResearchQuestion = z.infer<typeof ResearchQuestion>;

/** What an edit of a research question may change: its wording. */
export const ResearchQuestionChanges = ResearchQuestion.omit({ id: true });
export type ResearchQuestionChanges = z.infer<typeof ResearchQuestionChanges>;

/** What a user gives to create a review; model, variant and typology default from the model. */
export const ReviewInput = z.strictObject({
  title: ShortText('the review title'),
  kind: ReviewKind,
  modelId: ModelId.default('learning-together'),
  variant: ModelId.optional(),
  typology: ModelId.optional(),
  /** How the subject is referred to in the report, e.g. "Child A". */
  subjectLabel: ShortText('the subject label').optional(),
  /** Key dates by the model's key-date id, e.g. `{ notification: '2025-12-19' }`. */
  keyDates: z.record(ModelId, IsoDate).default({}),
  publicationAllow: z.array(ShortText('an allowed text')).optional(),
  /**
   * For a review already under way: the stage it is in (any stage of the
   * model), instead of the one the model starts a review of its kind in.
   */
  startStage: ModelId.optional(),
  /** For a review already under way: the day it really entered its stage. */
  startedOn: IsoDate.optional(),
});
export type ReviewInput = z.input<typeof ReviewInput>;

/**
 * A review entered here after the fact, already under way: the day it really
 * entered its start stage, and the stages it went through before that, which
 * were not tracked here — none of their moves, meetings or gates are in the
 * log, and none is taken as met.
 */
export const EnteredAfterTheFact = z.strictObject({
  since: IsoDate,
  notTracked: z.array(ModelId),
});
export type EnteredAfterTheFact = z.infer<typeof EnteredAfterTheFact>;

export const Review = z.strictObject({
  id: ReviewId,
  title: ShortText('the review title'),
  kind: ReviewKind,
  modelId: ModelId,
  variant: ModelId,
  typology: ModelId,
  subjectLabel: ShortText('the subject label').optional(),
  keyDates: z.record(ModelId, IsoDate),
  /**
   * Words the reviewers have cleared for the publication edition although the
   * register holds them, e.g. the partnership's own town.
   */
  publicationAllow: z.array(ShortText('an allowed text')).optional(),
  /** The stage the review started in (from the model, by review kind, unless it was entered under way). */
  startStage: ModelId,
  createdAt: Timestamp,
  /** Set when the review was entered after the fact, already under way at `startStage`. */
  enteredAfterTheFact: EnteredAfterTheFact.optional(),
});
export type Review = z.infer<typeof Review>;

/** Fields of a review that may be changed after creation. */
export const ReviewChanges = z
  .strictObject({
    title: ShortText('the review title'),
    variant: ModelId,
    typology: ModelId,
    subjectLabel: ShortText('the subject label'),
    keyDates: z.record(ModelId, IsoDate),
    publicationAllow: z.array(ShortText('an allowed text')),
  })
  .partial();
export type ReviewChanges = z.infer<typeof ReviewChanges>;
