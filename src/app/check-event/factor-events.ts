/** Checks for contributory factors and their links to KPEs. */
import { issue } from '../../domain/issue.ts';
import { linkKey } from '../../domain/review-state.ts';
import { checkHead } from './model-terms.ts';
import { requireAll, requireFresh, requireOne } from './references.ts';
import { checkRemoval } from './removal.ts';
import type { Validators } from './validator.ts';

export const factorValidators: Validators<
  'factor.added' | 'factor.edited' | 'factor.removed' | 'factor.linked' | 'factor.unlinked'
> = {
  'factor.added': (p, { state, model }) => [
    ...requireFresh(state, p.id, ['id']),
    ...checkHead(model, p.head, ['head']),
  ],
  'factor.edited': (p, { state, model }) => [
    ...requireOne(state, p.id, ['id']),
    ...(p.changes.head ? checkHead(model, p.changes.head, ['head']) : []),
  ],
  'factor.removed': (p, { state }) => checkRemoval(state, p.id, p.detached),
  'factor.linked': (p, { state }) => [
    ...requireOne(state, p.kpeId, ['kpeId']),
    ...requireOne(state, p.factorId, ['factorId']),
    ...requireAll(state, p.evidence, ['evidence']),
  ],
  'factor.unlinked': ({ kpeId, factorId }, { state }) =>
    state.links[linkKey(kpeId, factorId)]
      ? []
      : [
          issue('link-unknown', ['factorId'], `${factorId} is not linked to ${kpeId}`, [
            kpeId,
            factorId,
          ]),
        ],
};
