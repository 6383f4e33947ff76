/** Use-cases for reviews themselves: create, list, show, change settings, research questions, report text. */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { byId } from '../domain/display-order.ts';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { LongText, ModelId } from '../domain/primitives.ts';
import {
  type EnteredAfterTheFact,
  ResearchQuestionChanges,
  ReviewChanges,
  ReviewId,
  ReviewInput,
} from '../domain/review.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import type { ReviewSummary } from '../store/event-store.ts';
import { stageById, stagesBetween } from '../workflow/stage-flow.ts';
import { recordId, removalReason } from './record-changes.ts';
import { parseWithDays } from './references/read-day.ts';
import { memoOnState } from './state-memo.ts';
import { summariseReview } from './summarise-review.ts';
import { ukToday } from './uk-today.ts';
import type { CommandResult, Workspace } from './workspace.ts';

/** A review id for a new review: "R-" and six characters that do not look alike. */
function newReviewId(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
  let id = 'R-';
  for (let i = 0; i < 6; i++) id += alphabet[randomInt(alphabet.length)];
  return id;
}

/** Key dates, and the day a review under way entered its stage, as people write them (14/03/2023 or 2023-03-14). */
const DAYS = [['keyDates', '*'], ['startedOn']] as const;
const KEY_DATES = [['keyDates', '*']] as const;

/**
 * Creates a review; model, variant and typology default from the model. A
 * review already under way is entered at its stage (`startStage`, any stage
 * of the model) with the day it really entered it (`startedOn`): the log
 * records it as entered after the fact, with the stages before it as not
 * tracked here — no meeting, move or gate of theirs is invented.
 */
export async function createReview(
  ws: Workspace,
  input: unknown,
  requestedId?: string,
): Promise<CommandResult> {
  const parsed = parseWithDays(ReviewInput, input, DAYS);
  const id =
    requestedId === undefined ? newReviewId() : parseOrThrow(ReviewId, requestedId, ['id']);
  const model = ws.model(parsed.modelId);
  // One reading of the clock: the review is recorded at the moment its start date is checked against.
  const now = ws.clock();
  const usualStart = model.start.byKind[parsed.kind] ?? model.start.default;
  const startStage = parsed.startStage ?? usualStart;
  const enteredAfterTheFact = underWay(model, usualStart, startStage, parsed.startedOn, now);
  return ws.create({
    type: 'review.created',
    payload: {
      id,
      title: parsed.title,
      kind: parsed.kind,
      modelId: model.id,
      variant: parsed.variant ?? model.defaultVariant,
      typology: parsed.typology ?? model.defaultTypology,
      ...(parsed.subjectLabel ? { subjectLabel: parsed.subjectLabel } : {}),
      keyDates: parsed.keyDates,
      ...(parsed.publicationAllow ? { publicationAllow: parsed.publicationAllow } : {}),
      startStage,
      createdAt: now.toISOString(),
      ...(enteredAfterTheFact ? { enteredAfterTheFact } : {}),
    },
  });
}

/** How a review entered under way started, or undefined for a review started here. */
function underWay(
  model: MethodologyModel,
  usualStart: string,
  startStage: string,
  startedOn: string | undefined,
  now: Date,
): EnteredAfterTheFact | undefined {
  if (!stageById(model, startStage)) {
    throw new ValidationError([
      issue(
        'unknown-stage',
        ['startStage'],
        `"${startStage}" is not a stage of model ${model.id}; a review may be entered at any of its stages: ${model.stages.map((s) => s.id).join(', ')}`,
      ),
    ]);
  }
  if (startedOn === undefined) {
    if (startStage === usualStart) return undefined;
    throw new ValidationError([
      issue(
        'start-date-required',
        ['startedOn'],
        `a review entered at "${stageById(model, startStage)?.name}" is already under way; give the day it entered that stage, so its time there is counted from the real date`,
        {
          fix: {
            kind: 'give',
            field: 'startedOn',
            example: '2026-03-02',
            purpose: 'enter a review already under way',
          },
        },
      ),
    ]);
  }
  const today = ukToday(now);
  if (startedOn > today) {
    throw new ValidationError([
      issue(
        'future-date',
        ['startedOn'],
        `${startedOn} is after today (${today}); a review entered after the fact started on a day that has passed`,
      ),
    ]);
  }
  return { since: startedOn, notTracked: stagesBetween(model, usualStart, startStage) };
}

export function listReviews(ws: Workspace): Promise<ReviewSummary[]> {
  return ws.listReviews();
}

/**
 * The review a request is about: the one named; otherwise the only review in
 * the workspace; otherwise a refusal saying which reviews there are.
 */
export async function resolveReviewId(ws: Workspace, requested?: string): Promise<string> {
  if (requested) return (await ws.load(requested)).review.id;
  const reviews = await ws.listReviews();
  if (reviews.length === 1) return (reviews[0] as ReviewSummary).id;
  if (reviews.length === 0) {
    throw new ValidationError([
      issue('review-required', ['review'], 'there are no reviews in this workspace', {
        fix: { kind: 'create-review' },
      }),
    ]);
  }
  const ids = reviews.map((r) => r.id);
  throw new ValidationError([
    issue(
      'review-required',
      ['review'],
      `this workspace holds ${reviews.length} reviews: ${ids.join(', ')}`,
      { fix: { kind: 'choose-review', reviews: ids } },
    ),
  ]);
}

/** What a review holds: settings, key dates, counts and where its log stands. */
export async function showReview(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  return summaryMemo(state, '', ws.modelOf(state));
}

const summaryMemo = memoOnState((state: ReviewState, _key: string, model: MethodologyModel) =>
  summariseReview(state, model),
);

export function updateReview(
  ws: Workspace,
  reviewId: string,
  changes: unknown,
): Promise<CommandResult> {
  const parsed = parseWithDays(ReviewChanges, changes, KEY_DATES);
  return ws.run(reviewId, () => [{ type: 'review.updated', payload: { changes: parsed } }]);
}

export function addResearchQuestion(
  ws: Workspace,
  reviewId: string,
  text: unknown,
  id?: string,
): Promise<CommandResult> {
  const parsed = parseOrThrow(LongText('the research question'), text, ['text']);
  return ws.run(reviewId, (_s, _m, allocate) => [
    { type: 'review.question-added', payload: { id: allocate('question', id), text: parsed } },
  ]);
}

/** Rewords a research question; it keeps its id. */
export function editResearchQuestion(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const questionId = recordId('question', id);
  const parsed = parseOrThrow(ResearchQuestionChanges, changes);
  return ws.run(reviewId, () => [
    { type: 'review.question-edited', payload: { id: questionId, changes: parsed } },
  ]);
}

/** Removes a research question, for a reason kept in the log; its id is never used again. */
export function removeResearchQuestion(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
): Promise<CommandResult> {
  const payload = { id: recordId('question', id), reason: removalReason(reason) };
  return ws.run(reviewId, () => [{ type: 'review.question-removed', payload }]);
}

/** The research questions by id. */
export async function listResearchQuestions(ws: Workspace, reviewId: string) {
  return byId((await ws.load(reviewId)).researchQuestions);
}

/** Writes the prose of one of the report's written sections. */
export function setReportText(
  ws: Workspace,
  reviewId: string,
  section: unknown,
  text: unknown,
): Promise<CommandResult> {
  const parsed = parseOrThrow(
    z.strictObject({ section: ModelId, text: LongText('the section text') }),
    { section, text },
  );
  return ws.run(reviewId, () => [{ type: 'review.text-set', payload: parsed }]);
}
