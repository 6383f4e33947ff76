/**
 * Candidate pairs without comparing all pairs: a sweep through the entries in
 * time order (on the working clock) keeps, per key, only the entries whose window is still within
 * reach (the maximum gap), and only entries sharing an informative word or
 * mention (a key) are scored. Words in a large share of the chronology ("mother",
 * the child's name) are not keys; a pair sharing nothing else could not score
 * above the threshold anyway, since the text and mention evidence of such
 * words is near zero.
 */
import type { FeatureSet } from './find-duplicates-features.ts';
import { pairCeiling, pairScore, SCORING, scoreWithCosine } from './find-duplicates-scoring.ts';

/** A scored pair, by position in the feature set; `a` < `b`. */
export interface ScoredPair {
  a: number;
  b: number;
  score: number;
}

/** Every cross-agency pair within reach that shares a key and scores at least `minScore`. */
export function candidatePairs(set: FeatureSet, minScore: number): ScoredPair[] {
  const { entries, keys } = set;
  const n = entries.length;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const agency = new Int32Array(n);
  const agencyIds = new Map<string, number>();
  const dated: number[] = [];
  for (const e of entries) {
    // On the working clock, where the maximum gap is measured.
    if (!e.work) continue;
    lo[e.index] = e.work.lo;
    hi[e.index] = e.work.hi;
    let a = agencyIds.get(e.agencyId);
    if (a === undefined) {
      a = agencyIds.size;
      agencyIds.set(e.agencyId, a);
    }
    agency[e.index] = a;
    dated.push(e.index);
  }
  dated.sort((x, y) => (lo[x] as number) - (lo[y] as number) || x - y);
  const reach = SCORING.maxGapMinutes;
  // Which entry last looked at each entry, so a pair sharing several keys is scored once.
  const seenBy = new Int32Array(n).fill(-1);
  // Entries seen so far, by key. Entries out of reach are dropped from a list as it is read.
  const postings: (number[] | undefined)[] = new Array(set.vocabulary.length);
  const pairs: ScoredPair[] = [];
  // The current entry's word weights, spread over the vocabulary, so the cosine with
  // each candidate is a sum over the candidate's words rather than a merge of two lists.
  const { words, weights } = set;
  const dense = new Float64Array(set.vocabulary.length);

  for (const bi of dated) {
    const b = entries[bi] as (typeof entries)[number];
    const bLo = lo[bi] as number;
    const bAgency = agency[bi] as number;
    for (let w = b.wordStart; w < b.wordEnd; w++) dense[words[w] as number] = weights[w] as number;
    for (let k = b.keyStart; k < b.keyEnd; k++) {
      const key = keys[k] as number;
      const list = postings[key];
      if (list === undefined) {
        postings[key] = [bi];
        continue;
      }
      let kept = 0;
      for (let p = 0; p < list.length; p++) {
        const ai = list[p] as number;
        if ((hi[ai] as number) + reach < bLo) continue;
        list[kept++] = ai;
        if (seenBy[ai] === bi) continue;
        seenBy[ai] = bi;
        if (agency[ai] === bAgency) continue;
        const a = entries[ai] as (typeof entries)[number];
        // Time and the penalties alone bound the score: below the threshold, the wording is not read.
        const ceiling = pairCeiling(a, b);
        if (ceiling < minScore) continue;
        let cos = 0;
        for (let w = a.wordStart; w < a.wordEnd; w++) {
          cos += (dense[words[w] as number] as number) * (weights[w] as number);
        }
        const score = scoreWithCosine(a, b, cos, set, minScore, ceiling);
        if (score >= minScore) {
          pairs.push(ai < bi ? { a: ai, b: bi, score } : { a: bi, b: ai, score });
        }
      }
      list.length = kept;
      list.push(bi);
    }
    for (let w = b.wordStart; w < b.wordEnd; w++) dense[words[w] as number] = 0;
  }
  return pairs;
}

/** Every cross-agency pair scoring at least `minScore`, by comparing all pairs: for tests of the blocking. */
export function allPairs(set: FeatureSet, minScore: number): ScoredPair[] {
  const pairs: ScoredPair[] = [];
  const { entries } = set;
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const score = pairScore(
        set,
        entries[i] as (typeof entries)[number],
        entries[j] as (typeof entries)[number],
      );
      if (score >= minScore) pairs.push({ a: i, b: j, score });
    }
  }
  return pairs;
}
