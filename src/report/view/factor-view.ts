/** A contributory factor as the report shows it: its text, head and level, and the KPEs it helps explain. */
import type { KpeFactorLink } from '../../domain/factor.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { findFactorHead } from '../../model/lookups.ts';
import type { MethodologyModel } from '../../model/methodology-model.ts';
import type { FactorView } from './report-view.ts';

/** A function from a factor id to its view; `links` are the review's KPE–factor links. */
export function factorViews(
  state: ReviewState,
  model: MethodologyModel,
  links: readonly KpeFactorLink[],
): (id: string) => FactorView {
  return (id) => {
    const factor = state.factors[id];
    const head = factor ? findFactorHead(model, factor.head) : undefined;
    return {
      id,
      text: factor?.text ?? '',
      head: head?.name ?? factor?.head ?? '',
      level: head?.levelName ?? '',
      kpeIds: links
        .filter((l) => l.factorId === id)
        .map((l) => l.kpeId)
        .join(', '),
    };
  };
}
