/** Use-cases for reviews themselves: create, list, show, change settings, research questions, report text. */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { byId } from '../domain/display-order.ts';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { LongText, ModelId } from '../domain/primitives.ts';
import { ResearchQuestionChanges, ReviewChanges, ReviewId, ReviewInput } from '../domain/review.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import type { ReviewSummary } from '../store/event-store.ts';
import { recordId, removalReason } from './record-changes.ts';
import { summariseReview } from './summarise-review.ts';
import type { CommandResult, Workspace } from './workspace.ts';

/** A review id for a new review: "R-" and six characters that do not look alike. */
function newReviewId(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
  let id = 'R-';
  for (let i = 0; i < 6; i++) id += alphabet[randomInt(alphabet.length)];
  return id;
}

/** Creates a review; model, variant and typology default from the model. */
export async function createReview(
  ws: Workspace,
  input: unknown,
  requestedId?: string,
): Promise<CommandResult> {
  const parsed = parseOrThrow(ReviewInput, input);
  const id =
    requestedId === undefined ? newReviewId() : parseOrThrow(ReviewId, requestedId, ['id']);
  const model = ws.model(parsed.modelId);
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
      startStage: model.start.byKind[parsed.kind] ?? model.start.default,
      createdAt: ws.clock().toISOString(),
    },
  });
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
  return summariseReview(state, ws.modelOf(state));
}

export function updateReview(
  ws: Workspace,
  reviewId: string,
  changes: unknown,
): Promise<CommandResult> {
  const parsed = parseOrThrow(ReviewChanges, changes);
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
