/**
 * How alike two entries from different agencies are, as evidence that they
 * record the same event: closeness in time on the working clock (discounted
 * when a date is imprecise), wording, shared people and places, the other
 * agency's practitioner named, each naming the other agency, and records of
 * the same kind of thing (the same kind of meeting, two ends of one call) —
 * with penalties when they are records of different kinds of thing (an
 * incident and the call passing on news of it, a referral and its
 * acknowledgement, a strategy discussion and the visit it led to), when a
 * contact was with a third agency, or when both tell a contact the same way
 * round (two calls from the same agency, not one call).
 *
 * The evidence combines as independent chances that the pair is one event
 * (1 − Π(1 − wᵢ·xᵢ)), scaled by time and by the penalties. The weights were
 * tuned on the tuning seeds of the synthetic corpus (bench/eval-duplicates.ts)
 * and kept away from 0, so no single reading of the wording vetoes a pair.
 *
 * Wording is compared as TF-IDF cosine (binary term frequency, IDF from this
 * chronology) blended with containment, not as token-set Jaccard: in one
 * review nearly every entry names the child, the mother and "visit", and
 * Jaccard weighs those like "fracture" or "Kingfisher Court"; IDF lets the
 * review's own word frequencies decide what is informative. Containment
 * (geometric mean with the cosine) keeps a one-line record comparable with
 * another agency's paragraph about the same event.
 */
import {
  compareActivities,
  relationCode,
  twoSidesOfOneEvent,
} from './find-duplicates-activities.ts';
import type { EntryFeatures, FeatureSet, TimeWindow } from './find-duplicates-features.ts';

/** The tuning of the score, in one place, so a reviewer can see what it weighs. */
export const SCORING = {
  /** Entries further apart than this on the working clock (in minutes) are never the same event. */
  maxGapMinutes: 36 * 60,
  /** Cosine similarity at which wording counts as fully alike: different agencies never word an event the same. */
  textSaturation: 0.85,
  /** Time's share: the score is scaled by (1 − timeWeight) + timeWeight × time evidence. */
  timeWeight: 0.45,
  /** Shared people and places (IDF-weighted, at most 1). */
  mentionWeight: 0.2,
  /** One entry names the practitioner who wrote the other ("with HV Sian Pritchard"). */
  authorWeight: 0.5,
  /** Each names the other's agency as the one it was with (a call, a referral, a joint visit). */
  mutualCounterpart: 0.6,
  /** One names the other's agency as the one it was with; the other names none. */
  oneWayCounterpart: 0.4,
  /**
   * Neither names an agency it was with, but each names the other's agency somewhere, or
   * both read as the same kind of meeting (`reportMarker`); one-way naming counts 0.35 of it.
   */
  otherReference: 0.95,
  /** The same kind of meeting (two records of a strategy discussion, of a core group). */
  sameMeeting: 0.7,
  /** Two ends of one contact: both calls, letters or referrals, each with the other, not told the same way. */
  exchange: 0.6,
  /** Records of the same kind of thing (two visits, two medicals). */
  sameActivity: 0.2,
  /** Kinds one event can be recorded as by two agencies (a call and a referral). */
  compatibleActivity: 0.05,
  /** Multiplier for records of different kinds of thing (a referral and its acknowledgement). */
  differentActivityPenalty: 0.3,
  /** Multiplier when a call, letter or referral names a third agency as the one it was with. */
  otherCounterpartPenalty: 0.3,
  /** Multiplier when both records tell a contact the same way round (both "call from", both "phoned"). */
  sameDirectionPenalty: 0.5,
  /** Multiplier when each names children of the family and none in common: about different children. */
  otherChildPenalty: 0.5,
  /** Multiplier when exactly one reads as a report of the event or a meeting record (`reportMarker`). */
  reportOfPenalty: 0.7,
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

/** Time evidence, 0..1: proximity on the working clock × specificity; 0 when unknown or too far apart. */
function timeEvidence(a: EntryFeatures, b: EntryFeatures): number {
  const aw = a.work;
  const bw = b.work;
  if (!aw || !bw || !a.window || !b.window) return 0;
  const gap = aw.hi < bw.lo ? bw.lo - aw.hi : bw.hi < aw.lo ? aw.lo - bw.hi : 0;
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

/** A call, letter, referral or acknowledgement: one agency's side of a contact (worked out with the features). */
const isContact = (e: EntryFeatures) => e.contact;

/**
 * How the two name each other as the agency they were with: `mutual`, `one-way`
 * (the other names none), `other` (either names a third agency) or `none`.
 */
function counterpartRelation(
  a: EntryFeatures,
  b: EntryFeatures,
): 'mutual' | 'one-way' | 'other' | 'none' {
  const ab = a.counterpart?.includes(b.agencyId) ?? false;
  const ba = b.counterpart?.includes(a.agencyId) ?? false;
  if (ab && ba) return 'mutual';
  if ((a.counterpart !== undefined && !ab) || (b.counterpart !== undefined && !ba)) return 'other';
  return ab || ba ? 'one-way' : 'none';
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
  return ab && ba ? 1 : ab || ba ? 0.35 : 0;
}

/** How much the entries' naming of each other's agency counts, 0..1, by `counterpartRelation`. */
function namingEvidence(a: EntryFeatures, b: EntryFeatures, relation: string): number {
  if (relation === 'mutual') return SCORING.mutualCounterpart;
  if (relation === 'one-way') return SCORING.oneWayCounterpart;
  if (relation === 'other') return 0;
  if (a.refersTo.length === 0 && b.refersTo.length === 0 && !a.reportOf && !b.reportOf) return 0;
  return SCORING.otherReference * counterpartEvidence(a, b);
}

/** What the two entries' kinds say, and the multiplier for what stands against them. */
interface KindReading {
  activity: ReturnType<typeof compareActivities>;
  counterpart: ReturnType<typeof counterpartRelation>;
  /** Both are contacts, each with the other, not told the same way round. */
  exchange: boolean;
  evidence: number;
  penalty: number;
}

const SAME = 0;
const COMPATIBLE = 1;
const DIFFERENT = 2;

/** Both are contacts told the same way round: two calls from one agency, not one call. */
function sameWay(a: EntryFeatures, b: EntryFeatures): boolean {
  return a.direction !== undefined && a.direction === b.direction && isContact(a) && isContact(b);
}

/**
 * The multiplier for what stands against the pair being one event: records
 * of different kinds, a contact with a third agency, a contact told the same
 * way round by both, one a report of the event and the other not. Worked out
 * without allocating: the candidate sweep asks it of every pair it meets.
 */
export function kindPenalty(a: EntryFeatures, b: EntryFeatures): number {
  let penalty = 1;
  if (relationCode(a.activity, b.activity) === DIFFERENT) {
    penalty *= SCORING.differentActivityPenalty;
  }
  // A visit "with" a third agency is weak evidence (the nursery's record of the joint visit may
  // name the social worker's team); a call or referral with a third agency is another contact.
  if (
    (a.counterpart !== undefined || b.counterpart !== undefined) &&
    (isContact(a) || isContact(b)) &&
    counterpartRelation(a, b) === 'other'
  ) {
    penalty *= SCORING.otherCounterpartPenalty;
  }
  if (sameWay(a, b)) penalty *= SCORING.sameDirectionPenalty;
  if (a.reportOf?.kind !== b.reportOf?.kind) penalty *= SCORING.reportOfPenalty;
  if (aboutOtherChildren(a, b)) penalty *= SCORING.otherChildPenalty;
  return penalty;
}

/**
 * Each names a child of the family and they name no child in common: two
 * strategy discussions, one about each sibling, are two meetings. A record
 * naming both children shares one with either.
 */
export function aboutOtherChildren(a: EntryFeatures, b: EntryFeatures): boolean {
  let aNames = false;
  for (const m of a.mentions) {
    if (!m.child) continue;
    aNames = true;
    for (const n of b.mentions) if (n.key === m.key) return false;
  }
  if (!aNames) return false;
  for (const n of b.mentions) if (n.child) return true;
  return false;
}

/** Evidence from the kinds of record: the same meeting, two ends of one contact, the same kind. */
function kindEvidence(a: EntryFeatures, b: EntryFeatures, counterpart: string): number {
  const relation = relationCode(a.activity, b.activity);
  if (relation === SAME && a.activity?.kind === 'meeting') return SCORING.sameMeeting;
  if (
    (relation === SAME || relation === COMPATIBLE) &&
    counterpart === 'mutual' &&
    isContact(a) &&
    isContact(b) &&
    !sameWay(a, b)
  ) {
    return SCORING.exchange;
  }
  return relation === SAME || twoSidesOfOneEvent(a.activity, b.activity)
    ? SCORING.sameActivity
    : relation === COMPATIBLE
      ? SCORING.compatibleActivity
      : 0;
}

/** The kinds' reading in full, for the reviewer. */
function readKinds(a: EntryFeatures, b: EntryFeatures): KindReading {
  const counterpart = counterpartRelation(a, b);
  const evidence = kindEvidence(a, b, counterpart);
  return {
    activity: compareActivities(a.activity, b.activity),
    counterpart,
    exchange: evidence === SCORING.exchange && counterpart === 'mutual',
    evidence,
    penalty: kindPenalty(a, b),
  };
}

/**
 * The most the pair can score whatever its wording: the time factor times
 * the penalties. The candidate sweep skips the wording of pairs below the
 * threshold by this alone.
 */
export function pairCeiling(a: EntryFeatures, b: EntryFeatures): number {
  return timeFactorOf(a, b) * kindPenalty(a, b);
}

function timeFactorOf(a: EntryFeatures, b: EntryFeatures): number {
  return 1 - SCORING.timeWeight + SCORING.timeWeight * timeEvidence(a, b);
}

/**
 * How strongly each names the practitioner who wrote the other, 0..1: the
 * IDF of the rarest such name ("Joint visit with SW Okafor" and an entry by
 * "T Okafor, Social Worker").
 */
function authorEvidence(set: FeatureSet, a: EntryFeatures, b: EntryFeatures): number {
  let best = 0;
  for (const [author, text] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const id of author.authorNames) {
      // The text's word ids are sorted: binary search.
      let lo = text.wordStart;
      let hi = text.wordEnd - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const w = set.words[mid] as number;
        if (w === id) {
          best = Math.max(best, set.idf[id] as number);
          break;
        }
        if (w < id) lo = mid + 1;
        else hi = mid - 1;
      }
    }
  }
  return best;
}

/**
 * The pair score, 0..1. Wording, shared mentions, the practitioner named, the
 * agencies named and the kinds of record combine as independent evidence;
 * time scales it; records of different kinds, a contact with a third agency
 * or a contact told the same way round by both reduce it.
 * 0 for entries of the same agency, undated entries or entries too far apart.
 */
export function pairScore(set: FeatureSet, a: EntryFeatures, b: EntryFeatures): number {
  if (a.agencyId === b.agencyId) return 0;
  if (!a.work || !b.work) return 0;
  if (gapMinutes(a.work, b.work) > SCORING.maxGapMinutes) return 0;
  return scoreWithCosine(a, b, cosine(set, a, b), set);
}

/** The most shared mentions and a named practitioner could add, for the early return. */
const MOST_FROM_NAMES = 1 - (1 - SCORING.mentionWeight) * (1 - SCORING.authorWeight);

/**
 * The pair score from a cosine already worked out (the candidate sweep has a
 * faster way to it), for two dated entries of different agencies within reach.
 * Returns 0 early when even the most favourable people and places evidence
 * could not lift the pair to `floor`. `ceiling` is `pairCeiling(a, b)`, when
 * the caller has it already.
 */
export function scoreWithCosine(
  a: EntryFeatures,
  b: EntryFeatures,
  cos: number,
  set: FeatureSet,
  floor = 0,
  ceiling = pairCeiling(a, b),
): number {
  const scale = ceiling;
  if (scale < floor) return 0;
  let text = 0;
  if (cos > 0) {
    const ratio = a.norm > b.norm ? a.norm / b.norm : b.norm / a.norm;
    text = Math.min(1, Math.sqrt(cos * Math.min(1, cos * ratio)) / SCORING.textSaturation);
  }
  const counterpart = counterpartRelation(a, b);
  const doubt =
    (1 - text) * (1 - namingEvidence(a, b, counterpart)) * (1 - kindEvidence(a, b, counterpart));
  if (scale * (1 - doubt * (1 - MOST_FROM_NAMES)) < floor) return 0;
  const mentions = Math.min(1, mentionEvidence(set, a, b));
  const author = authorEvidence(set, a, b);
  return (
    scale *
    (1 - doubt * (1 - SCORING.mentionWeight * mentions) * (1 - SCORING.authorWeight * author))
  );
}

/** Why a pair scored as it did, for the reviewer. */
export interface PairEvidence {
  a: string;
  b: string;
  score: number;
  /** Minutes between the two windows (0 when they overlap); null when a date is unknown. */
  gapMinutes: number | null;
  /** Time evidence: closeness on the working clock, discounted for imprecise dates. */
  time: number;
  text: number;
  sharedWords: string[];
  mentions: number;
  sharedMentions: string[];
  /** How strongly one names the practitioner who wrote the other, 0..1. */
  author: number;
  /** Whether each names the other's agency, or both record the same kind of meeting. */
  counterpart: number;
  /** What made the counterpart evidence, in words. */
  counterpartReason?: string;
  /** What each records (a visit, a strategy discussion, a call…) and how the two kinds stand. */
  kinds: {
    a: string | null;
    b: string | null;
    relation: 'same' | 'compatible' | 'different' | 'unknown';
  };
  /** What reduced the score, in words (records of different kinds, a third agency…). */
  against: string[];
  /** The entry that reports rather than records the event, and the phrase, when exactly one does. */
  reportOf?: { id: string; phrase: string };
}

const kindName = (e: EntryFeatures): string | null =>
  e.activity
    ? e.activity.kind === 'meeting'
      ? `${e.activity.label} meeting`
      : e.activity.kind
    : null;

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
  const kinds = readKinds(a, b);
  const ab = a.refersTo.includes(b.agencyId);
  const ba = b.refersTo.includes(a.agencyId);
  const counterpartReason = kinds.exchange
    ? "two ends of one contact: each names the other's agency"
    : kinds.counterpart === 'mutual'
      ? "each was with the other's agency"
      : kinds.activity === 'same' && a.activity?.kind === 'meeting'
        ? `both record ${MEETING_NAMES[a.activity.label] ?? `a ${a.activity.label} meeting`}`
        : kinds.counterpart === 'one-way'
          ? `${a.counterpart?.includes(b.agencyId) ? a.id : b.id} was with the other's agency`
          : counterpart === 0
            ? undefined
            : ab && ba
              ? "each names the other's agency"
              : `${ab ? a.id : b.id} names the other's agency`;
  const against: string[] = [];
  if (kinds.activity === 'different') {
    against.push(`records of different things (${kindName(a)}, ${kindName(b)})`);
  }
  if (kinds.counterpart === 'other' && (isContact(a) || isContact(b))) {
    against.push(
      `${a.counterpart !== undefined && !a.counterpart.includes(b.agencyId) ? a.id : b.id} was with another agency`,
    );
  }
  if (isContact(a) && isContact(b) && a.direction !== undefined && a.direction === b.direction) {
    against.push(
      `both tell a contact ${a.direction === 'in' ? 'received' : 'made'}, not one each way`,
    );
  }
  if (aboutOtherChildren(a, b)) {
    const children = (e: EntryFeatures) =>
      e.mentions
        .filter((m) => m.child)
        .map((m) => m.label)
        .join(', ');
    against.push(`about different children (${children(a)}; ${children(b)})`);
  }
  if (reporter?.reportOf) {
    against.push(
      `${reporter.id} reads as a ${reporter.reportOf.kind === 'meeting' ? 'meeting record' : 'report of the event'} ("${reporter.reportOf.phrase}")`,
    );
  }
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
    author: authorEvidence(set, a, b),
    counterpart,
    ...(counterpartReason ? { counterpartReason } : {}),
    kinds: { a: kindName(a), b: kindName(b), relation: kinds.activity },
    against,
    ...(reporter?.reportOf
      ? { reportOf: { id: reporter.id, phrase: reporter.reportOf.phrase } }
      : {}),
  };
}
