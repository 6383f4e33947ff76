/** Checks for the events that set up a review: its settings, research questions and report text. */
import { issue } from '../../domain/issue.ts';
import { walkOutline } from '../../model/lookups.ts';
import { checkReviewSettings, oneOf } from './model-terms.ts';
import { requireFresh } from './references.ts';
import type { Validators } from './validator.ts';

export const reviewValidators: Validators<
  'review.updated' | 'review.question-added' | 'review.text-set'
> = {
  'review.updated': (p, { model }) => checkReviewSettings(model, p.changes),
  'review.question-added': (p, { state }) => requireFresh(state, p.id, ['id']),
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
