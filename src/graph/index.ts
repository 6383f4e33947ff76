/**
 * The graph folder's public face: a review projected onto a graphology graph,
 * kept up to date from events, and the analyses over it (gaps, patterns,
 * traces, cross-walks, patterns across a workspace).
 */

export { applyEventToGraph } from './apply-event-to-graph.ts';
export {
  type CandidateFinding,
  CLUSTER_SEED,
  type SharedFactor,
  suggestFindings,
} from './cluster-kpes.ts';
export {
  findCrosswalk,
  groupsByHead,
  NOT_MAPPED,
  rankByCrosswalk,
  vocabularies,
} from './crosswalk-heads.ts';
export { type DoubleEdgedFactor, findDoubleEdgedFactors } from './double-edged-factors.ts';
export {
  compareGaps,
  findGaps,
  GAP_CODES,
  GAP_SEVERITIES,
  type Gap,
  type GapCode,
  type GapSeverity,
} from './find-gaps.ts';
export {
  agenciesOfKpe,
  factorsOfFinding,
  factorsOfKpe,
  findingsOfFactor,
  kpesOfFactor,
  nodesOfKind,
} from './graph-queries.ts';
export {
  type AgencyNode,
  type BoardIssueNode,
  type ChronologyNode,
  type ContributionNode,
  createReviewGraph,
  EDGE_KINDS,
  type EdgeKind,
  type ExcerptNode,
  edgeKey,
  type FactorNode,
  type FindingNode,
  type GraphAttributes,
  type GraphEdge,
  type GraphNode,
  type KpeNode,
  NODE_KINDS,
  type NodeKind,
  type ReviewGraph,
} from './graph-types.ts';
export { projectReview } from './project-review.ts';
export {
  type RankedFactor,
  type RankedHead,
  rankFactors,
  rankGroups,
  rankHeads,
} from './rank-factors.ts';
export { analysePatterns, type ReviewPatterns } from './review-patterns.ts';
export {
  deserializeGraph,
  serializeGraph,
} from './serialize-graph.ts';
export {
  type EvidenceRelation,
  type FindingTrace,
  type TraceEvidence,
  type TraceFactor,
  type TraceKpe,
  type TracePath,
  traceFinding,
} from './trace-finding.ts';
export {
  buildWorkspaceGraph,
  type WorkspaceEdge,
  type WorkspaceGraph,
  type WorkspaceNode,
} from './workspace-graph.ts';
export {
  analyseWorkspace,
  type Period,
  type RecurringCategory,
  type RecurringHead,
  reviewsWithCategory,
  type SectorCount,
  type WorkspacePatterns,
  type WorkspaceReview,
} from './workspace-patterns.ts';
