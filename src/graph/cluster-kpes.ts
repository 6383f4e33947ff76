/**
 * Candidate findings: clusters of KPEs that share contributory factors,
 * found by Louvain community detection on the KPE–factor graph. Each
 * community holds KPEs and factors together, which is what a finding
 * generalises from. (Louvain on the KPE projection was tried: it lumps most
 * KPEs of a well-linked review into one cluster.) The random walk is seeded,
 * so the same review always gives the same candidates.
 */
import { UndirectedGraph } from 'graphology';
import { compareIds } from '../domain/primitives.ts';
import {
  agenciesOfKpes,
  counted,
  findingsOfFactor,
  kpesOfFactor,
  listed,
  nodesOfKind,
} from './graph-queries.ts';
import type { ReviewGraph } from './graph-types.ts';
import { louvain, seededRandom } from './graphology-interop.ts';

/** The seed of Louvain's random walk; fixed so reports are reproducible. */
export const CLUSTER_SEED = 20080701;

export interface SharedFactor {
  id: string;
  label: string;
  head: string;
  headName: string;
  /** The cluster's KPEs this factor helps explain. */
  kpeIds: string[];
}

export interface CandidateFinding {
  /** 1, 2, …: a position in this list, not a stable id. */
  number: number;
  kpeIds: string[];
  agencyIds: string[];
  /** Factors of the cluster linked to at least two of its KPEs, most widely shared first. */
  factors: SharedFactor[];
  /** Factors Louvain put in the cluster that touch only one of its KPEs. */
  otherFactorIds: string[];
  /** Heads of the shared factors, most common first. */
  heads: { head: string; headName: string; factors: number }[];
  /** Existing findings that the shared factors already support. */
  existingFindingIds: string[];
  /** Why it was suggested, in plain words. */
  explanation: string;
}

/**
 * The KPE–factor graph, undirected (Louvain needs one kind of edge): each
 * KPE joined to the factors that help explain it. Nodes and edges go in id
 * order so Louvain sees the same graph every time.
 */
function kpeFactorGraph(graph: ReviewGraph): UndirectedGraph {
  const bipartite = new UndirectedGraph();
  for (const kpe of nodesOfKind(graph, 'kpe')) bipartite.addNode(kpe);
  for (const factor of nodesOfKind(graph, 'factor')) {
    bipartite.addNode(factor);
    for (const kpe of kpesOfFactor(graph, factor)) bipartite.addEdge(kpe, factor);
  }
  return bipartite;
}

function explain(
  kpeIds: string[],
  agencyIds: string[],
  factors: SharedFactor[],
  heads: CandidateFinding['heads'],
  existing: string[],
): string {
  const reach =
    agencyIds.length === 0
      ? 'no agency recorded'
      : agencyIds.length === 1
        ? `all in ${agencyIds[0]}`
        : `across ${counted(agencyIds.length, 'agency', 'agencies')}: ${listed(agencyIds)}`;
  const shared = factors.map(
    (f) =>
      `${f.id} (${f.headName}${f.kpeIds.length < kpeIds.length ? `, ${listed(f.kpeIds)}` : ''})`,
  );
  const sentences = [
    `${listed(kpeIds)} (${counted(kpeIds.length, 'KPE')}, ${reach}) are all explained in part by ${listed(shared)}.`,
  ];
  const [top, next] = heads;
  const where =
    top && (!next || top.factors > next.factors)
      ? `, mostly under ${top.headName}`
      : heads.length > 1
        ? `, across ${heads.length} heads`
        : '';
  sentences.push(
    `Factors that recur across episodes${agencyIds.length > 1 ? ' and agencies' : ''} may point to something in the system rather than in this case${where}; consider whether they amount to a finding.`,
  );
  if (agencyIds.length < 2) {
    sentences.push(
      'It all lies within one agency, so test whether it is wider before calling it a pattern.',
    );
  }
  if (existing.length > 0) {
    sentences.push(
      existing.length === 1
        ? `These factors already support ${existing[0]}; check whether it covers these KPEs.`
        : `These factors already support ${listed(existing)}; check whether those findings cover these KPEs.`,
    );
  }
  return sentences.join(' ');
}

/**
 * Clusters of KPEs that share factors, each offered as a candidate finding.
 * Clusters need at least two KPEs and one factor shared within them; larger
 * clusters come first.
 *
 * @example
 * suggestFindings(projectReview(state, model))[0]?.explanation;
 */
export function suggestFindings(graph: ReviewGraph, seed = CLUSTER_SEED): CandidateFinding[] {
  const bipartite = kpeFactorGraph(graph);
  if (bipartite.size === 0) return [];
  const communities = louvain(bipartite, { rng: seededRandom(seed) });
  const members = new Map<number, string[]>();
  bipartite.forEachNode((node) => {
    const c = communities[node] as number;
    const list = members.get(c);
    if (list) list.push(node);
    else members.set(c, [node]);
  });
  const candidates: Omit<CandidateFinding, 'number'>[] = [];
  for (const nodes of members.values()) {
    const kpeIds = nodes.filter((n) => graph.getNodeAttribute(n, 'kind') === 'kpe');
    if (kpeIds.length < 2) continue;
    const inCluster = new Set(kpeIds);
    const factors: SharedFactor[] = [];
    const otherFactorIds: string[] = [];
    for (const id of nodes) {
      const f = graph.getNodeAttributes(id);
      if (f.kind !== 'factor') continue;
      const kpes = kpesOfFactor(graph, id).filter((k) => inCluster.has(k));
      if (kpes.length >= 2) {
        factors.push({ id, label: f.label, head: f.head, headName: f.headName, kpeIds: kpes });
      } else {
        otherFactorIds.push(id);
      }
    }
    if (factors.length === 0) continue;
    factors.sort((a, b) => b.kpeIds.length - a.kpeIds.length || compareIds(a.id, b.id));
    const headCounts = new Map<string, { head: string; headName: string; factors: number }>();
    for (const f of factors) {
      const h = headCounts.get(f.head);
      if (h) h.factors += 1;
      else headCounts.set(f.head, { head: f.head, headName: f.headName, factors: 1 });
    }
    const heads = [...headCounts.values()].sort(
      (a, b) => b.factors - a.factors || (a.head < b.head ? -1 : a.head > b.head ? 1 : 0),
    );
    const existing = [...new Set(factors.flatMap((f) => findingsOfFactor(graph, f.id)))].sort(
      compareIds,
    );
    const agencyIds = agenciesOfKpes(graph, kpeIds);
    candidates.push({
      kpeIds: kpeIds.sort(compareIds),
      agencyIds,
      factors,
      otherFactorIds: otherFactorIds.sort(compareIds),
      heads,
      existingFindingIds: existing,
      explanation: explain(kpeIds, agencyIds, factors, heads, existing),
    });
  }
  return candidates
    .sort(
      (a, b) =>
        b.kpeIds.length - a.kpeIds.length ||
        b.factors.length - a.factors.length ||
        compareIds(a.kpeIds[0] as string, b.kpeIds[0] as string),
    )
    .map((c, i) => ({ number: i + 1, ...c }));
}
