/**
 * What the map shows, before any geometry: KPEs in time order, contributory
 * factors grouped by framework head (model order), findings by rank, and the
 * links between them. A pure function of the review state and its model;
 * `findingId` narrows it to one finding, its factors and their KPEs.
 */

import { orderedFindings, orderedKpes } from '../domain/display-order.ts';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import type { AppraisalRating, Kpe } from '../domain/kpe.ts';
import { compareIds } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { factorHeads } from '../model/lookups.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';

export interface MapKpe {
  id: string;
  title: string;
  /** When it happened, short: "Sep 2025", "Sep–Nov 2025". */
  when: string;
  rating: AppraisalRating | null;
  good: boolean;
}

export interface MapFactor {
  id: string;
  text: string;
  headId: string;
}

export interface MapHead {
  id: string;
  name: string;
  /** Its factors on the map, in the order drawn. */
  factorIds: string[];
}

export interface MapFinding {
  id: string;
  /** Its place among the review's findings ("Finding 2"), by rank. */
  number: number;
  statement: string;
}

export interface MapEdge {
  from: string;
  to: string;
  /** KPE → factor: the factor helps explain the episode; factor → finding: it supports the finding. */
  kind: 'explains' | 'supports';
}

export interface MapGraph {
  reviewTitle: string;
  /** Set for one finding's subgraph. */
  focus: MapFinding | null;
  kpes: MapKpe[];
  heads: MapHead[];
  /** In drawing order: head by head, as `heads` lists them. */
  factors: MapFactor[];
  findings: MapFinding[];
  edges: MapEdge[];
}

export interface MapGraphOptions {
  /** Only this finding, the factors behind it and the KPEs they help explain. */
  findingId?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthYear(iso: string): { month: string; year: string } {
  return { month: MONTHS[Number(iso.slice(5, 7)) - 1] ?? '', year: iso.slice(0, 4) };
}

/** "Sep 2025", "Sep–Nov 2025", "Dec 2024 – Jan 2025". */
function shortPeriod(period: Kpe['period']): string {
  const from = monthYear(period.from);
  const to = period.to ? monthYear(period.to) : from;
  if (from.year === to.year && from.month === to.month) return `${from.month} ${from.year}`;
  if (from.year === to.year) return `${from.month}–${to.month} ${to.year}`;
  return `${from.month} ${from.year} – ${to.month} ${to.year}`;
}

/**
 * The map's nodes and edges. Throws a ValidationError naming the finding
 * when `findingId` is not one of the review's findings.
 */
export function buildMapGraph(
  state: ReviewState,
  model: MethodologyModel,
  options: MapGraphOptions = {},
): MapGraph {
  const allFindings = orderedFindings(state.findings).map(
    (f, i): MapFinding => ({ id: f.id, number: i + 1, statement: f.statement }),
  );
  // Links and finding factors may name records removed since; the map shows only what exists.
  const links = Object.values(state.links)
    .filter((l) => state.kpes[l.kpeId] && state.factors[l.factorId])
    .sort((a, b) => compareIds(a.kpeId, b.kpeId) || compareIds(a.factorId, b.factorId));
  const factorsOf = (findingId: string) =>
    [...new Set(state.findings[findingId]?.factorIds ?? [])].filter((id) => state.factors[id]);

  let focus: MapFinding | null = null;
  let findings = allFindings;
  let factorIds = Object.keys(state.factors);
  let kpeIds = Object.keys(state.kpes);
  if (options.findingId !== undefined) {
    focus = allFindings.find((f) => f.id === options.findingId) ?? null;
    if (!focus) {
      const known =
        allFindings
          .map((f) => f.id)
          .sort(compareIds)
          .join(', ') || 'none yet';
      throw new ValidationError([
        issue(
          'unknown-finding',
          ['finding'],
          `there is no finding ${options.findingId} in this review; its findings are: ${known}`,
          [options.findingId],
        ),
      ]);
    }
    findings = [focus];
    factorIds = factorsOf(focus.id);
    const shown = new Set(factorIds);
    kpeIds = links.filter((l) => shown.has(l.factorId)).map((l) => l.kpeId);
  }
  const factorSet = new Set(factorIds);
  const kpeSet = new Set(kpeIds);

  const kpes: MapKpe[] = orderedKpes(state.kpes)
    .filter((k) => kpeSet.has(k.id))
    .map((k) => ({
      id: k.id,
      title: k.title,
      when: shortPeriod(k.period),
      rating: k.appraisal?.rating ?? null,
      good: k.appraisal?.rating === 'good',
    }));

  const edges: MapEdge[] = [
    ...links
      .filter((l) => kpeSet.has(l.kpeId) && factorSet.has(l.factorId))
      .map((l): MapEdge => ({ from: l.kpeId, to: l.factorId, kind: 'explains' })),
    ...findings.flatMap((f) =>
      factorsOf(f.id)
        .filter((id) => factorSet.has(id))
        .sort(compareIds)
        .map((id): MapEdge => ({ from: id, to: f.id, kind: 'supports' })),
    ),
  ];

  // Within a head, factors sit near what they connect to (the mean position of their
  // KPEs and findings), which keeps lines short and crossings few; ties go by id.
  const kpeIndex = new Map(kpes.map((k, i) => [k.id, i / Math.max(kpes.length, 1)]));
  const findingIndex = new Map(findings.map((f, i) => [f.id, i / Math.max(findings.length, 1)]));
  const barycentre = (factorId: string) => {
    const positions = edges.flatMap((e) => {
      if (e.to === factorId) return [kpeIndex.get(e.from) ?? 0];
      if (e.from === factorId) return [findingIndex.get(e.to) ?? 0];
      return [];
    });
    return positions.length === 0
      ? Number.POSITIVE_INFINITY
      : positions.reduce((a, b) => a + b, 0) / positions.length;
  };

  const modelHeads = factorHeads(model);
  const headOrder = new Map(modelHeads.map((h, i) => [h.id, i]));
  const headName = new Map(modelHeads.map((h) => [h.id, h.name]));
  const shownFactors = factorIds
    .flatMap((id) => state.factors[id] ?? [])
    .map((f): MapFactor & { at: number } => ({
      id: f.id,
      text: f.text,
      headId: f.head,
      at: barycentre(f.id),
    }));
  // Heads the model does not know (a factor recorded under an older model) come last, by id.
  const headIds = [...new Set(shownFactors.map((f) => f.headId))].sort(
    (a, b) =>
      (headOrder.get(a) ?? Number.MAX_SAFE_INTEGER) -
        (headOrder.get(b) ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b),
  );
  const heads: MapHead[] = headIds.map((headId) => ({
    id: headId,
    name: headName.get(headId) ?? headId,
    factorIds: shownFactors
      .filter((f) => f.headId === headId)
      .sort((a, b) => a.at - b.at || compareIds(a.id, b.id))
      .map((f) => f.id),
  }));
  const byFactorId = new Map(shownFactors.map(({ at: _at, ...f }) => [f.id, f]));
  const factors = heads.flatMap((h) => h.factorIds.flatMap((id) => byFactorId.get(id) ?? []));

  return { reviewTitle: state.review.title, focus, kpes, heads, factors, findings, edges };
}
