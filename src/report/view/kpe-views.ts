/** The key practice episodes as the report shows them, in display order. */
import { orderedKpes } from '../../domain/display-order.ts';
import type { AppraisalRating } from '../../domain/kpe.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import type { MethodologyModel } from '../../model/methodology-model.ts';
import { factorViews } from './factor-view.ts';
import type { KpeView } from './report-view.ts';
import { agencyName, longDate, slug } from './view-text.ts';

export const RATING_LABELS: Record<AppraisalRating, string> = {
  good: 'Good practice',
  mixed: 'Mixed',
  problematic: 'Problematic',
  unclear: 'Unclear',
};

export function buildKpeViews(state: ReviewState, model: MethodologyModel): KpeView[] {
  const links = Object.values(state.links);
  const factorView = factorViews(state, model, links);
  return orderedKpes(state.kpes).map((k) => ({
    id: k.id,
    anchor: slug(k.id),
    title: k.title,
    period:
      k.period.to && k.period.to !== k.period.from
        ? `${longDate(k.period.from)} to ${longDate(k.period.to)}`
        : longDate(k.period.from),
    agencies: k.agencyIds.map((id) => agencyName(state, id)).join('; '),
    whatHappened: k.whatHappened,
    rating: k.appraisal ? RATING_LABELS[k.appraisal.rating] : null,
    ratingClass: k.appraisal ? `rating-${k.appraisal.rating}` : 'rating-none',
    isGood: k.appraisal?.rating === 'good',
    appraisal: k.appraisal?.text ?? null,
    standard: k.appraisal?.standard ?? null,
    explanation: k.explanation?.localRationality ?? null,
    factors: links
      .filter((l) => l.kpeId === k.id)
      .map((l) => factorView(l.factorId))
      .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })),
    chronologyRefs: k.chronologyRefs.join(', '),
  }));
}
