/**
 * The workspace graph: one node per review, typology category, framework
 * head (or cross-walk group) and agency sector, with edges from each review
 * to the categories, heads and sectors it has. Edges carry the ids, sectors
 * and dates behind them, so cross-review questions are read off the graph.
 *
 * It is built straight from folded states, not from per-review graphs: at
 * workspace scale (1,000 reviews, ~100,000 records) projecting every review
 * onto graphology costs more than the whole analysis budget.
 */
import { DirectedGraph } from 'graphology';
import type { AgencySector } from '../domain/agency.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { factorHeads, findCategory } from '../model/lookups.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { findCrosswalk, groupsByHead, NOT_MAPPED } from './crosswalk-heads.ts';

export type WorkspaceNode =
  | {
      kind: 'review';
      label: string;
      modelId: string;
      typology: string;
      kpes: number;
      findings: number;
      /** Whether the review's model has a cross-walk to the vocabulary the heads are grouped by. */
      mapped: boolean;
      from?: string;
      to?: string;
    }
  | { kind: 'category'; label: string; typology: string; category: string }
  | { kind: 'head'; label: string; vocabulary: string; head: string }
  | { kind: 'sector'; label: AgencySector };

/** What lies behind one review's link to a category, head or sector. */
export type WorkspaceEdge =
  | {
      kind: 'has-finding';
      findings: { id: string; statement: string }[];
      sectors: AgencySector[];
      from?: string;
      to?: string;
    }
  | {
      kind: 'uses-head';
      factorIds: string[];
      kpeIds: string[];
      sectors: AgencySector[];
      from?: string;
      to?: string;
    }
  | { kind: 'involves-sector'; agencyIds: string[] };

export type WorkspaceGraph = DirectedGraph<WorkspaceNode, WorkspaceEdge, { by: string }>;

export interface WorkspaceReview {
  state: ReviewState;
  model: MethodologyModel;
}

/** The periods and sectors of a set of KPEs. */
class Span {
  readonly sectors = new Set<AgencySector>();
  from: string | undefined;
  to: string | undefined;

  constructor(private readonly state: ReviewState) {}

  add(kpeId: string): void {
    const kpe = this.state.kpes[kpeId];
    if (!kpe) return;
    const end = kpe.period.to ?? kpe.period.from;
    if (this.from === undefined || kpe.period.from < this.from) this.from = kpe.period.from;
    if (this.to === undefined || end > this.to) this.to = end;
    for (const agencyId of kpe.agencyIds) {
      const agency = this.state.agencies[agencyId];
      if (agency) this.sectors.add(agency.sector);
    }
  }

  dates(): { from?: string; to?: string } {
    return this.from !== undefined && this.to !== undefined ? { from: this.from, to: this.to } : {};
  }

  sorted(): AgencySector[] {
    return [...this.sectors].sort();
  }
}

/** Head names by model, computed once per model rather than per factor. */
function headNames(model: MethodologyModel, cache: Map<MethodologyModel, Map<string, string>>) {
  let names = cache.get(model);
  if (!names) {
    names = new Map(factorHeads(model).map((h) => [h.id, h.name]));
    cache.set(model, names);
  }
  return names;
}

/**
 * The workspace graph of `reviews`. `by` groups factors through each model's
 * cross-walk to that vocabulary; without it, by each model's own heads.
 */
export function buildWorkspaceGraph(
  reviews: readonly WorkspaceReview[],
  options: { by?: string } = {},
): WorkspaceGraph {
  const by = options.by && options.by !== 'heads' ? options.by : undefined;
  const graph: WorkspaceGraph = new DirectedGraph<WorkspaceNode, WorkspaceEdge, { by: string }>();
  graph.replaceAttributes({ by: by ?? 'heads' });
  const names = new Map<MethodologyModel, Map<string, string>>();
  const mappings = new Map<MethodologyModel, ReturnType<typeof groupsByHead> | undefined>();

  for (const { state, model } of reviews) {
    const reviewKey = `review:${state.review.id}`;
    const span = new Span(state);
    for (const id of Object.keys(state.kpes)) span.add(id);
    let mapping = mappings.get(model);
    if (by && !mappings.has(model)) {
      const crosswalk = findCrosswalk(model, by);
      mapping = crosswalk ? groupsByHead(crosswalk) : undefined;
      mappings.set(model, mapping);
    }
    graph.addNode(reviewKey, {
      kind: 'review',
      label: state.review.title,
      modelId: state.review.modelId,
      typology: state.review.typology,
      kpes: Object.keys(state.kpes).length,
      findings: Object.keys(state.findings).length,
      mapped: !by || mapping !== undefined,
      ...span.dates(),
    });

    const sectorAgencies = new Map<AgencySector, string[]>();
    for (const agency of Object.values(state.agencies)) {
      const list = sectorAgencies.get(agency.sector);
      if (list) list.push(agency.id);
      else sectorAgencies.set(agency.sector, [agency.id]);
    }
    for (const [sector, agencyIds] of sectorAgencies) {
      graph.mergeNode(`sector:${sector}`, { kind: 'sector', label: sector });
      graph.addEdge(reviewKey, `sector:${sector}`, { kind: 'involves-sector', agencyIds });
    }

    const kpesOfFactor = new Map<string, string[]>();
    for (const link of Object.values(state.links)) {
      if (!state.kpes[link.kpeId]) continue;
      const list = kpesOfFactor.get(link.factorId);
      if (list) list.push(link.kpeId);
      else kpesOfFactor.set(link.factorId, [link.kpeId]);
    }

    const categories = new Map<
      string,
      { findings: { id: string; statement: string }[]; span: Span }
    >();
    for (const finding of Object.values(state.findings)) {
      const key = `category:${state.review.typology}/${finding.category}`;
      let entry = categories.get(key);
      if (!entry) {
        entry = { findings: [], span: new Span(state) };
        categories.set(key, entry);
        graph.mergeNode(key, {
          kind: 'category',
          label:
            findCategory(model, state.review.typology, finding.category)?.name ?? finding.category,
          typology: state.review.typology,
          category: finding.category,
        });
      }
      entry.findings.push({ id: finding.id, statement: finding.statement });
      for (const factorId of finding.factorIds) {
        for (const kpeId of kpesOfFactor.get(factorId) ?? []) entry.span.add(kpeId);
      }
    }
    for (const [key, { findings, span: s }] of categories) {
      graph.addEdge(reviewKey, key, {
        kind: 'has-finding',
        findings,
        sectors: s.sorted(),
        ...s.dates(),
      });
    }

    const vocabulary = by ?? state.review.modelId;
    const heads = new Map<string, { factorIds: string[]; kpeIds: Set<string>; span: Span }>();
    const ownNames = headNames(model, names);
    for (const factor of Object.values(state.factors)) {
      const groups = by
        ? (mapping?.get(factor.head) ?? [NOT_MAPPED])
        : [{ id: factor.head, name: ownNames.get(factor.head) ?? factor.head }];
      const kpes = kpesOfFactor.get(factor.id) ?? [];
      for (const group of groups) {
        const key = `head:${vocabulary}/${group.id}`;
        let entry = heads.get(key);
        if (!entry) {
          entry = { factorIds: [], kpeIds: new Set(), span: new Span(state) };
          heads.set(key, entry);
          graph.mergeNode(key, { kind: 'head', label: group.name, vocabulary, head: group.id });
        }
        entry.factorIds.push(factor.id);
        for (const kpeId of kpes) {
          if (entry.kpeIds.has(kpeId)) continue;
          entry.kpeIds.add(kpeId);
          entry.span.add(kpeId);
        }
      }
    }
    for (const [key, { factorIds, kpeIds, span: s }] of heads) {
      graph.addEdge(reviewKey, key, {
        kind: 'uses-head',
        factorIds,
        kpeIds: [...kpeIds],
        sectors: s.sorted(),
        ...s.dates(),
      });
    }
  }
  return graph;
}
