/** Use-cases for moving a review through its stages, and where it stands. */
import { z } from 'zod';
import { IsoDate, LongText, ModelId } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { reviewStatus } from '../workflow/review-status.ts';
import type { Workflow } from '../workflow/workflow.ts';
import { parseWithDays } from './references/read-day.ts';
import { memoOnState } from './state-memo.ts';
import { ukToday } from './uk-today.ts';
import type { CommandResult, Workspace } from './workspace.ts';

/** A review's status, worked out once for each state and day (a dashboard is read far more than changed). */
const statusMemo = memoOnState(
  (state: ReviewState, today: string, model: MethodologyModel, workflow: Workflow) =>
    reviewStatus(state, model, workflow, today),
);

/** The review's stage, what blocks the next one, its statutory clocks and next meeting. */
export async function statusOf(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  const model = ws.modelOf(state);
  return { model, status: statusMemo(state, ukToday(ws.clock()), model, await ws.workflow()) };
}

/** Moves the review to its next stage; refused with every unmet gate listed. */
export async function advance(
  ws: Workspace,
  reviewId: string,
  options: { outcome?: unknown; date?: unknown } = {},
): Promise<CommandResult> {
  const parsed = parseWithDays(
    z.strictObject({ outcome: ModelId.optional(), date: IsoDate.optional() }),
    options,
    [['date']],
  );
  const workflow = await ws.workflow();
  return ws.run(reviewId, (state, model) => [
    workflow.decideAdvance(state, model, parsed.outcome, parsed.date),
  ]);
}

/** Takes the review back to a stage it has been through, for a recorded reason. */
export async function reopen(
  ws: Workspace,
  reviewId: string,
  options: { to: unknown; reason: unknown; date?: unknown },
): Promise<CommandResult> {
  const parsed = parseWithDays(
    z.strictObject({
      to: ModelId,
      reason: LongText('the reason for reopening'),
      date: IsoDate.optional(),
    }),
    options,
    [['date']],
  );
  const workflow = await ws.workflow();
  return ws.run(reviewId, (state, model) => [
    workflow.decideReopen(state, model, parsed.to, parsed.reason, parsed.date),
  ]);
}
