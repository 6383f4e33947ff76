/**
 * "How we know": every path from a finding back through the factors that
 * support it and the KPEs they explain, to the excerpts and chronology
 * entries (with agency, file and record) behind them, and to what the case
 * group said at a live meeting about the finding or a KPE, once accepted.
 */
import type { AgencySector } from '../domain/agency.ts';
import { chronologyCitation } from '../domain/chronology-citation.ts';
import { InternalError } from '../domain/errors.ts';
import type { AppraisalRating } from '../domain/kpe.ts';
import type { ContributionKind } from '../domain/live-meeting.ts';
import { compareIds } from '../domain/primitives.ts';
import { agenciesOfKpe, attrs, factorsOfFinding, kpesOfFactor } from './graph-queries.ts';
import type { ReviewGraph } from './graph-types.ts';

/**
 * Why the evidence is on the path: cited for the KPE–factor link, a
 * chronology entry the KPE draws on, or a contribution of the case group
 * about the KPE or the finding, accepted by the reviewers.
 */
export type EvidenceRelation = 'link-evidence' | 'drawn-on' | 'case-group';

export interface TraceEvidence {
  id: string;
  kind: 'excerpt' | 'chronology' | 'contribution';
  relation: EvidenceRelation;
  label: string;
  agencyId?: string;
  agencyName?: string;
  /** Chronology entries: the day, the date as recorded, and where the row came from. */
  date?: string;
  dateText?: string;
  file?: string;
  record?: number;
  /** `file#record`, as reviewers cite an imported entry (`gp-practice.csv#12`). */
  citation?: string;
  sourceRef?: string;
  /** Excerpts: the conversation and who spoke. */
  conversationId?: string;
  /** Excerpts and contributions: the case-group member. */
  participantId?: string;
  /** Contributions: what kind (context, dissent…) and the meeting it was written at. */
  contributionKind?: ContributionKind;
  meetingId?: string;
}

export interface TraceKpe {
  id: string;
  label: string;
  rating?: AppraisalRating;
  periodFrom: string;
  periodTo?: string;
  agencies: { id: string; name: string; sector: AgencySector }[];
  evidence: TraceEvidence[];
}

export interface TraceFactor {
  id: string;
  label: string;
  head: string;
  headName: string;
  kpes: TraceKpe[];
}

/**
 * One path, flattened; `kpeId` or `evidenceId` is absent where the path stops short, and
 * `factorId` where the case group's words are about the finding itself.
 */
export interface TracePath {
  findingId: string;
  factorId?: string;
  kpeId?: string;
  evidenceId?: string;
  relation?: EvidenceRelation;
}

export interface FindingTrace {
  finding: { id: string; label: string; category: string; categoryName: string };
  boardIssues: { id: string; label: string }[];
  /** What the case group said about the finding itself, accepted as evidence. */
  caseGroup: TraceEvidence[];
  factors: TraceFactor[];
  paths: TracePath[];
}

function evidenceOf(graph: ReviewGraph, id: string, relation: EvidenceRelation): TraceEvidence {
  const node = graph.getNodeAttributes(id);
  const agencyName = (agencyId: string | undefined) =>
    agencyId && graph.hasNode(agencyId) ? graph.getNodeAttribute(agencyId, 'label') : undefined;
  if (node.kind === 'chronology') {
    const e: TraceEvidence = {
      id,
      kind: 'chronology',
      relation,
      label: node.label,
      agencyId: node.agencyId,
      dateText: node.dateText,
    };
    const name = agencyName(node.agencyId);
    if (name) e.agencyName = name;
    if (node.date) e.date = node.date;
    if (node.file) e.file = node.file;
    if (node.record !== undefined) e.record = node.record;
    const citation = chronologyCitation(node);
    if (citation) e.citation = citation;
    if (node.sourceRef) e.sourceRef = node.sourceRef;
    return e;
  }
  if (node.kind === 'excerpt') {
    const e: TraceEvidence = {
      id,
      kind: 'excerpt',
      relation,
      label: node.label,
      conversationId: node.conversationId,
    };
    if (node.agencyId) {
      e.agencyId = node.agencyId;
      const name = agencyName(node.agencyId);
      if (name) e.agencyName = name;
    }
    if (node.participantId) e.participantId = node.participantId;
    return e;
  }
  if (node.kind === 'contribution') {
    const e: TraceEvidence = {
      id,
      kind: 'contribution',
      relation,
      label: node.label,
      contributionKind: node.contributionKind,
      meetingId: node.meetingId,
      participantId: node.participantId,
    };
    if (node.agencyId) {
      e.agencyId = node.agencyId;
      const name = agencyName(node.agencyId);
      if (name) e.agencyName = name;
    }
    return e;
  }
  throw new InternalError(`${id} is a ${node.kind}, not evidence`);
}

/** The accepted contributions about a KPE or a finding, in id order. */
function caseGroupWords(graph: ReviewGraph, id: string): TraceEvidence[] {
  const ids: string[] = [];
  graph.forEachInEdge(id, (_edge, a, source) => {
    if (a.kind === 'contributes-to') ids.push(source);
  });
  return ids.sort(compareIds).map((c) => evidenceOf(graph, c, 'case-group'));
}

/**
 * Link evidence in the order cited, then the chronology entries the KPE draws on, by date,
 * then what the case group said about the KPE.
 */
function kpeEvidence(graph: ReviewGraph, kpeId: string, factorId: string): TraceEvidence[] {
  const evidence: TraceEvidence[] = [];
  const seen = new Set<string>();
  const link = graph.getEdgeAttributes(kpeId, factorId);
  if (link.kind === 'explained-by') {
    for (const id of link.evidence) {
      if (!graph.hasNode(id) || seen.has(id)) continue;
      seen.add(id);
      evidence.push(evidenceOf(graph, id, 'link-evidence'));
    }
  }
  const drawn: TraceEvidence[] = [];
  graph.forEachOutEdge(kpeId, (_edge, a, _source, target) => {
    if (a.kind === 'draws-on' && !seen.has(target))
      drawn.push(evidenceOf(graph, target, 'drawn-on'));
  });
  drawn.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || compareIds(a.id, b.id));
  return [...evidence, ...drawn, ...caseGroupWords(graph, kpeId)];
}

/**
 * The trace of one finding; undefined when the graph has no such finding.
 *
 * @example
 * traceFinding(graph, 'F-2')?.paths.filter((p) => p.relation === 'link-evidence');
 */
export function traceFinding(graph: ReviewGraph, findingId: string): FindingTrace | undefined {
  if (!graph.hasNode(findingId)) return undefined;
  const node = graph.getNodeAttributes(findingId);
  if (node.kind !== 'finding') return undefined;
  const boardIssues = graph
    .outNeighbors(findingId)
    .filter((n) => graph.getNodeAttribute(n, 'kind') === 'board-issue')
    .sort(compareIds)
    .map((id) => ({ id, label: graph.getNodeAttribute(id, 'label') }));
  const caseGroup = caseGroupWords(graph, findingId);
  const paths: TracePath[] = caseGroup.map((e) => ({
    findingId,
    evidenceId: e.id,
    relation: e.relation,
  }));
  const factors = factorsOfFinding(graph, findingId).map((factorId): TraceFactor => {
    const f = attrs(graph, factorId, 'factor');
    const kpeIds = kpesOfFactor(graph, factorId);
    if (kpeIds.length === 0) paths.push({ findingId, factorId });
    const kpes = kpeIds.map((kpeId): TraceKpe => {
      const k = attrs(graph, kpeId, 'kpe');
      const evidence = kpeEvidence(graph, kpeId, factorId);
      if (evidence.length === 0) paths.push({ findingId, factorId, kpeId });
      for (const e of evidence) {
        paths.push({ findingId, factorId, kpeId, evidenceId: e.id, relation: e.relation });
      }
      const t: TraceKpe = {
        id: kpeId,
        label: k.label,
        periodFrom: k.periodFrom,
        agencies: agenciesOfKpe(graph, kpeId).map((a) => {
          const agency = attrs(graph, a, 'agency');
          return { id: a, name: agency.label, sector: agency.sector };
        }),
        evidence,
      };
      if (k.rating) t.rating = k.rating;
      if (k.periodTo) t.periodTo = k.periodTo;
      return t;
    });
    return { id: factorId, label: f.label, head: f.head, headName: f.headName, kpes };
  });
  return {
    finding: {
      id: findingId,
      label: node.label,
      category: node.category,
      categoryName: node.categoryName,
    },
    boardIssues,
    caseGroup,
    factors,
    paths,
  };
}
