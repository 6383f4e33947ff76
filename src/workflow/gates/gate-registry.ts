/**
 * The registry of gate checks by name. The model declares gates by check
 * name; later capabilities (language check, leak check) register their own
 * checks here without touching the machine builder.
 */
import { InternalError, ValidationError } from '../../domain/errors.ts';
import { type Issue, issue } from '../../domain/issue.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { variant as findVariant, stageGates } from '../../model/lookups.ts';
import type { MethodologyModel } from '../../model/methodology-model.ts';
import { conversationsHeld } from './checks/conversations-held.ts';
import { findingsHaveBoardIssues } from './checks/findings-have-board-issues.ts';
import { findingsSupported } from './checks/findings-supported.ts';
import { keyDateRecorded } from './checks/key-date-recorded.ts';
import { kpesAppraisedAndExplained } from './checks/kpes-appraised-and-explained.ts';
import { languageFlagsResolved } from './checks/language-flags-resolved.ts';
import { leakCheckPassed } from './checks/leak-check-passed.ts';
import { meetingsHeld } from './checks/meetings-held.ts';
import { noBlockingGaps } from './checks/no-blocking-gaps.ts';
import { participantsIdentified } from './checks/participants-identified.ts';
import { reportSectionsWritten } from './checks/report-sections-written.ts';
import { researchQuestionsAgreed } from './checks/research-questions-agreed.ts';
import type { GateCheck } from './gate-check.ts';

export class GateRegistry {
  private readonly checks = new Map<string, GateCheck>();

  register(name: string, check: GateCheck): this {
    if (this.checks.has(name))
      throw new InternalError(`a gate check named "${name}" is already registered`);
    this.checks.set(name, check);
    return this;
  }

  has(name: string): boolean {
    return this.checks.has(name);
  }

  names(): string[] {
    return [...this.checks.keys()].sort();
  }

  /** Gates of the model whose check nobody registered: a model that cannot run here. */
  unknownChecks(model: MethodologyModel): Issue[] {
    return model.gates
      .filter((g) => !this.has(g.check))
      .map((g) =>
        issue(
          'unknown-gate-check',
          ['models', `${model.id}.yaml`, 'gates', g.id, 'check'],
          `gate "${g.id}" of model ${model.id} uses the check "${g.check}", which is not one of the checks built in (checks: ${this.names().join(', ')})`,
        ),
      );
  }

  /**
   * The unmet gates of a stage: one issue per shortfall, with the gate's
   * description leading, the ids concerned and the fix. Empty when the stage
   * may be left. A model this registry cannot run, or a review whose variant
   * its model no longer has, is refused with what is wrong in the model.
   */
  unmet(state: ReviewState, model: MethodologyModel, stageId: string): Issue[] {
    const unknown = this.unknownChecks(model);
    if (unknown.length > 0) throw new ValidationError(unknown);
    const variant = findVariant(model, state.review.variant);
    if (!variant) {
      throw new ValidationError([
        issue(
          'unknown-variant',
          ['models', `${model.id}.yaml`, 'variants'],
          `review ${state.review.id} is a ${state.review.variant} review, a variant model ${model.id} does not have (variants: ${model.variants.map((v) => v.id).join(', ')})`,
        ),
      ]);
    }
    return (stageGates(model, stageId) ?? []).flatMap((gate) => {
      const check = this.checks.get(gate.check);
      if (!check) throw new InternalError(`no gate check named "${gate.check}" is registered`);
      return check({ state, model, variant, gate }).map((s) =>
        issue(
          'gate-unmet',
          ['gates', gate.id],
          `${gate.description.replace(/\.$/, '')} — ${s.message}`,
          {
            ...(s.ids ? { ids: s.ids } : {}),
            ...(s.fix ? { fix: s.fix } : {}),
          },
        ),
      );
    });
  }
}

/** A registry holding the built-in checks. */
export function builtInGates(): GateRegistry {
  return new GateRegistry()
    .register('key-date-recorded', keyDateRecorded)
    .register('participants-identified', participantsIdentified)
    .register('research-questions-agreed', researchQuestionsAgreed)
    .register('conversations-held', conversationsHeld)
    .register('meetings-held', meetingsHeld)
    .register('kpes-appraised-and-explained', kpesAppraisedAndExplained)
    .register('findings-supported', findingsSupported)
    .register('findings-have-board-issues', findingsHaveBoardIssues)
    .register('no-blocking-gaps', noBlockingGaps)
    .register('report-sections-written', reportSectionsWritten)
    .register('leak-check-passed', leakCheckPassed)
    .register('language-flags-resolved', languageFlagsResolved);
}
