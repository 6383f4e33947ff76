/**
 * Finds entries that may record the same event in two or more agencies'
 * chronologies, as clusters a reviewer confirms or splits. Pure and
 * deterministic: the same entries, register and decisions give the same
 * clusters in the same order.
 *
 * How: each entry gets a time window from its date's precision (and the same
 * window on a working clock, where weekends count a fifth, since agencies
 * write records up on the next working day), an IDF-weighted word vector, the
 * people and places it mentions, a "report of" marker, what kind of thing it
 * records (`find-duplicates-activities.ts`: a visit, a strategy discussion, a
 * call, a referral, its acknowledgement…) and, for a contact, the agency it
 * was with and which way it went (`find-duplicates-features.ts`); pairs within
 * 36 working hours that share an informative word or mention are scored
 * (`find-duplicates-blocking.ts`, `find-duplicates-scoring.ts`); pairs above
 * the threshold are joined by union-find with one entry per agency and
 * average linkage (`find-duplicates-clustering.ts`); each cluster lists where
 * its entries disagree (`find-duplicates-conflicts.ts`). The weights were tuned
 * on the tuning seeds of a synthetic corpus and measured on held-out seeds
 * (`npm run eval`).
 *
 * @example
 * const clusters = findReviewDuplicates(state, { minScore: 0.5 });
 * for (const c of clusters) console.log(c.ids.join(' + '), c.score, c.confirmed);
 */
import type { ChronologyEntry, DuplicateDecision, EventDate } from '../domain/chronology-entry.ts';
import type { Person } from '../domain/person.ts';
import { compareIds } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { candidatePairs } from './find-duplicates-blocking.ts';
import { clusterPairs, pairKey } from './find-duplicates-clustering.ts';
import {
  type ClusterConflict,
  findConflicts,
  formatDuration,
} from './find-duplicates-conflicts.ts';
import { buildFeatures, type FeatureSet, statedFacts } from './find-duplicates-features.ts';
import { explainPair, type PairEvidence, SCORING } from './find-duplicates-scoring.ts';

export type { ClusterConflict } from './find-duplicates-conflicts.ts';
export type { PairEvidence } from './find-duplicates-scoring.ts';
export { SCORING } from './find-duplicates-scoring.ts';

export interface DuplicateClusterEntry {
  id: string;
  agencyId: string;
  /** The agency's name (its id when the agency is not registered). */
  agency: string;
  /** The source file and 1-based record number, when the entry was imported. */
  file: string | null;
  record: number | null;
  date: EventDate;
  text: string;
}

export interface DuplicateCluster {
  /** Entry ids in time order. */
  ids: string[];
  entries: DuplicateClusterEntry[];
  /** Mean pair score over the cluster's cross-agency pairs, 0..1, three decimals. */
  score: number;
  /** True when a reviewer confirmed every pair in the cluster as one event. */
  confirmed: boolean;
  /** Why it was suggested: one line per link that joined it. */
  reasons: string[];
  /** Where the entries disagree. */
  conflicts: ClusterConflict[];
  /** Every pair in the cluster with its evidence, highest score first. */
  pairs: PairEvidence[];
}

export interface FindDuplicatesInput {
  entries: readonly ChronologyEntry[];
  /** The pseudonym register, so names, aliases and initials are recognised. */
  persons?: readonly Person[];
  /** Agency names (and sectors), so entries that name another agency ("with police") are recognised. */
  agencies?: Readonly<Record<string, { name: string; sector?: string }>>;
  /** Reviewers' decisions, oldest first; per pair of entries the latest wins. */
  decisions?: readonly (DuplicateDecision & { seq: number })[];
}

export interface FindDuplicatesOptions {
  /** The lowest pair score that links two entries (default 0.5); confirmed clusters are kept whatever their score. */
  minScore?: number;
}

/**
 * Per pair of entries, the latest decision that names both: confirmed pairs
 * must stay together, split pairs are never linked again. A new entry can
 * still form a cluster with one of them.
 */
function constraintsFrom(
  decisions: FindDuplicatesInput['decisions'],
  position: ReadonlyMap<string, number>,
) {
  const latest = new Map<string, { a: number; b: number; decision: 'confirmed' | 'split' }>();
  const ordered = [...(decisions ?? [])].sort((x, y) => x.seq - y.seq);
  for (const d of ordered) {
    const known = d.entryIds.map((id) => position.get(id)).filter((p) => p !== undefined);
    for (let i = 0; i < known.length; i++) {
      for (let j = i + 1; j < known.length; j++) {
        const a = known[i] as number;
        const b = known[j] as number;
        if (a === b) continue;
        latest.set(pairKey(a, b), { a: Math.min(a, b), b: Math.max(a, b), decision: d.decision });
      }
    }
  }
  const mustLink: [number, number][] = [];
  const cannotLink = new Set<string>();
  for (const [key, v] of [...latest].sort((x, y) => x[1].a - y[1].a || x[1].b - y[1].b)) {
    if (v.decision === 'confirmed') mustLink.push([v.a, v.b]);
    else cannotLink.add(key);
  }
  const confirmedPair = (a: number, b: number) =>
    latest.get(pairKey(a, b))?.decision === 'confirmed';
  return { mustLink, cannotLink, confirmedPair };
}

function describeGap(p: PairEvidence, exact: boolean): string {
  if (p.gapMinutes === null) return 'date unknown';
  if (p.gapMinutes === 0) return exact ? 'same time' : 'dates overlap';
  return `${formatDuration(p.gapMinutes)} apart`;
}

function reasonLine(p: PairEvidence, exact: boolean, confirmed: boolean): string {
  const parts = [describeGap(p, exact)];
  parts.push(
    `wording ${p.text.toFixed(2)} alike${p.sharedWords.length ? ` (${p.sharedWords.join(', ')})` : ''}`,
  );
  if (p.sharedMentions.length) parts.push(`both mention ${p.sharedMentions.join(', ')}`);
  if (p.counterpartReason) parts.push(p.counterpartReason);
  if (p.author > 0) parts.push("names the other's practitioner");
  if (p.kinds.relation === 'same' && p.kinds.a) parts.push(`both record a ${p.kinds.a}`);
  for (const against of p.against) parts.push(`against: ${against}`);
  const head = confirmed
    ? `${p.a} + ${p.b}: confirmed by a reviewer`
    : `${p.a} + ${p.b}: ${p.score.toFixed(2)}`;
  return `${head} — ${parts.join('; ')}`;
}

/** Entries in stable-id order (CH-2 before CH-10), each id read once rather than at every comparison. */
function byIdOrder(entries: readonly ChronologyEntry[]): ChronologyEntry[] {
  // Chronology ids are CH-<n>: sort number × 2^20 + position natively when every id has
  // that form (and there are fewer than 2^20 entries), then read the positions back.
  const spread = 1 << 20;
  if (entries.length >= spread) return byIdOrderKeyed(entries);
  const keys = new Float64Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const id = (entries[i] as ChronologyEntry).id;
    const n = id.startsWith('CH-') ? Number(id.slice(3)) : Number.NaN;
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) return byIdOrderKeyed(entries);
    keys[i] = n * spread + i;
  }
  keys.sort();
  const out: ChronologyEntry[] = new Array(entries.length);
  for (let i = 0; i < keys.length; i++) {
    if (
      i > 0 &&
      Math.floor((keys[i] as number) / spread) === Math.floor((keys[i - 1] as number) / spread)
    ) {
      return byIdOrderKeyed(entries); // a repeated id: leave it to the general comparison
    }
    out[i] = entries[(keys[i] as number) % spread] as ChronologyEntry;
  }
  return out;
}

function byIdOrderKeyed(entries: readonly ChronologyEntry[]): ChronologyEntry[] {
  const keyed = entries.map((e) => {
    const dash = e.id.lastIndexOf('-');
    return { e, prefix: e.id.slice(0, dash), n: Number(e.id.slice(dash + 1)) };
  });
  keyed.sort((x, y) => (x.prefix === y.prefix ? x.n - y.n : x.prefix < y.prefix ? -1 : 1));
  return keyed.map((k) => k.e);
}

/** Candidate duplicate clusters among `input.entries`, in time order of their first entry. */
export function findDuplicates(
  input: FindDuplicatesInput,
  options: FindDuplicatesOptions = {},
): DuplicateCluster[] {
  const minScore = options.minScore ?? SCORING.defaultMinScore;
  // Id order first, so positions (and every tie-break after) do not depend on the caller's order.
  const entries = byIdOrder(input.entries);
  const set = buildFeatures(entries, input.persons ?? [], input.agencies ?? {});
  const position =
    input.decisions && input.decisions.length > 0
      ? new Map(entries.map((e, i) => [e.id, i]))
      : new Map<string, number>();
  const { mustLink, cannotLink, confirmedPair } = constraintsFrom(input.decisions, position);
  const pairs = candidatePairs(set, minScore);
  const raw = clusterPairs(set, pairs, minScore, { mustLink, cannotLink });
  const agencyName = (id: string) => input.agencies?.[id]?.name ?? id;
  const feature = (i: number) => set.entries[i] as FeatureSet['entries'][number];

  const clusters = raw.map((cluster) => {
    const members = [...cluster.members].sort(
      (a, b) =>
        (feature(a).window?.lo ?? Number.POSITIVE_INFINITY) -
          (feature(b).window?.lo ?? Number.POSITIVE_INFINITY) || a - b,
    );
    // Every pair once: its evidence gives the mean score, the reasons and the pair list.
    let confirmed = true;
    let sum = 0;
    let crossPairs = 0;
    const evidence: PairEvidence[] = [];
    const byPair = new Map<string, PairEvidence>();
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i] as number;
        const b = members[j] as number;
        if (!confirmedPair(a, b)) confirmed = false;
        const p = explainPair(set, feature(a), feature(b));
        evidence.push(p);
        byPair.set(pairKey(a, b), p);
        if (feature(a).agencyId !== feature(b).agencyId) {
          sum += p.score;
          crossPairs++;
        }
      }
    }
    const score = crossPairs === 0 ? 0 : sum / crossPairs;
    evidence.sort((x, y) => y.score - x.score || compareIds(x.a, y.a) || compareIds(x.b, y.b));
    const exact = (i: number) => entries[i]?.date.precision === 'time';
    const reasons = cluster.links.map((link) =>
      reasonLine(
        byPair.get(pairKey(link.a, link.b)) as PairEvidence,
        exact(link.a) && exact(link.b),
        link.confirmed,
      ),
    );
    const conflictMembers = members.map((i) => {
      const entry = entries[i] as ChronologyEntry;
      return {
        entry,
        features: feature(i),
        facts: statedFacts(entry.text),
        agency: agencyName(entry.agencyId),
      };
    });
    return {
      lo: feature(members[0] as number).window?.lo ?? Number.POSITIVE_INFINITY,
      cluster: {
        ids: members.map((i) => (entries[i] as ChronologyEntry).id),
        entries: conflictMembers.map(({ entry, agency }) => ({
          id: entry.id,
          agencyId: entry.agencyId,
          agency,
          file: entry.provenance?.file ?? null,
          record: entry.provenance?.record ?? null,
          date: entry.date,
          text: entry.text,
        })),
        score: Math.round(score * 1000) / 1000,
        confirmed,
        reasons,
        conflicts: findConflicts(conflictMembers),
        pairs: evidence,
      } satisfies DuplicateCluster,
    };
  });
  // Clusters the algorithm formed score at least `minScore` by construction (average
  // linkage); one holding a reviewer's confirmation is kept whatever its score.
  return clusters
    .sort(
      (x, y) => x.lo - y.lo || compareIds(x.cluster.ids[0] as string, y.cluster.ids[0] as string),
    )
    .map((c) => c.cluster);
}

/** Duplicate clusters of a review's chronology, with its register, agencies and decisions. */
export function findReviewDuplicates(
  state: Pick<ReviewState, 'chronology' | 'persons' | 'agencies' | 'duplicateDecisions'>,
  options: FindDuplicatesOptions = {},
): DuplicateCluster[] {
  return findDuplicates(
    {
      entries: Object.values(state.chronology),
      persons: Object.values(state.persons),
      agencies: state.agencies,
      decisions: state.duplicateDecisions,
    },
    options,
  );
}
