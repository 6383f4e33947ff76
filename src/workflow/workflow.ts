/**
 * The workflow engine: the machine built from a review's model decides each
 * stage move. The log records the moves (`workflow.advanced`,
 * `workflow.reopened`); the machine's state is restored from the folded
 * stage, so a restart changes nothing.
 */
import { transition } from 'xstate';
import { InternalError, ValidationError, WorkflowError } from '../domain/errors.ts';
import type { EventDraft } from '../domain/events.ts';
import { type Issue, issue } from '../domain/issue.ts';
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import {
  buildWorkflowMachine,
  machineVersion,
  type WorkflowMachine,
  type WorkflowSnapshot,
} from './build-machine.ts';
import { builtInGates, type GateRegistry } from './gates/gate-registry.ts';
import { exitsOf, hasBeenIn, stageById, stagesBefore } from './stage-flow.ts';

/** The stages a review may be reopened to: earlier ones it has been through. */
function reopenableStages(state: ReviewState, model: MethodologyModel): string[] {
  return stagesBefore(model, state.stage).filter((id) => hasBeenIn(state, id));
}

/** An outcome of a decision, to show as an example. */
function firstOutcome(exits: readonly { outcome?: string | undefined }[]): string | undefined {
  return exits.find((e) => e.outcome)?.outcome;
}

export class Workflow {
  private readonly machines = new Map<string, WorkflowMachine>();

  constructor(readonly gates: GateRegistry = builtInGates()) {}

  /** The machine for a model, built once; a model naming an unknown gate check is refused. */
  machineFor(model: MethodologyModel): WorkflowMachine {
    const key = machineVersion(model);
    const cached = this.machines.get(key);
    if (cached) return cached;
    const unknown = this.gates.unknownChecks(model);
    if (unknown.length > 0) throw new ValidationError(unknown);
    const machine = buildWorkflowMachine(model, this.gates);
    this.machines.set(key, machine);
    return machine;
  }

  /** The machine's snapshot for the review's current stage, restored from the folded log. */
  snapshotOf(state: ReviewState, model: MethodologyModel): WorkflowSnapshot {
    return this.machineFor(model).resolveState({
      value: state.stage,
      context: { modelId: model.id },
    });
  }

  /** Unmet gates of the review's current stage. */
  unmetGates(state: ReviewState, model: MethodologyModel): Issue[] {
    return this.gates.unmet(state, model, state.stage);
  }

  /**
   * The event that moves the review on, or a WorkflowError listing every
   * unmet gate (and a missing or unknown outcome at a decision).
   */
  decideAdvance(
    state: ReviewState,
    model: MethodologyModel,
    outcome?: string,
    date?: string,
  ): EventDraft {
    const stage = stageById(model, state.stage);
    if (!stage)
      throw new InternalError(`review ${state.review.id} is in the unknown stage ${state.stage}`);
    const exits = exitsOf(model, stage.id);
    if (exits.length === 0) {
      const stages = reopenableStages(state, model);
      throw new WorkflowError([
        issue(
          'stage-final',
          ['stage'],
          `the review is at "${stage.name}", a final stage; to work on it again, reopen it at a stage it has been through, giving the reason`,
          { fix: { kind: 'reopen', stages } },
        ),
      ]);
    }
    const issues: Issue[] = [...this.gates.unmet(state, model, stage.id)];
    const choices = exits
      .filter((e) => e.outcome)
      .map((e) => `${e.outcome} (${e.name ?? stageById(model, e.to)?.name ?? e.to})`)
      .join(', ');
    if (exits.length > 1 && outcome === undefined) {
      issues.push(
        issue(
          'outcome-required',
          ['outcome'],
          `"${stage.name}" is a decision; say which way it went: ${choices}`,
          { fix: { kind: 'give', field: 'outcome', example: firstOutcome(exits) } },
        ),
      );
    } else if (outcome !== undefined && !exits.some((e) => e.outcome === outcome)) {
      issues.push(
        choices
          ? issue(
              'unknown-outcome',
              ['outcome'],
              `"${outcome}" is not an outcome of "${stage.name}"; use one of ${choices}`,
            )
          : issue(
              'unknown-outcome',
              ['outcome'],
              `"${stage.name}" is not a decision, so no outcome is chosen there`,
              { fix: { kind: 'omit', field: 'outcome' } },
            ),
      );
    }
    if (issues.length > 0) throw new WorkflowError(issues);

    const [next] = transition(this.machineFor(model), this.snapshotOf(state, model), {
      type: 'ADVANCE',
      review: state,
      ...(outcome !== undefined ? { outcome } : {}),
    });
    const to = String(next.value);
    if (to === stage.id) {
      throw new InternalError(
        `the workflow refused to leave ${stage.id} although its gates are met`,
      );
    }
    return {
      type: 'workflow.advanced',
      payload: {
        from: stage.id,
        to,
        ...(outcome !== undefined ? { outcome } : {}),
        ...(date !== undefined ? { date } : {}),
      },
    };
  }

  /** The event that takes the review back to `to`, or an error saying where it may go. */
  decideReopen(
    state: ReviewState,
    model: MethodologyModel,
    to: string,
    reason: string,
    date?: string,
  ): EventDraft {
    const target = stageById(model, to);
    if (!target) {
      throw new ValidationError([
        issue(
          'unknown-stage',
          ['to'],
          `"${to}" is not a stage of model ${model.id}; stages: ${model.stages.map((s) => s.id).join(', ')}`,
        ),
      ]);
    }
    const allowed = reopenableStages(state, model);
    const [next] = transition(this.machineFor(model), this.snapshotOf(state, model), {
      type: 'REOPEN',
      to,
      reason,
      review: state,
    });
    if (String(next.value) !== to) {
      throw new WorkflowError([
        issue(
          'reopen-not-allowed',
          ['to'],
          allowed.length > 0
            ? `a review at "${stageById(model, state.stage)?.name}" can be reopened only to a stage it has been through before: ${allowed.join(', ')}`
            : `a review at "${stageById(model, state.stage)?.name}" has no earlier stage to reopen to`,
        ),
      ]);
    }
    return {
      type: 'workflow.reopened',
      payload: { from: state.stage, to, reason, ...(date !== undefined ? { date } : {}) },
    };
  }

  /** Checks a recorded stage move (e.g. in an imported bundle) as if it were decided now. */
  checkMove(
    state: ReviewState,
    model: MethodologyModel,
    draft: Extract<EventDraft, { type: 'workflow.advanced' | 'workflow.reopened' }>,
  ): Issue[] {
    if (draft.payload.from !== state.stage) {
      return [
        issue(
          'stage-mismatch',
          ['from'],
          `the move starts from "${draft.payload.from}", but the review is at "${state.stage}"`,
        ),
      ];
    }
    try {
      const decided =
        draft.type === 'workflow.advanced'
          ? this.decideAdvance(state, model, draft.payload.outcome, draft.payload.date)
          : this.decideReopen(
              state,
              model,
              draft.payload.to,
              draft.payload.reason,
              draft.payload.date,
            );
      if (
        decided.type === draft.type &&
        (decided.payload as { to: string }).to === draft.payload.to
      ) {
        return [];
      }
      return [
        issue(
          'stage-move-invalid',
          ['to'],
          `the workflow would not move the review to "${draft.payload.to}"`,
        ),
      ];
    } catch (error) {
      if (error instanceof WorkflowError || error instanceof ValidationError) return error.issues;
      throw error;
    }
  }
}

/** The engine with the built-in gate checks, shared where no other is given. */
export const defaultWorkflow = new Workflow();
