/**
 * Builds the review's XState machine from a methodology model: one state per
 * stage, ADVANCE along the model's exits when the stage's gates are met (and
 * the outcome matches, where the stage is a decision), REOPEN back to any
 * stage that can precede it. Guards are named and parameterised, so the
 * machine stays inspectable; the gate logic lives in the gate registry.
 */
import { and, type SnapshotFrom, setup } from 'xstate';
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import type { GateRegistry } from './gates/gate-registry.ts';
import { exitsOf, hasBeenIn, stagesBefore } from './stage-flow.ts';

export type WorkflowEvent =
  | { type: 'ADVANCE'; outcome?: string; review: ReviewState }
  | { type: 'REOPEN'; to: string; reason: string; review: ReviewState };

interface WorkflowContext {
  modelId: string;
}

/** Changes whenever the machine would change: the model and the xstate it runs on. */
export function machineVersion(model: MethodologyModel): string {
  return `${model.id}@${model.version}/xstate-5`;
}

export function buildWorkflowMachine(model: MethodologyModel, gates: GateRegistry) {
  const states = Object.fromEntries(
    model.stages.map((stage) => {
      const advance = exitsOf(model, stage.id).map((exit) => ({
        target: exit.to,
        guard: exit.outcome
          ? and([
              { type: 'gatesMet' as const, params: { stage: stage.id } },
              { type: 'outcomeIs' as const, params: { outcome: exit.outcome } },
            ])
          : { type: 'gatesMet' as const, params: { stage: stage.id } },
      }));
      const reopen = stagesBefore(model, stage.id).map((earlier) => ({
        target: earlier,
        guard: { type: 'reopensTo' as const, params: { stage: earlier } },
      }));
      return [
        stage.id,
        {
          description: stage.name,
          tags: stage.final ? ['final'] : [],
          on: { ADVANCE: advance, REOPEN: reopen },
        },
      ];
    }),
  );

  return setup({
    types: {} as {
      context: WorkflowContext;
      events: WorkflowEvent;
      input: { startStage?: string };
    },
    guards: {
      gatesMet: ({ event }, params: { stage: string }) =>
        gates.unmet(event.review, model, params.stage).length === 0,
      outcomeIs: ({ event }, params: { outcome: string }) =>
        event.type === 'ADVANCE' && event.outcome === params.outcome,
      // Only to a stage the review has actually been through (here, or before it was entered under way).
      reopensTo: ({ event }, params: { stage: string }) =>
        event.type === 'REOPEN' &&
        event.to === params.stage &&
        hasBeenIn(event.review, params.stage),
    },
  }).createMachine({
    id: model.id,
    version: machineVersion(model),
    context: { modelId: model.id },
    initial: model.start.default,
    states,
  });
}

export type WorkflowMachine = ReturnType<typeof buildWorkflowMachine>;
export type WorkflowSnapshot = SnapshotFrom<WorkflowMachine>;
