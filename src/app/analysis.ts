/**
 * Use-cases over a review's analysis as a graph: the gaps in it, the patterns
 * that recur (in one review, or across the workspace), how a finding is known,
 * and the map of KPEs, factors and findings.
 */

import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { nearest } from '../domain/nearest.ts';
import { compareIds, normaliseStableId } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import {
  analysePatterns,
  analyseWorkspace,
  findGaps,
  type GapSeverity,
  projectReview,
  reviewsWithCategory,
  traceFinding,
  vocabularies,
  type WorkspaceReview,
} from '../graph/index.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { memoOnState } from './state-memo.ts';
import type { Workspace } from './workspace.ts';

/** The seed of the clustering behind candidate findings, so a run can be repeated. */
export { CLUSTER_SEED } from '../graph/index.ts';

/** The gaps in the analysis, errors first, with counts by severity. */
export async function analysisGaps(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  const gaps = findGaps(projectReview(state, ws.modelOf(state)));
  const counts: Record<GapSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const g of gaps) counts[g.severity] += 1;
  return { review: state.review.id, counts, gaps };
}

function unknownVocabulary(by: string, known: string[]): ValidationError {
  const guess = nearest(by, known);
  return new ValidationError([
    issue(
      'unknown-vocabulary',
      ['by'],
      `"${by}" is not a vocabulary the model can regroup by${guess ? ` (did you mean "${guess}"?)` : ''}; use heads or one of: ${known.join(', ')}`,
    ),
  ]);
}

/** What recurs in one review: factors and heads by reach, candidate findings, double-edged factors. */
export async function reviewPatterns(
  ws: Workspace,
  reviewId: string,
  options: { by?: string } = {},
) {
  const state = await ws.load(reviewId);
  const model = ws.modelOf(state);
  const patterns = analysePatterns(
    projectReview(state, model),
    model,
    options.by ? { by: options.by } : {},
  );
  if (!patterns) throw unknownVocabulary(options.by ?? '', vocabularies(model));
  return patterns;
}

/** What recurs across every review in the workspace; with `category`, the reviews where it appears. */
export async function workspacePatterns(
  ws: Workspace,
  options: { by?: string; category?: string } = {},
) {
  const reviews: WorkspaceReview[] = [];
  for (const summary of await ws.listReviews()) {
    const state = await ws.load(summary.id);
    reviews.push({ state, model: ws.modelOf(state) });
  }
  if (options.by && options.by !== 'heads') {
    const known = [...new Set(reviews.flatMap((r) => vocabularies(r.model)))].sort();
    if (!known.includes(options.by)) throw unknownVocabulary(options.by, known);
  }
  const patterns = analyseWorkspace(reviews, options.by ? { by: options.by } : {});
  return {
    patterns,
    matches: options.category ? reviewsWithCategory(patterns, options.category) : undefined,
  };
}

/** How we know: every path from a finding through its factors and KPEs to the evidence behind it. */
export async function traceOf(ws: Workspace, reviewId: string, findingId: string) {
  const state = await ws.load(reviewId);
  const id = normaliseStableId(findingId) ?? findingId;
  const trace = traceFinding(projectReview(state, ws.modelOf(state)), id);
  if (trace) return { review: state.review.id, ...trace };
  const known = Object.keys(state.findings).sort(compareIds);
  throw new ValidationError([
    issue(
      'reference-unknown',
      ['finding'],
      `${findingId} is not a finding of review ${state.review.id}; ${known.length > 0 ? `its findings are ${known.join(', ')}` : 'it has no findings yet'}`,
      { fix: { kind: 'list', record: 'finding' } },
    ),
  ]);
}

export interface AnalysisMapOptions {
  /** One finding's factors and KPEs instead of the whole review. */
  findingId?: string;
  /** Every node a link to this address (the web's record pages). */
  nodeHref?: (kind: 'kpe' | 'factor' | 'finding', id: string) => string;
  /** Carry the typeface inside the SVG (default), or leave it to the page's stylesheet. */
  embedFont?: boolean;
}

/** The map of the analysis as SVG text: the whole review, or one finding's factors and KPEs. */
/** The map's graph and ELK layout, worked out once for each state of the review. */
const mapLayout = memoOnState(
  async (state: ReviewState, findingId: string, model: MethodologyModel) => {
    const { buildMapGraph, layoutMap } = await import('../graph/map.ts');
    const graph = buildMapGraph(state, model, findingId ? { findingId } : {});
    return { graph, layout: await layoutMap(graph) };
  },
);

export async function analysisMap(
  ws: Workspace,
  reviewId: string,
  options: AnalysisMapOptions = {},
) {
  const state = await ws.load(reviewId);
  const findingId =
    options.findingId === undefined
      ? undefined
      : (normaliseStableId(options.findingId) ?? options.findingId);
  // ELK (a large GWT bundle) loads only for the map.
  const { renderMapSvg } = await import('../graph/map.ts');
  const { graph, layout } = await mapLayout(state, findingId ?? '', ws.modelOf(state));
  const svg = renderMapSvg(layout, {
    embedFont: options.embedFont ?? true,
    ...(options.nodeHref ? { nodeHref: options.nodeHref } : {}),
  });
  return {
    review: state.review.id,
    finding: findingId ?? null,
    svg,
    graph,
    counts: {
      kpes: graph.kpes.length,
      factors: graph.factors.length,
      heads: graph.heads.length,
      findings: graph.findings.length,
    },
  };
}
