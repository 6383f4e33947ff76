// Model-based tests of the workflow generated from each methodology model: xstate/graph walks
// the machine to every stage, and each step is carried out on a real review through the review
// ws — each gate refusing the move until the data that meets it is added, then letting it through.
import { describe, expect, it } from 'vitest';
import { createTestModel } from 'xstate/graph';
import { createReview } from '../../src/app/reviews.ts';
import { advance } from '../../src/app/workflow.ts';
import { WorkflowError } from '../../src/domain/errors.ts';
import type { ReviewState } from '../../src/domain/review-state.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { stageGates } from '../../src/model/lookups.ts';
import type { MethodologyModel, Variant } from '../../src/model/methodology-model.ts';
import type { WorkflowEvent } from '../../src/workflow/build-machine.ts';
import { exitsOf } from '../../src/workflow/stage-flow.ts';
import { defaultWorkflow } from '../../src/workflow/workflow.ts';
import { SATISFIERS, waived } from '../helpers/gate-satisfiers.ts';
import { openTestWorkspace } from '../helpers/workspace.ts';

/** The machine with gates assumed met, so the traversal explores the stage flow itself. */
function flowModel(model: MethodologyModel) {
  const machine = defaultWorkflow.machineFor(model).provide({ guards: { gatesMet: () => true } });
  const noReview = {} as ReviewState;
  return createTestModel(machine, {
    events: (snapshot) =>
      exitsOf(model, String(snapshot.value)).map(
        (exit): WorkflowEvent => ({
          type: 'ADVANCE',
          review: noReview,
          ...(exit.outcome ? { outcome: exit.outcome } : {}),
        }),
      ),
    // Context never grows here, but keep state identity to the stage alone.
    serializeState: (snapshot) => JSON.stringify(snapshot.value),
    serializeEvent: (event) =>
      JSON.stringify({ type: event.type, outcome: (event as { outcome?: string }).outcome }),
  });
}

/** Carries one ADVANCE out on the real review: every gate blocks until met, then the move goes through. */
async function advanceThroughGates(
  ws: ReturnType<typeof openTestWorkspace>['ws'],
  reviewId: string,
  model: MethodologyModel,
  variant: Variant,
  outcome: string | undefined,
): Promise<void> {
  const state = await ws.load(reviewId);
  const gates = stageGates(model, state.stage) ?? [];
  const before = state.seq;
  for (const gate of gates) {
    if (waived(gate, variant)) continue;
    const refusal = await advance(ws, reviewId, outcome ? { outcome } : {}).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal, `${state.stage}: gate ${gate.id} should block`).toBeInstanceOf(WorkflowError);
    const gates = (refusal as WorkflowError).issues.map((i) => i.path[1]);
    expect(gates, `${state.stage}: ${gate.id} listed as unmet`).toContain(gate.id);
    const satisfy = SATISFIERS[gate.check];
    if (!satisfy) throw new Error(`no test satisfier for the gate check ${gate.check}`);
    await satisfy(ws, reviewId, gate, variant, model);
  }
  // A refused move wrote nothing; the successful one writes exactly one event.
  const ready = await ws.load(reviewId);
  expect(ready.seq).toBeGreaterThanOrEqual(before);
  const result = await advance(ws, reviewId, outcome ? { outcome } : {});
  expect(result.events.map((e) => e.type)).toEqual(['workflow.advanced']);
}

for (const modelId of ['learning-together', 'seips']) {
  const model = loadModel(modelId);

  describe(`the ${modelId} workflow`, () => {
    it('reaches every stage from the start, and only final stages are dead ends', () => {
      // Paths that are prefixes of longer ones are folded in, so count every step's stage.
      const paths = flowModel(model).getShortestPaths();
      const reached = new Set(
        paths.flatMap((p) => [String(p.state.value), ...p.steps.map((s) => String(s.state.value))]),
      );
      expect([...reached].sort()).toEqual(model.stages.map((s) => s.id).sort());
      for (const stage of model.stages) {
        expect(exitsOf(model, stage.id).length === 0, stage.id).toBe(stage.final);
      }
    });

    for (const variant of model.variants) {
      it(`walks a ${variant.name} review to every stage, each gate blocking until it is met`, async () => {
        const { ws } = openTestWorkspace();
        const paths = flowModel(model).getShortestPaths();
        for (const path of paths) {
          const { state } = await createReview(ws, {
            title: `Walk to ${String(path.state.value)}`,
            kind: 'lcspr',
            modelId: model.id,
            variant: variant.id,
          });
          const reviewId = state.review.id;
          await path.test({
            events: {
              ADVANCE: async (step) => {
                const outcome = (step.event as { outcome?: string }).outcome;
                await advanceThroughGates(ws, reviewId, model, variant, outcome);
              },
            },
          });
          const walked = await ws.load(reviewId);
          expect(walked.stage, path.description).toBe(String(path.state.value));
          expect(walked.stageHistory.map((h) => h.stage)).toEqual(
            path.steps.map((s) => String(s.state.value)),
          );
        }
      });
    }
  });
}
