/**
 * Keeps a review's graph up to date one event at a time, touching only the
 * records the event changed. The result equals `projectReview` of the state
 * after the event (tested over sequences with removals).
 */
import type { ReviewEvent } from '../domain/events.ts';
import type { RecordLink } from '../domain/record-links.ts';
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
import {
  evidenceIndex,
  syncContribution,
  syncEvidence,
  syncFinding,
  syncKpe,
  syncLink,
} from './sync-nodes.ts';

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

/** The nodes of the participant's contributions carry their agency: brought in line with it. */
function resyncContributionsOf(graph: ReviewGraph, state: ReviewState, participantId: string) {
  for (const c of Object.values(state.contributions)) {
    if (c.author === participantId) syncContribution(graph, state, c.id);
  }
}

function conversationsOf(state: ReviewState, participantId: string): Set<string> {
  return new Set(
    Object.values(state.conversations)
      .filter((c) => c.participantId === participantId)
      .map((c) => c.id),
  );
}

/**
 * After a removal: the record's node goes (and its edges with it), and the
 * records it was detached from are brought in line with the state.
 */
function afterRemoval(
  graph: ReviewGraph,
  state: ReviewState,
  model: MethodologyModel,
  id: string,
  detached: readonly RecordLink[],
): void {
  const evidence = citedEvidence(graph, id);
  if (graph.hasNode(id)) graph.dropNode(id);
  for (const link of detached) {
    if (link.field === 'agencyIds' || link.field === 'chronologyRefs') {
      syncKpe(graph, state, link.from);
    } else if (link.field === 'evidence') {
      const [kpeId = '', factorId = ''] = link.from.split('|');
      syncLink(graph, state, kpeId, factorId);
      for (const e of state.links[link.from]?.evidence ?? []) evidence.add(e);
    } else if (link.field === 'agencyId') {
      resyncExcerptsOf(graph, state, conversationsOf(state, link.from));
      resyncContributionsOf(graph, state, link.from);
    } else if (link.field === 'factorIds') {
      syncFinding(graph, state, model, link.from);
    }
  }
  resyncEvidence(graph, state, evidence);
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
    case 'agency.edited': {
      const agency = state.agencies[event.payload.id];
      if (agency) graph.mergeNode(agency.id, agencyNode(agency));
      break;
    }
    case 'participant.added':
    case 'participant.edited':
      resyncExcerptsOf(graph, state, conversationsOf(state, event.payload.id));
      resyncContributionsOf(graph, state, event.payload.id);
      break;
    case 'chronology.entry-added':
    case 'chronology.entry-edited': {
      const entry = state.chronology[event.payload.id];
      if (entry) graph.mergeNode(entry.id, chronologyNode(entry));
      break;
    }
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
    case 'excerpt.added':
    case 'excerpt.edited': {
      const excerpt = state.excerpts[event.payload.id];
      if (excerpt) graph.mergeNode(excerpt.id, excerptNode(excerpt, state));
      break;
    }
    case 'participant.removed':
      // Nothing stops a contributor's removal: their contributions stay, without an agency.
      afterRemoval(graph, state, model, event.payload.id, event.payload.detached);
      resyncContributionsOf(graph, state, event.payload.id);
      break;
    case 'agency.removed':
    case 'chronology.entry-removed':
    case 'excerpt.removed':
      afterRemoval(graph, state, model, event.payload.id, event.payload.detached);
      break;
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
    case 'finding.removed':
      syncFinding(graph, state, model, event.payload.id);
      break;
    case 'finding.factor-linked':
    case 'finding.factor-unlinked':
    case 'finding.board-issue-added':
    case 'finding.board-issue-edited':
    case 'finding.board-issue-removed':
      syncFinding(graph, state, model, event.payload.findingId);
      break;
    case 'meeting.contributed':
    case 'meeting.contribution-accepted':
    case 'meeting.contribution-declined':
      syncContribution(graph, state, event.payload.id);
      break;
    default:
      // Other events (the register, texts, questions, meetings, workflow, time) do not touch the graph.
      break;
  }
  graph.replaceAttributes(graphAttributes(state));
  return graph;
}
