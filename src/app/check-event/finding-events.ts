/** Checks for findings, the factors behind them and their Issues for the Board. */
import { checkCategory, checkFindingSections } from './model-terms.ts';
import { requireAll, requireFresh, requireOne } from './references.ts';
import type { Validators } from './validator.ts';

export const findingValidators: Validators<
  'finding.added' | 'finding.edited' | 'finding.factor-linked' | 'finding.board-issue-added'
> = {
  'finding.added': (p, { state, model }) => [
    ...requireFresh(state, p.id, ['id']),
    ...checkCategory(state, model, p.category, ['category']),
    ...checkFindingSections(model, p.sections, ['sections']),
    ...requireAll(state, p.factorIds, ['factorIds']),
    ...p.boardIssues.flatMap((b, i) => requireFresh(state, b.id, ['boardIssues', i, 'id'])),
  ],
  'finding.edited': (p, { state, model }) => [
    ...requireOne(state, p.id, ['id']),
    ...(p.changes.category ? checkCategory(state, model, p.changes.category, ['category']) : []),
    ...checkFindingSections(model, p.changes.sections, ['sections']),
  ],
  'finding.factor-linked': (p, { state }) => [
    ...requireOne(state, p.findingId, ['findingId']),
    ...requireOne(state, p.factorId, ['factorId']),
  ],
  'finding.board-issue-added': (p, { state }) => [
    ...requireOne(state, p.findingId, ['findingId']),
    ...requireFresh(state, p.id, ['id']),
  ],
};
