/**
 * Factors and framework heads ranked by how many KPEs and agencies they
 * touch: the first hint of what recurs across the case. Ties break by the
 * model's head order and then by id, so the ranking never wobbles.
 */
import { compareIds } from '../domain/primitives.ts';
import { factorHeads } from '../model/lookups.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import {
  agenciesOfKpes,
  attrs,
  findingsOfFactor,
  kpesOfFactor,
  nodesOfKind,
} from './graph-queries.ts';
import type { FactorNode, ReviewGraph } from './graph-types.ts';

export interface RankedFactor {
  id: string;
  label: string;
  head: string;
  headName: string;
  level: string;
  kpeIds: string[];
  agencyIds: string[];
  findingIds: string[];
}

export interface RankedHead {
  head: string;
  headName: string;
  level: string;
  levelName: string;
  factorIds: string[];
  kpeIds: string[];
  agencyIds: string[];
}

/** Most KPEs first, then most agencies, then lowest id. */
export function rankFactors(graph: ReviewGraph): RankedFactor[] {
  return nodesOfKind(graph, 'factor')
    .map((id) => {
      const f = attrs(graph, id, 'factor');
      const kpeIds = kpesOfFactor(graph, id);
      return {
        id,
        label: f.label,
        head: f.head,
        headName: f.headName,
        level: f.level,
        kpeIds,
        agencyIds: agenciesOfKpes(graph, kpeIds),
        findingIds: findingsOfFactor(graph, id),
      };
    })
    .sort(
      (a, b) =>
        b.kpeIds.length - a.kpeIds.length ||
        b.agencyIds.length - a.agencyIds.length ||
        compareIds(a.id, b.id),
    );
}

/** Position of each head in the model's framework, for tie-breaks. */
function headOrder(model: MethodologyModel): Map<string, number> {
  return new Map(factorHeads(model).map((h, i) => [h.id, i]));
}

/**
 * Framework heads in use, ranked by KPEs touched, then agencies, then
 * factors, then the model's order. `group` regroups factors (by default, by
 * their own head); the cross-walk passes its own grouping.
 */
export function rankGroups(
  graph: ReviewGraph,
  groupsOf: (
    factor: FactorNode,
  ) => { id: string; name: string; level: string; levelName: string }[],
  order: Map<string, number>,
): RankedHead[] {
  const groups = new Map<
    string,
    { meta: { id: string; name: string; level: string; levelName: string }; factors: string[] }
  >();
  for (const id of nodesOfKind(graph, 'factor')) {
    for (const meta of groupsOf(attrs(graph, id, 'factor'))) {
      const group = groups.get(meta.id);
      if (group) group.factors.push(id);
      else groups.set(meta.id, { meta, factors: [id] });
    }
  }
  const ranked = [...groups.values()].map(({ meta, factors }) => {
    const kpes = new Set<string>();
    for (const f of factors) for (const k of kpesOfFactor(graph, f)) kpes.add(k);
    const kpeIds = [...kpes].sort(compareIds);
    return {
      head: meta.id,
      headName: meta.name,
      level: meta.level,
      levelName: meta.levelName,
      factorIds: factors,
      kpeIds,
      agencyIds: agenciesOfKpes(graph, kpeIds),
    };
  });
  const position = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return ranked.sort(
    (a, b) =>
      b.kpeIds.length - a.kpeIds.length ||
      b.agencyIds.length - a.agencyIds.length ||
      b.factorIds.length - a.factorIds.length ||
      position(a.head) - position(b.head) ||
      (a.head < b.head ? -1 : a.head > b.head ? 1 : 0),
  );
}

/** The model's framework heads in use in this review, ranked (see `rankGroups`). */
export function rankHeads(graph: ReviewGraph, model: MethodologyModel): RankedHead[] {
  return rankGroups(
    graph,
    (f) => [{ id: f.head, name: f.headName, level: f.level, levelName: f.levelName }],
    headOrder(model),
  );
}
