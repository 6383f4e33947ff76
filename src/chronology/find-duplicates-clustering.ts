/**
 * Clusters from scored pairs: union-find over the pairs in descending score,
 * where a merge must keep one entry per agency, must not join entries a
 * reviewer split, and must keep the average score between the two groups at
 * or above the threshold — so a chain of "A is like B, B is like C" does not
 * glue together A and C when they are nothing alike. Reviewer confirmations
 * are merged first, whatever their score.
 */

import type { ScoredPair } from './find-duplicates-blocking.ts';
import type { FeatureSet } from './find-duplicates-features.ts';
import { pairScore } from './find-duplicates-scoring.ts';

/** A pair key that does not depend on order. */
export function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

export interface ClusterConstraints {
  /** Pairs a reviewer confirmed (latest decision on the pair): always together. */
  mustLink: [number, number][];
  /** Pairs a reviewer split (latest decision on the pair): never linked by the algorithm. */
  cannotLink: ReadonlySet<string>;
}

export interface RawCluster {
  /** Positions in the feature set, ascending. */
  members: number[];
  /** The pairs that joined it, in the order they did. */
  links: { a: number; b: number; score: number; confirmed: boolean }[];
}

/** Groups entries into clusters of two or more, deterministically. */
export function clusterPairs(
  set: FeatureSet,
  pairs: readonly ScoredPair[],
  minScore: number,
  constraints: ClusterConstraints,
): RawCluster[] {
  const n = set.entries.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const members = new Map<number, number[]>();
  const agencies = new Map<number, Set<string>>();
  const links = new Map<number, RawCluster['links']>();
  const cache = new Map<string, number>();
  const score = (a: number, b: number): number => {
    const key = pairKey(a, b);
    let s = cache.get(key);
    if (s === undefined) {
      s = pairScore(
        set,
        set.entries[a] as FeatureSet['entries'][number],
        set.entries[b] as FeatureSet['entries'][number],
      );
      cache.set(key, s);
    }
    return s;
  };
  for (const p of pairs) cache.set(pairKey(p.a, p.b), p.score);

  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] as number;
    let c = x;
    while (parent[c] !== r) {
      const next = parent[c] as number;
      parent[c] = r;
      c = next;
    }
    return r;
  };
  const membersOf = (r: number) => members.get(r) ?? [r];
  const agenciesOf = (r: number) =>
    agencies.get(r) ?? new Set([set.entries[r]?.agencyId as string]);
  const union = (ra: number, rb: number, link: RawCluster['links'][number]) => {
    // The smaller id becomes the root, so the result does not depend on pair order.
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    parent[child] = root;
    members.set(root, [...membersOf(root), ...membersOf(child)]);
    agencies.set(root, new Set([...agenciesOf(root), ...agenciesOf(child)]));
    links.set(root, [...(links.get(root) ?? []), ...(links.get(child) ?? []), link]);
    members.delete(child);
    agencies.delete(child);
    links.delete(child);
  };

  for (const [a, b] of constraints.mustLink) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) union(ra, rb, { a, b, score: score(a, b), confirmed: true });
  }

  const ordered = [...pairs].sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  for (const p of ordered) {
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra === rb) continue;
    const ma = membersOf(ra);
    const mb = membersOf(rb);
    const agencyA = agenciesOf(ra);
    if ([...agenciesOf(rb)].some((agency) => agencyA.has(agency))) continue;
    let blocked = false;
    let sum = 0;
    for (const x of ma) {
      for (const y of mb) {
        if (constraints.cannotLink.has(pairKey(x, y))) blocked = true;
        sum += score(x, y);
      }
    }
    if (blocked || sum / (ma.length * mb.length) < minScore) continue;
    union(ra, rb, { a: p.a, b: p.b, score: p.score, confirmed: false });
  }

  const clusters: RawCluster[] = [];
  for (const [root, list] of members) {
    if (list.length < 2) continue;
    clusters.push({ members: [...list].sort((x, y) => x - y), links: links.get(root) ?? [] });
  }
  return clusters;
}
