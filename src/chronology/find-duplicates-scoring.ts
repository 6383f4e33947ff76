/**
 * How alike two entries from different agencies are, as evidence that they
 * record the same event: closeness in time (discounted when a date is
 * imprecise), wording, and shared people and places — with a penalty when one
 * of them reports the event (a call passing on news) and the other records it.
 *
 * Wording is compared as TF-IDF cosine (binary term frequency, IDF from this
 * chronology) blended with containment, not as token-set Jaccard: in one
 * review nearly every entry names the child, the mother and "visit", and
 * Jaccard weighs those like "fracture" or "Kingfisher Court"; IDF lets the
 * review's own word frequencies decide what is informative. Containment
 * (geometric mean with the cosine) keeps a one-line record comparable with
 * another agency's paragraph about the same event.
 */
import type { EntryFeatures, FeatureSet, TimeWindow } from './find-duplicates-features.ts';

/** The tuning of the score, in one place, so a reviewer can see what it weighs. */
export const SCORING = {
  /** Entries further apart than this (in minutes) are never the same event. */
  maxGapMinutes: 36 * 60,
  /** Cosine similarity at which wording counts as fully alike: different agencies never word an event the same. */
  textSaturation: 0.6,
  /** How much of the remaining doubt shared people and places can remove. */
  mentionWeight: 0.3,
  /** Time's share: the score is scaled by (1 − timeWeight) + timeWeight × time evidence. */
  timeWeight: 0.45,
  /**
   * How much of the remaining doubt is removed when both entries are reports
   * and each names the other's agency: two sides of one call or referral,
   * which agencies word very differently ("telephoned CSC to report" / "contact
   * received from nursery").
   */
  exchangeWeight: 0.55,
  /** Counterpart evidence when only one entry names the other's agency. */
  oneWayReference: 0.35,
  /** Multiplier when exactly one entry reports the event rather than recording it. */
  reportOfPenalty: 0.5,
  /** The default lowest pair score that links two entries. */
  defaultMinScore: 0.5,
} as const;

/** Meeting labels (from `reportMarker`) in words, for the reasons a cluster was suggested. */
const MEETING_NAMES: Record<string, string> = {
  strategy: 'a strategy discussion',
  'initial conference': 'an initial child protection conference',
  'review conference': 'a review child protection conference',
  'core group': 'a core group meeting',
  marac: 'a MARAC or MAPPA meeting',
  'professionals meeting': 'a professionals meeting',
};

/** Minutes between two windows; 0 when they overlap. */
function gapMinutes(a: TimeWindow, b: TimeWindow): number {
  if (a.hi < b.lo) return b.lo - a.hi;
  if (b.hi < a.lo) return a.lo - b.hi;
  return 0;
}

/** 1 within the hour, falling to 0.5 a day apart and 0.2 at the cut-off; 0 beyond it. */
function proximity(gap: number): number {
  if (gap <= 60) return 1;
  if (gap <= 1440) return 1 - (0.5 * (gap - 60)) / 1380;
  if (gap <= SCORING.maxGapMinutes)
    return 0.5 - (0.3 * (gap - 1440)) / (SCORING.maxGapMinutes - 1440);
  return 0;
}

/**
 * How much a coincidence in time is worth given the widest of the two windows:
 * two recorded times coincide meaningfully; a date known only to the month
 * overlaps with everything in that month and is weak evidence.
 */
function specificity(width: number): number {
  if (width <= 1) return 1;
  if (width < 1440) return 0.9;
  if (width <= 8 * 1440) return 0.5;
  if (width <= 32 * 1440) return 0.25;
  return 0.1;
}

/** Time evidence, 0..1: proximity × specificity; 0 when unknown or too far apart. */
function timeEvidence(a: EntryFeatures, b: EntryFeatures): number {
  if (!a.window || !b.window) return 0;
  const gap = gapMinutes(a.window, b.window);
  if (gap > SCORING.maxGapMinutes) return 0;
  const width = Math.max(a.window.hi - a.window.lo, b.window.hi - b.window.lo);
  return proximity(gap) * specificity(width);
}

/** Cosine of the two entries' IDF-weighted word vectors (binary term frequency). */
function cosine(set: FeatureSet, a: EntryFeatures, b: EntryFeatures): number {
  const { words, weights } = set;
  let i = a.wordStart;
  let j = b.wordStart;
  const ie = a.wordEnd;
  const je = b.wordEnd;
  let dot = 0;
  while (i < ie && j < je) {
    const x = words[i] as number;
    const y = words[j] as number;
    if (x === y) {
      dot += (weights[i] as number) * (weights[j] as number);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return dot;
}

/**
 * Wording evidence, 0..1: the geometric mean of the cosine and of how much of
 * the shorter entry the longer one contains. One agency writes a paragraph
 * where another writes a line; cosine alone punishes that, containment alone
 * rewards any short entry. Scaled so `textSaturation` counts as fully alike.
 */
function textSimilarity(set: FeatureSet, a: EntryFeatures, b: EntryFeatures): number {
  const cos = cosine(set, a, b);
  if (cos === 0) return 0;
  const ratio = a.norm > b.norm ? a.norm / b.norm : b.norm / a.norm;
  const containment = Math.min(1, cos * ratio);
  return Math.sqrt(cos * containment);
}

/**
 * Shared people and places, 0..1: the sum of the shared mentions' scaled IDF,
 * so sharing a name every entry carries (the subject child's) adds little and
 * sharing a rarely mentioned partner or street adds a lot.
 */
function mentionEvidence(set: FeatureSet, a: EntryFeatures, b: EntryFeatures): number {
  if (a.mentionEnd === a.mentionStart || b.mentionEnd === b.mentionStart) return 0;
  const { mentionIds, idf } = set;
  let sum = 0;
  for (let i = a.mentionStart; i < a.mentionEnd; i++) {
    const id = mentionIds[i] as number;
    for (let j = b.mentionStart; j < b.mentionEnd; j++) {
      if (mentionIds[j] === id) {
        sum += idf[id] as number;
        break;
      }
    }
  }
  return Math.min(1, sum);
}

/**
 * True when the two stand differently to their event: one records an incident
 * and the other a call about it, or one a meeting and the other a referral.
 */
function reportOfMismatch(a: EntryFeatures, b: EntryFeatures): boolean {
  return a.reportOf?.kind !== b.reportOf?.kind;
}

/**
 * Evidence that the two entries are two sides of one contact, 0..1: each names
 * the other's agency (a joint visit, a call between them: 1), one names the
 * other's (0.35), or both record the same kind of multi-agency meeting (1).
 */
function counterpartEvidence(a: EntryFeatures, b: EntryFeatures): number {
  if (
    a.reportOf?.kind === 'meeting' &&
    b.reportOf?.kind === 'meeting' &&
    a.reportOf.label === b.reportOf.label
  ) {
    return 1;
  }
  const ab = a.refersTo.includes(b.agencyId);
  const ba = b.refersTo.includes(a.agencyId);
  return ab && ba ? 1 : ab || ba ? SCORING.oneWayReference : 0;
}

/** Both are reports and each names the other's agency: the two ends of one call or referral. */
function isExchange(a: EntryFeatures, b: EntryFeatures): boolean {
  return (
    a.reportOf?.kind === 'report' &&
    b.reportOf?.kind === 'report' &&
    a.refersTo.includes(b.agencyId) &&
    b.refersTo.includes(a.agencyId)
  );
}

/**
 * The pair score, 0..1. Wording carries it; shared people and places fill
 * part of what wording leaves; time scales it; a report-of mismatch halves it.
 * 0 for entries of the same agency, undated entries or entries too far apart.
 */
export function pairScore(set: FeatureSet, a: EntryFeatures, b: EntryFeatures): number {
  if (a.agencyId === b.agencyId) return 0;
  if (!a.window || !b.window) return 0;
  if (gapMinutes(a.window, b.window) > SCORING.maxGapMinutes) return 0;
  return scoreWithCosine(a, b, cosine(set, a, b), set);
}

/**
 * The pair score from a cosine already worked out (the candidate sweep has a
 * faster way to it), for two dated entries of different agencies within reach.
 * Returns 0 early when even the most favourable people and places evidence
 * could not lift the pair to `floor`.
 */
export function scoreWithCosine(
  a: EntryFeatures,
  b: EntryFeatures,
  cos: number,
  set: FeatureSet,
  floor = 0,
): number {
  const time = timeEvidence(a, b);
  let text = 0;
  if (cos > 0) {
    const ratio = a.norm > b.norm ? a.norm / b.norm : b.norm / a.norm;
    text = Math.min(1, Math.sqrt(cos * Math.min(1, cos * ratio)) / SCORING.textSaturation);
  }
  const timeFactor = 1 - SCORING.timeWeight + SCORING.timeWeight * time;
  const weight = isExchange(a, b) ? SCORING.exchangeWeight : SCORING.mentionWeight;
  const penalty = reportOfMismatch(a, b) ? SCORING.reportOfPenalty : 1;
  if (timeFactor * (text + weight * (1 - text)) * penalty < floor) return 0;
  const mentions = Math.min(1, mentionEvidence(set, a, b) + counterpartEvidence(a, b));
  return timeFactor * (text + weight * mentions * (1 - text)) * penalty;
}

/** Why a pair scored as it did, for the reviewer. */
export interface PairEvidence {
  a: string;
  b: string;
  score: number;
  /** Minutes between the two windows (0 when they overlap); null when a date is unknown. */
  gapMinutes: number | null;
  time: number;
  text: number;
  sharedWords: string[];
  mentions: number;
  sharedMentions: string[];
  /** Whether each names the other's agency, or both record the same kind of meeting. */
  counterpart: number;
  /** What made the counterpart evidence, in words. */
  counterpartReason?: string;
  /** The entry that reports rather than records the event, and the phrase, when exactly one does. */
  reportOf?: { id: string; phrase: string };
}

/** The pair's score with its parts and what the two entries share. */
export function explainPair(set: FeatureSet, a: EntryFeatures, b: EntryFeatures): PairEvidence {
  const sharedWords: { word: string; weight: number }[] = [];
  // Both word lists are sorted: walk them together.
  for (let i = a.wordStart, j = b.wordStart; i < a.wordEnd && j < b.wordEnd; ) {
    const x = set.words[i] as number;
    const y = set.words[j] as number;
    if (x < y) i++;
    else if (y < x) j++;
    else {
      const stem = set.vocabulary[x] as string;
      sharedWords.push({ word: set.surfaces.get(stem) ?? stem, weight: set.weights[i] as number });
      i++;
      j++;
    }
  }
  sharedWords.sort((x, y) => y.weight - x.weight || (x.word < y.word ? -1 : 1));
  const bKeys = new Set(b.mentions.map((m) => m.key));
  const reporter = reportOfMismatch(a, b)
    ? a.reportOf?.kind === 'report' || !b.reportOf
      ? a
      : b
    : undefined;
  const counterpart = counterpartEvidence(a, b);
  const ab = a.refersTo.includes(b.agencyId);
  const ba = b.refersTo.includes(a.agencyId);
  const counterpartReason =
    counterpart === 0
      ? undefined
      : a.reportOf?.kind === 'meeting' && b.reportOf?.label === a.reportOf.label
        ? `both record ${MEETING_NAMES[a.reportOf.label] ?? `a ${a.reportOf.label} meeting`}`
        : ab && ba
          ? isExchange(a, b)
            ? "two ends of one contact: each names the other's agency"
            : "each names the other's agency"
          : `${ab ? a.id : b.id} names the other's agency`;
  return {
    a: a.id,
    b: b.id,
    score: pairScore(set, a, b),
    gapMinutes: a.window && b.window ? gapMinutes(a.window, b.window) : null,
    time: timeEvidence(a, b),
    text: textSimilarity(set, a, b),
    sharedWords: sharedWords.slice(0, 6).map((w) => w.word),
    mentions: mentionEvidence(set, a, b),
    sharedMentions: a.mentions.filter((m) => bKeys.has(m.key)).map((m) => m.label),
    counterpart,
    ...(counterpartReason ? { counterpartReason } : {}),
    ...(reporter?.reportOf
      ? { reportOf: { id: reporter.id, phrase: reporter.reportOf.phrase } }
      : {}),
  };
}
