/**
 * Patterns across every review in a workspace: which typology categories and
 * framework heads recur, in which kinds of agency, over what period. A pure
 * function of folded review states (through the workspace graph), so it can
 * be tested and benchmarked without a database.
 */
import type { AgencySector } from '../domain/agency.ts';
import { compareIds } from '../domain/primitives.ts';
import {
  buildWorkspaceGraph,
  type WorkspaceEdge,
  type WorkspaceGraph,
  type WorkspaceReview,
} from './workspace-graph.ts';

export type { WorkspaceReview } from './workspace-graph.ts';

export interface Period {
  from: string;
  to: string;
}

export interface SectorCount {
  sector: AgencySector;
  /** How many reviews had an agency of this sector in the KPEs concerned. */
  reviews: number;
}

export interface RecurringCategory {
  typology: string;
  category: string;
  name: string;
  /** True when it appears in two or more reviews. */
  recurring: boolean;
  reviewIds: string[];
  findings: { reviewId: string; findingId: string; statement: string }[];
  sectors: SectorCount[];
  /** When the practice behind these findings happened (their KPEs' periods). */
  period?: Period;
}

export interface RecurringHead {
  /** The vocabulary: a model id (its own heads) or a cross-walk id. */
  vocabulary: string;
  head: string;
  name: string;
  recurring: boolean;
  reviewIds: string[];
  factorCount: number;
  /** Distinct KPEs across the reviews that these factors help explain. */
  kpeCount: number;
  sectors: SectorCount[];
  period?: Period;
}

export interface WorkspacePatterns {
  reviewCount: number;
  /** `heads` (each model's own) or the cross-walk vocabulary used. */
  by: string;
  /** Reviews whose model has no cross-walk to `by`; their factors count as not mapped. */
  unmappedReviewIds: string[];
  period?: Period;
  categories: RecurringCategory[];
  heads: RecurringHead[];
  reviews: {
    id: string;
    title: string;
    modelId: string;
    typology: string;
    findings: number;
    kpes: number;
    period?: Period;
  }[];
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sectors, periods and reviews gathered over a node's in-edges. */
class Reach {
  readonly reviewIds: string[] = [];
  readonly sectors = new Map<AgencySector, number>();
  from: string | undefined;
  to: string | undefined;

  add(reviewId: string, edge: { sectors: AgencySector[]; from?: string; to?: string }): void {
    this.reviewIds.push(reviewId);
    for (const s of edge.sectors) this.sectors.set(s, (this.sectors.get(s) ?? 0) + 1);
    if (edge.from !== undefined && (this.from === undefined || edge.from < this.from)) {
      this.from = edge.from;
    }
    if (edge.to !== undefined && (this.to === undefined || edge.to > this.to)) this.to = edge.to;
  }

  period(): { period?: Period } {
    return this.from !== undefined && this.to !== undefined
      ? { period: { from: this.from, to: this.to } }
      : {};
  }

  sectorCounts(): SectorCount[] {
    return [...this.sectors]
      .map(([sector, reviews]) => ({ sector, reviews }))
      .sort((a, b) => b.reviews - a.reviews || byText(a.sector, b.sector));
  }
}

const reviewIdOf = (key: string) => key.slice('review:'.length);

/** The summary of a workspace graph (see `analyseWorkspace`). */
function summariseWorkspace(graph: WorkspaceGraph): WorkspacePatterns {
  const categories: RecurringCategory[] = [];
  const heads: RecurringHead[] = [];
  const reviews: WorkspacePatterns['reviews'] = [];
  const unmapped: string[] = [];
  let from: string | undefined;
  let to: string | undefined;

  graph.forEachNode((key, node) => {
    if (node.kind === 'review') {
      const id = reviewIdOf(key);
      if (!node.mapped) unmapped.push(id);
      if (node.from !== undefined && (from === undefined || node.from < from)) from = node.from;
      if (node.to !== undefined && (to === undefined || node.to > to)) to = node.to;
      reviews.push({
        id,
        title: node.label,
        modelId: node.modelId,
        typology: node.typology,
        findings: node.findings,
        kpes: node.kpes,
        ...(node.from !== undefined && node.to !== undefined
          ? { period: { from: node.from, to: node.to } }
          : {}),
      });
      return;
    }
    if (node.kind === 'category') {
      const reach = new Reach();
      const findings: RecurringCategory['findings'] = [];
      graph.forEachInEdge(key, (_edge, e: WorkspaceEdge, source) => {
        if (e.kind !== 'has-finding') return;
        const reviewId = reviewIdOf(source);
        reach.add(reviewId, e);
        for (const f of e.findings) {
          findings.push({ reviewId, findingId: f.id, statement: f.statement });
        }
      });
      categories.push({
        typology: node.typology,
        category: node.category,
        name: node.label,
        recurring: reach.reviewIds.length >= 2,
        reviewIds: reach.reviewIds.sort(byText),
        findings: findings.sort(
          (a, b) => byText(a.reviewId, b.reviewId) || compareIds(a.findingId, b.findingId),
        ),
        sectors: reach.sectorCounts(),
        ...reach.period(),
      });
      return;
    }
    if (node.kind === 'head') {
      const reach = new Reach();
      let factorCount = 0;
      let kpeCount = 0;
      graph.forEachInEdge(key, (_edge, e: WorkspaceEdge, source) => {
        if (e.kind !== 'uses-head') return;
        reach.add(reviewIdOf(source), e);
        factorCount += e.factorIds.length;
        kpeCount += e.kpeIds.length;
      });
      heads.push({
        vocabulary: node.vocabulary,
        head: node.head,
        name: node.label,
        recurring: reach.reviewIds.length >= 2,
        reviewIds: reach.reviewIds.sort(byText),
        factorCount,
        kpeCount,
        sectors: reach.sectorCounts(),
        ...reach.period(),
      });
    }
  });

  return {
    reviewCount: reviews.length,
    by: graph.getAttribute('by'),
    unmappedReviewIds: unmapped.sort(byText),
    ...(from !== undefined && to !== undefined ? { period: { from, to } } : {}),
    categories: categories.sort(
      (a, b) =>
        b.reviewIds.length - a.reviewIds.length ||
        b.findings.length - a.findings.length ||
        byText(a.typology, b.typology) ||
        byText(a.category, b.category),
    ),
    heads: heads.sort(
      (a, b) =>
        b.reviewIds.length - a.reviewIds.length ||
        b.kpeCount - a.kpeCount ||
        b.factorCount - a.factorCount ||
        byText(a.vocabulary, b.vocabulary) ||
        byText(a.head, b.head),
    ),
    reviews: reviews.sort((a, b) => byText(a.id, b.id)),
  };
}

/**
 * Patterns across `reviews`. `by` regroups heads through each model's
 * cross-walk (`seips`, `london-protocol`), which also lets reviews under
 * different models be compared; without it, heads are each model's own.
 *
 * @example
 * const reviews = await Promise.all(ids.map(async (id) => {
 *   const state = await service.load(id);
 *   return { state, model: service.modelOf(state) };
 * }));
 * analyseWorkspace(reviews).categories.filter((c) => c.recurring);
 */
export function analyseWorkspace(
  reviews: readonly WorkspaceReview[],
  options: { by?: string } = {},
): WorkspacePatterns {
  return summariseWorkspace(buildWorkspaceGraph(reviews, options));
}

/** The reviews where a typology category of finding appears, with those findings. */
export function reviewsWithCategory(
  patterns: WorkspacePatterns,
  category: string,
): RecurringCategory[] {
  return patterns.categories.filter((c) => c.category === category);
}
