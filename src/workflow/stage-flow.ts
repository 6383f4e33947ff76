/** The shape of a model's stage flow: exits, and the stages a review may be reopened to. */
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel, Stage, StageExit } from '../model/methodology-model.ts';
import { stageExits } from '../model/methodology-model.ts';

export function exitsOf(model: MethodologyModel, stageId: string): StageExit[] {
  const index = model.stages.findIndex((s) => s.id === stageId);
  return index < 0 ? [] : stageExits(model.stages, index);
}

export function stageById(model: MethodologyModel, stageId: string): Stage | undefined {
  return model.stages.find((s) => s.id === stageId);
}

/**
 * Stages that can come before `stageId` on some path through the flow: the
 * only places a review in `stageId` can be reopened to.
 */
export function stagesBefore(model: MethodologyModel, stageId: string): string[] {
  const before = new Set<string>();
  const queue = [stageId];
  while (queue.length > 0) {
    const target = queue.shift() as string;
    for (const stage of model.stages) {
      if (before.has(stage.id) || stage.id === stageId) continue;
      if (exitsOf(model, stage.id).some((e) => e.to === target)) {
        before.add(stage.id);
        queue.push(stage.id);
      }
    }
  }
  return model.stages.map((s) => s.id).filter((id) => before.has(id));
}

/** Stages a review can reach from `stageId` by moving on (not including it). */
function stagesAfter(model: MethodologyModel, stageId: string): Set<string> {
  const after = new Set<string>();
  const queue = [stageId];
  while (queue.length > 0) {
    const from = queue.shift() as string;
    for (const exit of exitsOf(model, from)) {
      if (after.has(exit.to) || exit.to === stageId) continue;
      after.add(exit.to);
      queue.push(exit.to);
    }
  }
  return after;
}

/**
 * The stages a review of a kind that starts at `from` went through before
 * reaching `to`: every stage on some path from one to the other. When `to`
 * cannot be reached from `from`, every stage that can come before `to`.
 * @example stagesBetween(learningTogether, 'notification', 'analysis') // ['notification', …, 'data-collection']
 */
export function stagesBetween(model: MethodologyModel, from: string, to: string): string[] {
  if (from === to) return [];
  const before = stagesBefore(model, to);
  const reachable = stagesAfter(model, from);
  if (!reachable.has(to)) return before;
  return before.filter((id) => id === from || reachable.has(id));
}

/**
 * Whether the review has been in `stageId`: tracked here, or before it was
 * entered after the fact. Only such a stage can be reopened to.
 */
export function hasBeenIn(state: Pick<ReviewState, 'stageHistory' | 'review'>, stageId: string) {
  return (
    state.stageHistory.some((h) => h.stage === stageId) ||
    (state.review.enteredAfterTheFact?.notTracked.includes(stageId) ?? false)
  );
}
