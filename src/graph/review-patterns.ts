/**
 * Everything `tunnelview patterns --review R` reports, in one deterministic
 * value: ranked factors and heads (or cross-walk groups), candidate findings
 * and double-edged factors.
 */
import type { MethodologyModel } from '../model/methodology-model.ts';
import { type CandidateFinding, suggestFindings } from './cluster-kpes.ts';
import { findCrosswalk, rankByCrosswalk } from './crosswalk-heads.ts';
import { type DoubleEdgedFactor, findDoubleEdgedFactors } from './double-edged-factors.ts';
import type { ReviewGraph } from './graph-types.ts';
import { type RankedFactor, type RankedHead, rankFactors, rankHeads } from './rank-factors.ts';

export interface ReviewPatterns {
  reviewId: string;
  /** The vocabulary the heads are grouped by: the model's own framework or a cross-walk. */
  by: { id: string; name: string; confirmed: boolean };
  factors: RankedFactor[];
  heads: RankedHead[];
  candidates: CandidateFinding[];
  doubleEdged: DoubleEdgedFactor[];
}

/**
 * The review's patterns. `by` names a cross-walk vocabulary (`seips`,
 * `london-protocol`); without it, heads are the model's own. Returns
 * undefined for a vocabulary the model has no cross-walk to.
 */
export function analysePatterns(
  graph: ReviewGraph,
  model: MethodologyModel,
  options: { by?: string; seed?: number } = {},
): ReviewPatterns | undefined {
  let by: ReviewPatterns['by'] = {
    id: 'heads',
    name: model.factorFramework.name,
    confirmed: true,
  };
  let heads: RankedHead[];
  if (options.by && options.by !== 'heads') {
    const crosswalk = findCrosswalk(model, options.by);
    if (!crosswalk) return undefined;
    by = { id: crosswalk.id, name: crosswalk.name, confirmed: crosswalk.confirmed };
    heads = rankByCrosswalk(graph, crosswalk);
  } else {
    heads = rankHeads(graph, model);
  }
  return {
    reviewId: graph.getAttribute('reviewId'),
    by,
    factors: rankFactors(graph),
    heads,
    candidates: suggestFindings(graph, options.seed),
    doubleEdged: findDoubleEdgedFactors(graph),
  };
}
