/** Checks for findings, the factors behind them and their Issues for the Board. */
import { type Issue, issue } from '../../domain/issue.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { checkCategory, checkFindingSections } from './model-terms.ts';
import { exists, missing, requireAll, requireFresh, requireOne } from './references.ts';
import { checkRemoval } from './removal.ts';
import type { Validators } from './validator.ts';

/** The Issue for the Board `id` must exist, and belong to the finding named with it. */
function requireBoardIssueOf(state: ReviewState, findingId: string, id: string): Issue[] {
  const finding = state.findings[findingId];
  if (!finding) return [missing(state, findingId, ['findingId'])];
  if (finding.boardIssues.some((b) => b.id === id)) return [];
  if (!exists(state, id)) return [missing(state, id, ['id'])];
  return [
    issue('link-unknown', ['id'], `${id} is not an Issue for the Board of ${findingId}`, {
      ids: [id, findingId],
      fix: { kind: 'list', record: 'boardIssue' },
    }),
  ];
}

export const findingValidators: Validators<
  | 'finding.added'
  | 'finding.edited'
  | 'finding.removed'
  | 'finding.factor-linked'
  | 'finding.factor-unlinked'
  | 'finding.board-issue-added'
  | 'finding.board-issue-edited'
  | 'finding.board-issue-removed'
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
  'finding.removed': (p, { state }) => checkRemoval(state, p.id, []),
  'finding.factor-linked': (p, { state }) => [
    ...requireOne(state, p.findingId, ['findingId']),
    ...requireOne(state, p.factorId, ['factorId']),
  ],
  'finding.factor-unlinked': ({ findingId, factorId }, { state }) => {
    const finding = state.findings[findingId];
    if (!finding) return [missing(state, findingId, ['findingId'])];
    if (finding.factorIds.includes(factorId)) return [];
    return [
      issue('link-unknown', ['factorId'], `${factorId} is not linked to ${findingId}`, {
        ids: [findingId, factorId],
      }),
    ];
  },
  'finding.board-issue-added': (p, { state }) => [
    ...requireOne(state, p.findingId, ['findingId']),
    ...requireFresh(state, p.id, ['id']),
  ],
  'finding.board-issue-edited': (p, { state }) => requireBoardIssueOf(state, p.findingId, p.id),
  'finding.board-issue-removed': (p, { state }) => requireBoardIssueOf(state, p.findingId, p.id),
};
