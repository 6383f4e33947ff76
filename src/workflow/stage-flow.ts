/** The shape of a model's stage flow: exits, and the stages a review may be reopened to. */
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
