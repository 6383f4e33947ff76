/**
 * A review graph to JSON and back. The JSON is graphology's export format;
 * reading it back validates every node and edge with zod, so a stored graph
 * that was edited by hand or written by another version is refused with a
 * message rather than half-loaded.
 */
import { z } from 'zod';
import { AgencySector } from '../domain/agency.ts';
import { ValidationError } from '../domain/errors.ts';
import { AppraisalRating } from '../domain/kpe.ts';
import { ContributionKind } from '../domain/live-meeting.ts';
import { issuesFromZod } from '../domain/zod-issues.ts';
import { createReviewGraph, type ReviewGraph } from './graph-types.ts';

const Text = z.string();
const Id = z.string().min(1, 'the id is empty');

const GraphNodeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('chronology'),
    label: Text,
    agencyId: Id,
    date: Text.optional(),
    dateText: Text,
    file: Text.optional(),
    record: z.number().int().positive().optional(),
    sourceRef: Text.optional(),
  }),
  z.strictObject({
    kind: z.literal('excerpt'),
    label: Text,
    conversationId: Id,
    participantId: Id.optional(),
    agencyId: Id.optional(),
    sectionId: Id,
    quotable: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('kpe'),
    label: Text,
    periodFrom: Text,
    periodTo: Text.optional(),
    rating: AppraisalRating.optional(),
    appraised: z.boolean(),
    explained: z.boolean(),
    agencyIds: z.array(Id),
  }),
  z.strictObject({
    kind: z.literal('factor'),
    label: Text,
    head: Id,
    headName: Text,
    level: Id,
    levelName: Text,
    scope: z.enum(['case-specific', 'generic']),
  }),
  z.strictObject({
    kind: z.literal('finding'),
    label: Text,
    category: Id,
    categoryName: Text,
    rank: z.number().int().positive().optional(),
  }),
  z.strictObject({ kind: z.literal('board-issue'), label: Text, findingId: Id }),
  z.strictObject({ kind: z.literal('agency'), label: Text, sector: AgencySector }),
  z.strictObject({
    kind: z.literal('contribution'),
    label: Text,
    contributionKind: ContributionKind,
    meetingId: Id,
    participantId: Id,
    agencyId: Id.optional(),
  }),
]);

const GraphEdgeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('draws-on') }),
  z.strictObject({ kind: z.literal('involves') }),
  z.strictObject({ kind: z.literal('explained-by'), evidence: z.array(Id) }),
  z.strictObject({ kind: z.literal('evidences'), links: z.array(Id) }),
  z.strictObject({ kind: z.literal('supports') }),
  z.strictObject({ kind: z.literal('raises') }),
  z.strictObject({ kind: z.literal('contributes-to') }),
]);

const SerializedReviewGraph = z.object({
  options: z
    .object({ type: z.literal('directed'), multi: z.literal(false), allowSelfLoops: z.boolean() })
    .optional(),
  attributes: z.strictObject({
    reviewId: Id,
    title: Text,
    modelId: Id,
    typology: Id,
    seq: z.number().int().nonnegative(),
  }),
  nodes: z.array(z.object({ key: Id, attributes: GraphNodeSchema })),
  edges: z.array(
    z.object({
      key: Id,
      source: Id,
      target: Id,
      attributes: GraphEdgeSchema,
      undirected: z.literal(false).optional(),
    }),
  ),
});

/** The graph as JSON text (graphology's export format). */
export function serializeGraph(graph: ReviewGraph): string {
  return JSON.stringify(graph.export());
}

/**
 * A graph from JSON text or an already-parsed export. Throws a ValidationError
 * naming each bad node or edge (and an edge whose ends are missing).
 */
export function deserializeGraph(input: string | unknown): ReviewGraph {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (error) {
      throw new ValidationError([
        {
          code: 'invalid-json',
          path: ['graph'],
          message: `the stored graph is not JSON (${(error as Error).message}); rebuild it from the review's events`,
        },
      ]);
    }
  }
  const parsed = SerializedReviewGraph.safeParse(raw);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error, ['graph']));
  const data = parsed.data;
  const keys = new Set(data.nodes.map((n) => n.key));
  const dangling = data.edges
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => !keys.has(e.source) || !keys.has(e.target));
  if (dangling.length > 0) {
    throw new ValidationError(
      dangling.map(({ e, i }) => ({
        code: 'dangling-edge',
        path: ['graph', 'edges', i],
        message: `edge ${e.key} joins ${e.source} to ${e.target}, but one end is not a node; rebuild the graph from the review's events`,
        ids: [e.source, e.target],
      })),
    );
  }
  const graph = createReviewGraph(data.attributes);
  for (const node of data.nodes) graph.addNode(node.key, node.attributes);
  for (const edge of data.edges) {
    graph.addEdgeWithKey(edge.key, edge.source, edge.target, edge.attributes);
  }
  return graph;
}
