/**
 * The node and edge attribute types of a review's graph. Other modules (the
 * map, the report) build on these, so they change only by adding fields.
 */
import { DirectedGraph } from 'graphology';
import type { AgencySector } from '../domain/agency.ts';
import type { AppraisalRating } from '../domain/kpe.ts';
import type { ContributionKind } from '../domain/live-meeting.ts';

export const NODE_KINDS = [
  'chronology',
  'excerpt',
  'kpe',
  'factor',
  'finding',
  'board-issue',
  'agency',
  'contribution',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** An entry of an agency's chronology (`CH-n`). */
export type ChronologyNode = {
  kind: 'chronology';
  label: string;
  agencyId: string;
  /** The day (or earliest day) of the entry, YYYY-MM-DD, when known. */
  date?: string;
  /** The date as the agency recorded it. */
  dateText: string;
  /** Source file and 1-based record number, when imported. */
  file?: string;
  record?: number;
  sourceRef?: string;
};

/** An excerpt of a structured conversation (`EX-n`). */
export type ExcerptNode = {
  kind: 'excerpt';
  label: string;
  conversationId: string;
  /** The case-group member who spoke, and their agency when known. */
  participantId?: string;
  agencyId?: string;
  sectionId: string;
  quotable: boolean;
};

/** A key practice episode (`KPE-n`). */
export type KpeNode = {
  kind: 'kpe';
  label: string;
  periodFrom: string;
  periodTo?: string;
  /** The appraisal rating; absent when the KPE is not yet appraised. */
  rating?: AppraisalRating;
  appraised: boolean;
  explained: boolean;
  agencyIds: string[];
};

/** A contributory factor (`CF-n`) under a head and level of the model's framework. */
export type FactorNode = {
  kind: 'factor';
  label: string;
  head: string;
  headName: string;
  /** The framework level of the head; `unknown` when the model does not have the head. */
  level: string;
  levelName: string;
  scope: 'case-specific' | 'generic';
};

/** A finding (`F-n`): an underlying pattern with one typology category. */
export type FindingNode = {
  kind: 'finding';
  label: string;
  category: string;
  categoryName: string;
  rank?: number;
};

/** A question for the Board (`BI-n`), raised by one finding. */
export type BoardIssueNode = {
  kind: 'board-issue';
  label: string;
  findingId: string;
};

/**
 * What a case-group member said at a live meeting (`MC-n`), once the reviewers accepted it as
 * evidence: only accepted contributions about a KPE or a finding are in the graph.
 */
export type ContributionNode = {
  kind: 'contribution';
  label: string;
  contributionKind: ContributionKind;
  meetingId: string;
  /** The case-group member who wrote it, and their agency when known. */
  participantId: string;
  agencyId?: string;
};

/** An agency (`AG-n`). */
export type AgencyNode = {
  kind: 'agency';
  label: string;
  sector: AgencySector;
};

/**
 * Every node has `kind` and `label`: its main text (a KPE's title, a factor's
 * text, a finding's statement, an entry's or excerpt's words, an agency's
 * name, a contribution's words). Labels are the confidential text; publication renders them through
 * the pseudonym register.
 */
export type GraphNode =
  | ChronologyNode
  | ExcerptNode
  | KpeNode
  | FactorNode
  | FindingNode
  | BoardIssueNode
  | AgencyNode
  | ContributionNode;

export const EDGE_KINDS = [
  'draws-on',
  'involves',
  'explained-by',
  'evidences',
  'supports',
  'raises',
  'contributes-to',
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/**
 * Edges, each keyed `source>target` (a DirectedGraph has at most one edge per
 * ordered pair):
 * - `draws-on`: KPE → chronology entry it draws on;
 * - `involves`: KPE → agency;
 * - `explained-by`: KPE → factor (a KPE–factor link), with the link's evidence ids;
 * - `evidences`: excerpt/chronology entry → factor and → KPE, one edge per
 *   pair, listing the links (`KPE-n|CF-m`) it is evidence for;
 * - `supports`: factor → finding;
 * - `raises`: finding → Board issue;
 * - `contributes-to`: accepted contribution → each KPE or finding it is about.
 */
export type GraphEdge =
  | { kind: 'draws-on' }
  | { kind: 'involves' }
  | { kind: 'explained-by'; evidence: string[] }
  | { kind: 'evidences'; links: string[] }
  | { kind: 'supports' }
  | { kind: 'raises' }
  | { kind: 'contributes-to' };

export type GraphAttributes = {
  reviewId: string;
  title: string;
  modelId: string;
  typology: string;
  /** Sequence number of the last event reflected in the graph. */
  seq: number;
};

/** One review's graph. */
export type ReviewGraph = DirectedGraph<GraphNode, GraphEdge, GraphAttributes>;

/** An empty review graph. */
export function createReviewGraph(attributes: GraphAttributes): ReviewGraph {
  const graph: ReviewGraph = new DirectedGraph<GraphNode, GraphEdge, GraphAttributes>();
  graph.replaceAttributes(attributes);
  return graph;
}

/** The key of the edge from `source` to `target`. */
export function edgeKey(source: string, target: string): string {
  return `${source}>${target}`;
}
