/**
 * Keeps a review's graph up to date one event at a time, touching only the
 * records the event changed. The result equals `projectReview` of the state
 * after the event (tested over sequences with removals).
 */
import type { ReviewEvent } from '../domain/events.ts';
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { edgeKey, type ReviewGraph } from './graph-types.ts';
import {
  agencyNode,
  chronologyNode,
  excerptNode,
  factorNode,
  graphAttributes,
} from './node-attributes.ts';
import { evidenceIndex, syncEvidence, syncFinding, syncKpe, syncLink } from './sync-nodes.ts';

/** Evidence ids on the `explained-by` edges touching `node` (read before the node goes). */
function citedEvidence(graph: ReviewGraph, node: string): Set<string> {
  const ids = new Set<string>();
  if (!graph.hasNode(node)) return ids;
  graph.forEachEdge(node, (_edge, attrs) => {
    if (attrs.kind === 'explained-by') for (const id of attrs.evidence) ids.add(id);
  });
  return ids;
}

function resyncEvidence(graph: ReviewGraph, state: ReviewState, ids: Iterable<string>): void {
  const index = evidenceIndex(state);
  for (const id of ids) syncEvidence(graph, state, id, index);
}

function resyncExcerptsOf(graph: ReviewGraph, state: ReviewState, conversationIds: Set<string>) {
  for (const excerpt of Object.values(state.excerpts)) {
    if (conversationIds.has(excerpt.conversationId) && graph.hasNode(excerpt.id)) {
      graph.replaceNodeAttributes(excerpt.id, excerptNode(excerpt, state));
    }
  }
}

/**
 * Applies one event to `graph` in place. `state` is the review's state
 * *after* the event was folded in; `model` is the review's model (factor heads
 * and typology names live there).
 *
 * @example
 * applyEvent(state, event);
 * applyEventToGraph(graph, event, state, model);
 */
export function applyEventToGraph(
  graph: ReviewGraph,
  event: ReviewEvent,
  state: ReviewState,
  model: MethodologyModel,
): ReviewGraph {
  switch (event.type) {
    case 'review.created':
      break;
    case 'review.updated':
      // The typology may have changed, and with it every finding's category name.
      for (const id of Object.keys(state.findings)) syncFinding(graph, state, model, id);
      break;
    case 'agency.added':
      graph.mergeNode(event.payload.id, agencyNode(event.payload));
      break;
    case 'participant.added': {
      const conversations = Object.values(state.conversations)
        .filter((c) => c.participantId === event.payload.id)
        .map((c) => c.id);
      resyncExcerptsOf(graph, state, new Set(conversations));
      break;
    }
    case 'chronology.entry-added':
      graph.mergeNode(event.payload.id, chronologyNode(event.payload));
      break;
    case 'chronology.return-revised':
      // Removed entries were linked to nothing (the revision is refused otherwise), so they have no edges.
      for (const { id } of event.payload.removed) if (graph.hasNode(id)) graph.dropNode(id);
      for (const { id } of [...event.payload.added, ...event.payload.changed]) {
        const entry = state.chronology[id];
        if (!entry) continue;
        // Replaced, not merged: a field the correction empties must not linger on the node.
        if (graph.hasNode(id)) graph.replaceNodeAttributes(id, chronologyNode(entry));
        else graph.addNode(id, chronologyNode(entry));
      }
      break;
    case 'conversation.recorded':
    case 'conversation.updated':
      resyncExcerptsOf(graph, state, new Set([event.payload.id]));
      break;
    case 'excerpt.added': {
      const excerpt = state.excerpts[event.payload.id];
      if (excerpt) graph.mergeNode(excerpt.id, excerptNode(excerpt, state));
      break;
    }
    case 'kpe.added':
    case 'kpe.edited':
      syncKpe(graph, state, event.payload.id);
      break;
    case 'kpe.removed': {
      const evidence = citedEvidence(graph, event.payload.id);
      syncKpe(graph, state, event.payload.id);
      resyncEvidence(graph, state, evidence);
      break;
    }
    case 'factor.added':
    case 'factor.edited': {
      const factor = state.factors[event.payload.id];
      if (factor) {
        if (graph.hasNode(factor.id)) {
          graph.replaceNodeAttributes(factor.id, factorNode(factor, model));
        } else {
          graph.addNode(factor.id, factorNode(factor, model));
        }
      }
      break;
    }
    case 'factor.removed': {
      const evidence = citedEvidence(graph, event.payload.id);
      if (graph.hasNode(event.payload.id)) graph.dropNode(event.payload.id);
      resyncEvidence(graph, state, evidence);
      break;
    }
    case 'factor.linked':
    case 'factor.unlinked': {
      const { kpeId, factorId } = event.payload;
      const evidence = new Set<string>();
      const key = edgeKey(kpeId, factorId);
      if (graph.hasEdge(key)) {
        const attrs = graph.getEdgeAttributes(key);
        if (attrs.kind === 'explained-by') for (const id of attrs.evidence) evidence.add(id);
      }
      if (event.type === 'factor.linked') for (const id of event.payload.evidence) evidence.add(id);
      syncLink(graph, state, kpeId, factorId);
      resyncEvidence(graph, state, evidence);
      break;
    }
    case 'finding.added':
    case 'finding.edited':
      syncFinding(graph, state, model, event.payload.id);
      break;
    case 'finding.factor-linked':
    case 'finding.board-issue-added':
      syncFinding(graph, state, model, event.payload.findingId);
      break;
    default:
      // Other events (texts, meetings, workflow, time) do not touch the graph.
      break;
  }
  graph.replaceAttributes(graphAttributes(state));
  return graph;
}
