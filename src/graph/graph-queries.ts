/**
 * Small reads over a review graph that several analyses share: the KPEs a
 * factor explains, the factors behind a finding, the agencies of KPEs.
 */
import { InternalError } from '../domain/errors.ts';
import { compareIds } from '../domain/primitives.ts';
import type { GraphNode, NodeKind, ReviewGraph } from './graph-types.ts';

/** Keys of nodes of one kind, in id order. */
export function nodesOfKind(graph: ReviewGraph, kind: NodeKind): string[] {
  const keys: string[] = [];
  graph.forEachNode((key, attrs) => {
    if (attrs.kind === kind) keys.push(key);
  });
  return keys.sort(compareIds);
}

/** The KPEs a factor helps explain (sources of its `explained-by` in-edges), in id order. */
export function kpesOfFactor(graph: ReviewGraph, factorId: string): string[] {
  const kpes: string[] = [];
  graph.forEachInEdge(factorId, (_edge, attrs, source) => {
    if (attrs.kind === 'explained-by') kpes.push(source);
  });
  return kpes.sort(compareIds);
}

/** The factors that help explain a KPE, in id order. */
export function factorsOfKpe(graph: ReviewGraph, kpeId: string): string[] {
  const factors: string[] = [];
  graph.forEachOutEdge(kpeId, (_edge, attrs, _source, target) => {
    if (attrs.kind === 'explained-by') factors.push(target);
  });
  return factors.sort(compareIds);
}

/** The factors that support a finding, in id order. */
export function factorsOfFinding(graph: ReviewGraph, findingId: string): string[] {
  const factors: string[] = [];
  graph.forEachInEdge(findingId, (_edge, attrs, source) => {
    if (attrs.kind === 'supports') factors.push(source);
  });
  return factors.sort(compareIds);
}

/** The findings a factor supports, in id order. */
export function findingsOfFactor(graph: ReviewGraph, factorId: string): string[] {
  const findings: string[] = [];
  graph.forEachOutEdge(factorId, (_edge, attrs, _source, target) => {
    if (attrs.kind === 'supports') findings.push(target);
  });
  return findings.sort(compareIds);
}

/** The agencies a KPE involves (its `involves` edges), in id order. */
export function agenciesOfKpe(graph: ReviewGraph, kpeId: string): string[] {
  const agencies: string[] = [];
  graph.forEachOutEdge(kpeId, (_edge, attrs, _source, target) => {
    if (attrs.kind === 'involves') agencies.push(target);
  });
  return agencies.sort(compareIds);
}

/** The union of the agencies of `kpeIds`, in id order. */
export function agenciesOfKpes(graph: ReviewGraph, kpeIds: Iterable<string>): string[] {
  const agencies = new Set<string>();
  for (const kpeId of kpeIds) for (const a of agenciesOfKpe(graph, kpeId)) agencies.add(a);
  return [...agencies].sort(compareIds);
}

/** The union of the KPEs explained by `factorIds`, in id order. */
export function kpesOfFactors(graph: ReviewGraph, factorIds: Iterable<string>): string[] {
  const kpes = new Set<string>();
  for (const factorId of factorIds) for (const k of kpesOfFactor(graph, factorId)) kpes.add(k);
  return [...kpes].sort(compareIds);
}

/** Attributes of a node known to be of the given kind (a programmer error otherwise). */
export function attrs<K extends NodeKind>(
  graph: ReviewGraph,
  key: string,
  kind: K,
): Extract<GraphNode, { kind: K }> {
  const found = graph.getNodeAttributes(key);
  if (found.kind !== kind) throw new InternalError(`node ${key} is a ${found.kind}, not a ${kind}`);
  return found as Extract<GraphNode, { kind: K }>;
}

/** "KPE-4", "KPE-4 and KPE-7", "KPE-1, KPE-4 and KPE-7". */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "1 KPE", "3 KPEs". */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
