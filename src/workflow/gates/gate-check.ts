/**
 * What a gate check is: a named predicate over a review's state, declared in
 * the model by name. It answers with shortfalls — sentences a reviewer can act
 * on, with the ids concerned and what would put each right — and an empty
 * list when the gate is met.
 */
import { ValidationError } from '../../domain/errors.ts';
import type { Fix } from '../../domain/fix.ts';
import { issue } from '../../domain/issue.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import type { Gate, MethodologyModel, Variant } from '../../model/methodology-model.ts';

export interface GateContext {
  state: ReviewState;
  model: MethodologyModel;
  /** The review's variant, which decides how much some gates need. */
  variant: Variant;
  gate: Gate;
}

export interface Shortfall {
  /** What is missing, in the review's words; never a command (the front door words `fix`). */
  message: string;
  ids?: string[];
  fix?: Fix;
}

export type GateCheck = (context: GateContext) => Shortfall[];

/** "KPE-4", "KPE-4 and KPE-7", "KPE-1, KPE-4 and KPE-7". */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Where a gate's parameter sits in its model's file, for an issue about it. */
export function paramPath(model: MethodologyModel, gate: Gate, name: string): (string | number)[] {
  return ['models', `${model.id}.yaml`, 'gates', gate.id, 'params', name];
}

/**
 * A string parameter of the gate, or a refusal naming the model, the gate and
 * the parameter: the model cannot be used until its author puts it right.
 */
export function stringParam(model: MethodologyModel, gate: Gate, name: string): string {
  const value = gate.params[name];
  if (typeof value !== 'string') {
    throw new ValidationError([
      issue(
        'invalid-model',
        paramPath(model, gate, name),
        `gate "${gate.id}" of model ${model.id} needs the parameter ${name} (a text) for its check "${gate.check}"`,
      ),
    ]);
  }
  return value;
}
