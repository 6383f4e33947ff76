// Reviews for the map tests and bench, folded straight from events (no SQLite): a small
// hand-built one with known answers, and a generated one of any size (40 KPEs for the target).
import type { EventDraft, ReviewEvent } from '../../src/domain/events.ts';
import type { ReviewState } from '../../src/domain/review-state.ts';
import { factorHeads } from '../../src/model/lookups.ts';
import type { MethodologyModel } from '../../src/model/methodology-model.ts';
import { foldEvents } from '../../src/store/fold-events.ts';

const AT = '2026-01-15T10:00:00.000Z';

function fold(reviewId: string, title: string, drafts: EventDraft[]): ReviewState {
  const created: EventDraft = {
    type: 'review.created',
    payload: {
      id: reviewId,
      title,
      kind: 'lcspr',
      modelId: 'learning-together',
      variant: 'full',
      typology: 'scie-2008',
      keyDates: {},
      startStage: 'notification',
      createdAt: AT,
    },
  };
  const events = [created, ...drafts].map(
    (d, i) =>
      ({
        ...d,
        reviewId,
        seq: i + 1,
        actor: 'Test Reviewer',
        at: AT,
        prevHash: '0'.repeat(64),
        hash: (i + 1).toString(16).padStart(64, '0'),
      }) as ReviewEvent,
  );
  return foldEvents(events);
}

/** The title of KPE-2 in `smallReview`: markup and an ampersand that must never reach the SVG raw. */
export const HOSTILE_TITLE = '<script>alert("x")</script> & <b>Mum’s</b> visit';

/**
 * Four KPEs (KPE-2 good practice, KPE-4 in time first), four factors under three heads,
 * two findings: F-1 ← CF-1, CF-2; F-2 ← CF-3. KPE-3 is linked to nothing.
 */
export function smallReview(): ReviewState {
  return fold('R-SMALL1', 'Review of Child A & <siblings>', [
    {
      type: 'kpe.added',
      payload: {
        id: 'KPE-1',
        title: 'Home visit after the birth of a sibling',
        period: { from: '2025-03-02' },
        agencyIds: [],
        chronologyRefs: [],
        whatHappened: 'The health visitor saw the family at home.',
        appraisal: { rating: 'mixed', text: 'Timely, but no follow-up.' },
      },
    },
    {
      type: 'kpe.added',
      payload: {
        id: 'KPE-2',
        title: HOSTILE_TITLE,
        period: { from: '2025-04-10', to: '2025-05-20' },
        agencyIds: [],
        chronologyRefs: [],
        whatHappened: 'Nursery staff noticed small changes and referred.',
        appraisal: { rating: 'good', text: 'Prompt and well judged.' },
      },
    },
    {
      type: 'kpe.added',
      payload: {
        id: 'KPE-3',
        title: 'A strategy discussion',
        period: { from: '2025-06-01' },
        agencyIds: [],
        chronologyRefs: [],
        whatHappened: 'Police and social care spoke by telephone.',
      },
    },
    {
      type: 'kpe.added',
      payload: {
        id: 'KPE-4',
        title: 'Antenatal booking',
        period: { from: '2024-11-20' },
        agencyIds: [],
        chronologyRefs: [],
        whatHappened: 'The midwife booked the pregnancy.',
        appraisal: { rating: 'problematic', text: 'No routine enquiry.' },
      },
    },
    {
      type: 'factor.added',
      payload: {
        id: 'CF-1',
        head: 'conditions-of-work',
        text: 'Caseloads far above the local ceiling left no time for return visits.',
        scope: 'generic',
      },
    },
    {
      type: 'factor.added',
      payload: {
        id: 'CF-2',
        head: 'inter-agency-team',
        text: 'No shared record of concerns between health and early years.',
        scope: 'generic',
      },
    },
    {
      type: 'factor.added',
      payload: {
        id: 'CF-3',
        head: 'family',
        text: 'The mother was open about her difficulties.',
        scope: 'case-specific',
      },
    },
    {
      type: 'factor.added',
      payload: { id: 'CF-4', head: 'family', text: 'Unlinked factor.', scope: 'case-specific' },
    },
    { type: 'factor.linked', payload: { kpeId: 'KPE-1', factorId: 'CF-1', evidence: [] } },
    { type: 'factor.linked', payload: { kpeId: 'KPE-4', factorId: 'CF-1', evidence: [] } },
    { type: 'factor.linked', payload: { kpeId: 'KPE-2', factorId: 'CF-2', evidence: [] } },
    { type: 'factor.linked', payload: { kpeId: 'KPE-2', factorId: 'CF-3', evidence: [] } },
    { type: 'factor.linked', payload: { kpeId: 'KPE-1', factorId: 'CF-3', evidence: [] } },
    {
      type: 'finding.added',
      payload: {
        id: 'F-1',
        statement: 'Caseload pressure crowds out return visits & follow-up.',
        category: 'human-management-system-operation',
        sections: {},
        rank: 1,
        factorIds: ['CF-1', 'CF-2'],
        boardIssues: [],
      },
    },
    {
      type: 'finding.added',
      payload: {
        id: 'F-2',
        statement: 'Parents who are open about difficulties are given weight.',
        category: 'family-professional-interaction',
        sections: {},
        rank: 2,
        factorIds: ['CF-3'],
        boardIssues: [],
      },
    },
  ]);
}

/** A deterministic pseudo-random sequence (Park–Miller), so generated reviews repeat exactly. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

const PHRASES = [
  'the health visitor saw the family at home after two missed clinic appointments',
  'nursery staff noticed small changes in the child’s presentation over several weeks',
  'a police notification reached a shared inbox and waited twelve days',
  'the front door screened a domestic incident on the police account alone',
  'a strategy discussion was held by telephone without health visiting',
  'early help planned with the mother and without her new partner',
  'the family moved into temporary accommodation in another area',
  'the GP practice nurse saw a mark on the child’s cheek at an immunisation',
];

/**
 * A review of `kpes` KPEs with 1.5 factors per KPE spread over the model's heads,
 * 2–4 factor links per KPE, one finding per five KPEs with 4–8 factors each, and
 * one KPE in five good practice. Labels are realistic lengths, so wrapping is exercised.
 */
export function generatedReview(model: MethodologyModel, kpes = 40, seed = 7): ReviewState {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const heads = factorHeads(model).map((h) => h.id);
  const factors = Math.round(kpes * 1.5);
  const findings = Math.max(1, Math.round(kpes / 5));
  const drafts: EventDraft[] = [];
  for (let i = 1; i <= kpes; i += 1) {
    const day = new Date(Date.UTC(2024, 0, 1 + i * 9));
    const from = day.toISOString().slice(0, 10);
    const good = i % 5 === 0;
    drafts.push({
      type: 'kpe.added',
      payload: {
        id: `KPE-${i}`,
        title: `${pick(PHRASES).replace(/^./, (c) => c.toUpperCase())}${i % 3 === 0 ? `, and ${pick(PHRASES)}` : ''}`,
        period:
          i % 4 === 0
            ? { from, to: new Date(day.getTime() + 40 * 864e5).toISOString().slice(0, 10) }
            : { from },
        agencyIds: [],
        chronologyRefs: [],
        whatHappened: 'A fictional episode generated for the benchmark.',
        appraisal: {
          rating: good ? 'good' : pick(['mixed', 'problematic', 'unclear'] as const),
          text: 'Generated.',
        },
      },
    });
  }
  for (let f = 1; f <= factors; f += 1) {
    drafts.push({
      type: 'factor.added',
      payload: {
        id: `CF-${f}`,
        head: heads[(f * 7) % heads.length] as string,
        text: `${pick(PHRASES).replace(/^./, (c) => c.toUpperCase())}, because ${pick(PHRASES)}.`,
        scope: 'generic',
      },
    });
  }
  const linked = new Set<string>();
  for (let i = 1; i <= kpes; i += 1) {
    const count = 2 + Math.floor(next() * 3);
    for (let j = 0; j < count; j += 1) {
      const factorId = `CF-${1 + Math.floor(next() * factors)}`;
      const key = `KPE-${i}|${factorId}`;
      if (linked.has(key)) continue;
      linked.add(key);
      drafts.push({
        type: 'factor.linked',
        payload: { kpeId: `KPE-${i}`, factorId, evidence: [] },
      });
    }
  }
  for (let n = 1; n <= findings; n += 1) {
    const count = 4 + Math.floor(next() * 5);
    const factorIds = [
      ...new Set(Array.from({ length: count }, () => `CF-${1 + Math.floor(next() * factors)}`)),
    ];
    drafts.push({
      type: 'finding.added',
      payload: {
        id: `F-${n}`,
        statement: `Pattern ${n}: when ${pick(PHRASES)}, the system relies on individual memory rather than on a shared record, so ${pick(PHRASES)}.`,
        category: 'human-management-system-operation',
        sections: {},
        rank: n,
        factorIds,
        boardIssues: [],
      },
    });
  }
  return fold('R-GEN040', `Generated review of ${kpes} key practice episodes`, drafts);
}
