/**
 * Regrouping framework heads through the model's cross-walks (SEIPS
 * components, London Protocol groups). A head may fall in several groups; a
 * head a cross-walk leaves out is reported under "Not mapped", never dropped.
 */
import { factorHeads } from '../model/lookups.ts';
import type { Crosswalk, MethodologyModel } from '../model/methodology-model.ts';
import type { FactorNode, ReviewGraph } from './graph-types.ts';
import { type RankedHead, rankGroups } from './rank-factors.ts';

export const NOT_MAPPED = { id: 'not-mapped', name: 'Not mapped' } as const;

/**
 * The model's cross-walk to `vocabulary`. A model whose own id is the
 * vocabulary maps each head to itself (a SEIPS review `--by seips`).
 */
export function findCrosswalk(model: MethodologyModel, vocabulary: string): Crosswalk | undefined {
  if (vocabulary === model.id) {
    return {
      id: model.id,
      name: model.factorFramework.name,
      confirmed: true,
      groups: factorHeads(model).map((h) => ({ id: h.id, name: h.name, heads: [h.id] })),
    };
  }
  return model.crosswalks.find((c) => c.id === vocabulary);
}

/** The vocabularies a model's heads can be regrouped by: its own id and its cross-walks'. */
export function vocabularies(model: MethodologyModel): string[] {
  return [model.id, ...model.crosswalks.map((c) => c.id)];
}

/** The groups of each head under a cross-walk; heads it leaves out are absent. */
export function groupsByHead(crosswalk: Crosswalk): Map<string, { id: string; name: string }[]> {
  const byHead = new Map<string, { id: string; name: string }[]>();
  for (const group of crosswalk.groups) {
    for (const head of group.heads) {
      const groups = byHead.get(head);
      const entry = { id: group.id, name: group.name };
      if (groups) groups.push(entry);
      else byHead.set(head, [entry]);
    }
  }
  return byHead;
}

/**
 * The review's factors grouped and ranked under another vocabulary; each
 * group lists its factors, the KPEs and agencies they touch. `level` holds
 * the vocabulary's id.
 */
export function rankByCrosswalk(graph: ReviewGraph, crosswalk: Crosswalk): RankedHead[] {
  const byHead = groupsByHead(crosswalk);
  const order = new Map(crosswalk.groups.map((g, i) => [g.id, i]));
  const groupsOf = (f: FactorNode) =>
    (byHead.get(f.head) ?? [NOT_MAPPED]).map((g) => ({
      id: g.id,
      name: g.name,
      level: crosswalk.id,
      levelName: crosswalk.name,
    }));
  return rankGroups(graph, groupsOf, order);
}
