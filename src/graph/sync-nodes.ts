/**
 * Bring one record's node and the edges it owns in line with the review
 * state. The full projection calls these for every record; the incremental
 * update calls them for the records an event touched.
 */
import { isEvidence, recordsAbout } from '../domain/contribution-evidence.ts';
import { linkKey, type ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { type EdgeKind, edgeKey, type GraphEdge, type ReviewGraph } from './graph-types.ts';
import { contributionNode, findingNode, kpeNode } from './node-attributes.ts';

/** Drops the out-edges (or in-edges) of `node` whose kind is in `kinds`. */
function dropEdges(
  graph: ReviewGraph,
  node: string,
  direction: 'out' | 'in',
  kinds: readonly EdgeKind[],
): void {
  const doomed: string[] = [];
  const collect = (edge: string, attrs: GraphEdge) => {
    if (kinds.includes(attrs.kind)) doomed.push(edge);
  };
  if (direction === 'out') graph.forEachOutEdge(node, collect);
  else graph.forEachInEdge(node, collect);
  for (const edge of doomed) graph.dropEdge(edge);
}

/** Adds the edge when both ends are in the graph; a dangling reference is skipped. */
function link(graph: ReviewGraph, source: string, target: string, attrs: GraphEdge): void {
  if (!graph.hasNode(source) || !graph.hasNode(target)) return;
  graph.mergeEdgeWithKey(edgeKey(source, target), source, target, attrs);
}

/** The KPE's node and its `draws-on` and `involves` edges. */
export function syncKpe(graph: ReviewGraph, state: ReviewState, id: string): void {
  const kpe = state.kpes[id];
  if (!kpe) {
    if (graph.hasNode(id)) graph.dropNode(id);
    return;
  }
  if (graph.hasNode(id)) {
    graph.replaceNodeAttributes(id, kpeNode(kpe));
    dropEdges(graph, id, 'out', ['draws-on', 'involves']);
  } else {
    graph.addNode(id, kpeNode(kpe));
  }
  for (const ref of kpe.chronologyRefs) link(graph, id, ref, { kind: 'draws-on' });
  for (const agencyId of kpe.agencyIds) link(graph, id, agencyId, { kind: 'involves' });
}

/** The `explained-by` edge of one KPE–factor link, carrying the link's evidence. */
export function syncLink(
  graph: ReviewGraph,
  state: ReviewState,
  kpeId: string,
  factorId: string,
): void {
  const found = state.links[linkKey(kpeId, factorId)];
  const key = edgeKey(kpeId, factorId);
  if (!found) {
    if (graph.hasEdge(key)) graph.dropEdge(key);
    return;
  }
  link(graph, kpeId, factorId, { kind: 'explained-by', evidence: [...found.evidence] });
}

/** Link keys by the evidence id cited for them, in link order. */
export function evidenceIndex(state: ReviewState): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const [key, found] of Object.entries(state.links)) {
    for (const evidenceId of found.evidence) {
      const keys = index.get(evidenceId);
      if (keys) keys.push(key);
      else index.set(evidenceId, [key]);
    }
  }
  return index;
}

/**
 * The `evidences` edges of one excerpt or chronology entry: to each factor
 * and each KPE of the links it is cited for, listing those links.
 */
export function syncEvidence(
  graph: ReviewGraph,
  state: ReviewState,
  evidenceId: string,
  index: Map<string, string[]>,
): void {
  if (!graph.hasNode(evidenceId)) return;
  dropEdges(graph, evidenceId, 'out', ['evidences']);
  const byTarget = new Map<string, string[]>();
  for (const key of index.get(evidenceId) ?? []) {
    const found = state.links[key];
    if (!found) continue;
    for (const target of [found.factorId, found.kpeId]) {
      const keys = byTarget.get(target);
      if (keys) keys.push(key);
      else byTarget.set(target, [key]);
    }
  }
  for (const [target, links] of byTarget) {
    link(graph, evidenceId, target, { kind: 'evidences', links });
  }
}

/** The finding's node, its `supports` in-edges, and its Board issues with their `raises` edges. */
export function syncFinding(
  graph: ReviewGraph,
  state: ReviewState,
  model: MethodologyModel,
  id: string,
): void {
  if (graph.hasNode(id)) {
    for (const target of graph.outNeighbors(id)) {
      if (graph.getNodeAttribute(target, 'kind') === 'board-issue') graph.dropNode(target);
    }
  }
  const finding = state.findings[id];
  if (!finding) {
    if (graph.hasNode(id)) graph.dropNode(id);
    return;
  }
  if (graph.hasNode(id)) {
    graph.replaceNodeAttributes(id, findingNode(finding, state, model));
    dropEdges(graph, id, 'in', ['supports']);
  } else {
    graph.addNode(id, findingNode(finding, state, model));
  }
  for (const factorId of finding.factorIds) link(graph, factorId, id, { kind: 'supports' });
  for (const bi of finding.boardIssues) {
    graph.mergeNode(bi.id, { kind: 'board-issue', label: bi.question, findingId: id });
    link(graph, id, bi.id, { kind: 'raises' });
  }
}

/**
 * A contribution's node and its `contributes-to` edges: in the graph while it is accepted and
 * about a KPE or a finding (declined or undecided, it is not evidence). The node stays when
 * the record it was about is removed, as an excerpt does; only the edge goes.
 */
export function syncContribution(graph: ReviewGraph, state: ReviewState, id: string): void {
  const c = state.contributions[id];
  const about = c ? recordsAbout(c) : [];
  if (!c || !isEvidence(c) || about.length === 0) {
    if (graph.hasNode(id)) graph.dropNode(id);
    return;
  }
  if (graph.hasNode(id)) graph.replaceNodeAttributes(id, contributionNode(c, state));
  else graph.addNode(id, contributionNode(c, state));
  for (const target of about) link(graph, id, target, { kind: 'contributes-to' });
}
