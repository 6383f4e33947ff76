/**
 * What a gate check is: a named predicate over a review's state, declared in
 * the model by name. It answers with shortfalls — sentences a reviewer can act
 * on, with the ids concerned — and an empty list when the gate is met.
 */
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
  message: string;
  ids?: string[];
}

export type GateCheck = (context: GateContext) => Shortfall[];

/** "KPE-4", "KPE-4 and KPE-7", "KPE-1, KPE-4 and KPE-7". */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A string parameter of the gate, or a clear failure naming the gate and the parameter. */
export function stringParam(gate: Gate, name: string): string {
  const value = gate.params[name];
  if (typeof value !== 'string') {
    throw new Error(
      `gate "${gate.id}" needs the parameter ${name} (a text) for its check "${gate.check}"`,
    );
  }
  return value;
}
