/** Checks for the events that set up a review: its settings, research questions and report text. */
import { issue } from '../../domain/issue.ts';
import { walkOutline } from '../../model/lookups.ts';
import { checkReviewSettings, oneOf } from './model-terms.ts';
import { requireFresh, requireOne } from './references.ts';
import { checkRemoval } from './removal.ts';
import type { Validators } from './validator.ts';

export const reviewValidators: Validators<
  | 'review.updated'
  | 'review.question-added'
  | 'review.question-edited'
  | 'review.question-removed'
  | 'review.text-set'
> = {
  'review.updated': (p, { model }) => checkReviewSettings(model, p.changes),
  'review.question-added': (p, { state }) => requireFresh(state, p.id, ['id']),
  'review.question-edited': (p, { state }) => requireOne(state, p.id, ['id']),
  'review.question-removed': (p, { state }) => checkRemoval(state, p.id, []),
  'review.text-set': (p, { model }) => {
    const sections = walkOutline(model)
      .map((entry) => entry.section)
      .filter((s) => s.content === 'text');
    if (sections.some((s) => s.id === p.section)) return [];
    return [
      issue(
        'unknown-report-section',
        ['section'],
        `"${p.section}" is not a written section of model ${model.id}'s report; use one of ${oneOf(sections.map((s) => s.id))}`,
      ),
    ];
  },
};
