/**
 * The projection of a review's state onto its graph: a pure function, the
 * reference that the incremental update (`apply-event-to-graph.ts`) must match.
 */
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { createReviewGraph, type ReviewGraph } from './graph-types.ts';
import {
  agencyNode,
  chronologyNode,
  excerptNode,
  factorNode,
  graphAttributes,
} from './node-attributes.ts';
import {
  evidenceIndex,
  syncContribution,
  syncEvidence,
  syncFinding,
  syncKpe,
  syncLink,
} from './sync-nodes.ts';

/**
 * The review as a graph: agencies, chronology entries, excerpts, KPEs,
 * factors, findings, Board issues and the case group's accepted contributions
 * as nodes keyed by their stable ids, joined by typed edges (see `GraphEdge`).
 *
 * @example
 * const graph = projectReview(await service.load('R-1'), model);
 * graph.getNodeAttributes('KPE-3'); // { kind: 'kpe', label: '…', rating: 'good', … }
 */
export function projectReview(state: ReviewState, model: MethodologyModel): ReviewGraph {
  const graph = createReviewGraph(graphAttributes(state));
  for (const agency of Object.values(state.agencies)) graph.addNode(agency.id, agencyNode(agency));
  for (const entry of Object.values(state.chronology)) {
    graph.addNode(entry.id, chronologyNode(entry));
  }
  for (const excerpt of Object.values(state.excerpts)) {
    graph.addNode(excerpt.id, excerptNode(excerpt, state));
  }
  for (const id of Object.keys(state.kpes)) syncKpe(graph, state, id);
  for (const factor of Object.values(state.factors)) {
    graph.addNode(factor.id, factorNode(factor, model));
  }
  for (const found of Object.values(state.links))
    syncLink(graph, state, found.kpeId, found.factorId);
  const index = evidenceIndex(state);
  for (const evidenceId of index.keys()) syncEvidence(graph, state, evidenceId, index);
  for (const id of Object.keys(state.findings)) syncFinding(graph, state, model, id);
  // After the KPEs and findings, which their edges point to.
  for (const id of Object.keys(state.contributions)) syncContribution(graph, state, id);
  return graph;
}
