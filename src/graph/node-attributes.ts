/**
 * Node attributes from review records: the one place that decides what a
 * node carries, shared by the full projection and the incremental update so
 * the two cannot drift apart.
 */
import type { Agency } from '../domain/agency.ts';
import type { ChronologyEntry } from '../domain/chronology-entry.ts';
import type { Excerpt } from '../domain/conversation.ts';
import type { Factor } from '../domain/factor.ts';
import type { Finding } from '../domain/finding.ts';
import type { Kpe } from '../domain/kpe.ts';
import type { ContributionRecord } from '../domain/live-meeting.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { findCategory, findFactorHead } from '../model/lookups.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import type {
  AgencyNode,
  ChronologyNode,
  ContributionNode,
  ExcerptNode,
  FactorNode,
  FindingNode,
  GraphAttributes,
  KpeNode,
} from './graph-types.ts';

export function graphAttributes(state: ReviewState): GraphAttributes {
  return {
    reviewId: state.review.id,
    title: state.review.title,
    modelId: state.review.modelId,
    typology: state.review.typology,
    seq: state.seq,
  };
}

export function agencyNode(agency: Agency): AgencyNode {
  return { kind: 'agency', label: agency.name, sector: agency.sector };
}

export function chronologyNode(entry: ChronologyEntry): ChronologyNode {
  const node: ChronologyNode = {
    kind: 'chronology',
    label: entry.text,
    agencyId: entry.agencyId,
    dateText: entry.date.original,
  };
  if (entry.date.start) node.date = entry.date.start;
  if (entry.provenance.file) node.file = entry.provenance.file;
  if (entry.provenance.record !== undefined) node.record = entry.provenance.record;
  if (entry.sourceRef) node.sourceRef = entry.sourceRef;
  return node;
}

export function excerptNode(excerpt: Excerpt, state: ReviewState): ExcerptNode {
  const node: ExcerptNode = {
    kind: 'excerpt',
    label: excerpt.text,
    conversationId: excerpt.conversationId,
    sectionId: excerpt.sectionId,
    quotable: excerpt.quotable,
  };
  const participantId = state.conversations[excerpt.conversationId]?.participantId;
  if (participantId) {
    node.participantId = participantId;
    const agencyId = state.participants[participantId]?.agencyId;
    if (agencyId) node.agencyId = agencyId;
  }
  return node;
}

export function kpeNode(kpe: Kpe): KpeNode {
  const node: KpeNode = {
    kind: 'kpe',
    label: kpe.title,
    periodFrom: kpe.period.from,
    appraised: kpe.appraisal !== undefined,
    explained: kpe.explanation !== undefined,
    agencyIds: [...kpe.agencyIds],
  };
  if (kpe.period.to) node.periodTo = kpe.period.to;
  if (kpe.appraisal) node.rating = kpe.appraisal.rating;
  return node;
}

export function factorNode(factor: Factor, model: MethodologyModel): FactorNode {
  const head = findFactorHead(model, factor.head);
  return {
    kind: 'factor',
    label: factor.text,
    head: factor.head,
    headName: head?.name ?? factor.head,
    level: head?.levelId ?? 'unknown',
    levelName: head?.levelName ?? 'Unknown level',
    scope: factor.scope,
  };
}

export function findingNode(
  finding: Finding,
  state: ReviewState,
  model: MethodologyModel,
): FindingNode {
  const category = findCategory(model, state.review.typology, finding.category);
  const node: FindingNode = {
    kind: 'finding',
    label: finding.statement,
    category: finding.category,
    categoryName: category?.name ?? finding.category,
  };
  if (finding.rank !== undefined) node.rank = finding.rank;
  return node;
}

export function contributionNode(c: ContributionRecord, state: ReviewState): ContributionNode {
  const node: ContributionNode = {
    kind: 'contribution',
    label: c.text,
    contributionKind: c.kind,
    meetingId: c.meetingId,
    participantId: c.author,
  };
  const agencyId = state.participants[c.author]?.agencyId;
  if (agencyId) node.agencyId = agencyId;
  return node;
}
