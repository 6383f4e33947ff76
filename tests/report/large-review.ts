// A large generated review for the report bench and the report tests, folded straight from
// events (no SQLite): KPEs with full appraisals and explanations, factors, findings with every
// section written and Board issues, a long chronology, participants and every outline text.
// Deterministic (seeded), so the same call renders the same report every time.
import type { EventDraft, ReviewEvent } from '../../src/domain/events.ts';
import type { ReviewState } from '../../src/domain/review-state.ts';
import { factorHeads, walkOutline } from '../../src/model/lookups.ts';
import type { MethodologyModel } from '../../src/model/methodology-model.ts';
import { foldEvents } from '../../src/store/fold-events.ts';

export interface LargeReviewSize {
  kpes: number;
  findings: number;
  chronology: number;
  /** Factors per KPE, on average. */
  factorsPerKpe?: number;
}

/** About 120 A4 pages with the Learning Together outline. */
export const LARGE_REVIEW: LargeReviewSize = { kpes: 60, findings: 12, chronology: 360 };

const AT = '2026-01-15T10:00:00.000Z';

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

const EPISODES = [
  'the health visitor saw the family at home after two missed clinic appointments',
  'nursery staff noticed small changes in the child’s presentation over several weeks',
  'a police notification reached a shared inbox and waited twelve days',
  'the front door screened a domestic incident on the police account alone',
  'a strategy discussion was held by telephone without health visiting',
  'early help planned with the mother and without her new partner',
  'the family moved into temporary accommodation in another area',
  'the GP practice nurse saw a mark on the child’s cheek at an immunisation',
];

const SENTENCES = [
  'The practitioner recorded what was seen and said, and planned a further contact within the usual timescale.',
  'Information held by another agency was not visible from the system the practitioner used that day.',
  'The team was carrying two vacancies, and visits were prioritised by a duty system that changed weekly.',
  'Supervision took place as planned and discussed the family, but its record holds only the actions agreed.',
  'The mother described the household as settled, and nothing the practitioner saw suggested otherwise.',
  'Guidance at the time set out when to consult the safeguarding lead, and the threshold was judged not met.',
  'The referral form asked about the child and the parent, with no place to record other adults in the home.',
  'Practitioners in the case group said this pattern is common and that the current tools do not help them notice it.',
  'Two services held parts of the picture, each reasonably assuming the other would act on what it knew.',
  'The decision was made quickly and in line with the procedures, which did not ask for a second view.',
];

const prose = (next: () => number, sentences: number) =>
  Array.from(
    { length: sentences },
    () => SENTENCES[Math.floor(next() * SENTENCES.length)] as string,
  ).join(' ');

const cap = (s: string) => s.replace(/^./, (c) => c.toUpperCase());

/** A review of the given size; `title` is user text and may hold anything a reviewer types. */
export function largeReview(
  model: MethodologyModel,
  size: LargeReviewSize = LARGE_REVIEW,
  { title = 'Child L: Harrow Moor Safeguarding Partnership', seed = 11 } = {},
): ReviewState {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const heads = factorHeads(model).map((h) => h.id);
  const factors = Math.round(size.kpes * (size.factorsPerKpe ?? 1.2));
  const categories = model.typologies[0]?.categories.map((c) => c.id) ?? [];
  const agencies = [
    ['Harrow Moor Health Visiting', 'health'],
    ['Moorside GP Practice', 'health'],
    ['Harrow Moor Police', 'police'],
    ['Children’s Social Care front door', 'children-social-care'],
    ['Early Help Service', 'children-social-care'],
    ['Little Acorns Nursery', 'early-years'],
    ['Harrow Moor Housing Options', 'housing'],
  ] as const;
  const drafts: EventDraft[] = [];

  agencies.forEach(([name, sector], i) => {
    drafts.push({ type: 'agency.added', payload: { id: `AG-${i + 1}`, name, sector } });
  });
  type Role = 'lead-reviewer' | 'review-team' | 'case-group';
  const people: [string, Role, string][] = [
    ['Alex Morrow', 'lead-reviewer', 'Independent lead reviewer'],
    ['Priya Castell', 'lead-reviewer', 'Independent lead reviewer'],
    ...Array.from({ length: 8 }, (_, i): [string, Role, string] => [
      `Review Member ${i + 1}`,
      'review-team',
      'Senior manager',
    ]),
    ...Array.from({ length: 14 }, (_, i): [string, Role, string] => [
      `Case Member ${i + 1}`,
      'case-group',
      'Practitioner',
    ]),
  ];
  people.forEach(([name, role, profession], i) => {
    drafts.push({
      type: 'participant.added',
      payload: {
        id: `PT-${i + 1}`,
        name,
        role,
        profession,
        agencyId: `AG-${(i % agencies.length) + 1}`,
        ...(role === 'case-group' ? { publicationLabel: `Practitioner ${i + 1}` } : {}),
      },
    });
  });
  for (let q = 1; q <= 4; q += 1) {
    drafts.push({
      type: 'review.question-added',
      payload: {
        id: `RQ-${q}`,
        text: `How well does the system help practitioners when ${pick(EPISODES)}?`,
      },
    });
  }
  for (const entry of walkOutline(model)) {
    const s = entry.section;
    if (s.content !== 'text' || s.children.length > 0) continue;
    drafts.push({
      type: 'review.text-set',
      payload: {
        section: s.id,
        text: Array.from({ length: 3 }, () => prose(next, 4)).join('\n\n'),
      },
    });
  }
  for (let c = 1; c <= size.chronology; c += 1) {
    const day = new Date(Date.UTC(2024, 10, 1) + Math.floor((c * 548 * 864e5) / size.chronology));
    const iso = day.toISOString().slice(0, 10);
    const [y, m, d] = iso.split('-');
    drafts.push({
      type: 'chronology.entry-added',
      payload: {
        id: `CH-${c}`,
        agencyId: `AG-${1 + Math.floor(next() * agencies.length)}`,
        date: { precision: 'day', start: iso, original: `${d}/${m}/${y}` },
        text: `${cap(pick(EPISODES))}. ${prose(next, 1 + Math.floor(next() * 2))}`,
        sourceRef: `REF-${1000 + c}`,
        provenance: { method: 'import', file: 'agency-return.csv', record: c },
        extra: {},
      },
    });
  }
  for (let i = 1; i <= size.kpes; i += 1) {
    const day = new Date(Date.UTC(2024, 10, 1 + i * 8));
    const from = day.toISOString().slice(0, 10);
    const good = i % 5 === 0;
    drafts.push({
      type: 'kpe.added',
      payload: {
        id: `KPE-${i}`,
        title: cap(pick(EPISODES)),
        period:
          i % 4 === 0
            ? { from, to: new Date(day.getTime() + 30 * 864e5).toISOString().slice(0, 10) }
            : { from },
        agencyIds: [`AG-${1 + (i % agencies.length)}`],
        chronologyRefs: [`CH-${1 + ((i * 7) % size.chronology)}`],
        whatHappened: prose(next, 3),
        appraisal: {
          rating: good ? 'good' : pick(['mixed', 'problematic', 'unclear'] as const),
          text: prose(next, 2),
          ...(i % 3 === 0
            ? { standard: 'Working Together to Safeguard Children (2023), ch. 2' }
            : {}),
        },
        explanation: { localRationality: prose(next, 3) },
      },
    });
  }
  for (let f = 1; f <= factors; f += 1) {
    drafts.push({
      type: 'factor.added',
      payload: {
        id: `CF-${f}`,
        head: heads[(f * 7) % heads.length] as string,
        text: `${cap(pick(EPISODES))}, because ${pick(EPISODES)}.`,
        scope: 'generic',
      },
    });
  }
  const linked = new Set<string>();
  for (let i = 1; i <= size.kpes; i += 1) {
    const count = 1 + Math.floor(next() * 3);
    for (let j = 0; j < count; j += 1) {
      const factorId = `CF-${1 + Math.floor(next() * factors)}`;
      if (linked.has(`${i}|${factorId}`)) continue;
      linked.add(`${i}|${factorId}`);
      drafts.push({
        type: 'factor.linked',
        payload: { kpeId: `KPE-${i}`, factorId, evidence: [] },
      });
    }
  }
  for (let n = 1; n <= size.findings; n += 1) {
    const count = 3 + Math.floor(next() * 3);
    const factorIds = [
      ...new Set(Array.from({ length: count }, () => `CF-${1 + Math.floor(next() * factors)}`)),
    ];
    drafts.push({
      type: 'finding.added',
      payload: {
        id: `F-${n}`,
        statement: `When ${pick(EPISODES)}, the system relies on individual memory rather than a shared record, so ${pick(EPISODES)}.`,
        category: categories[n % categories.length] as string,
        sections: Object.fromEntries(
          model.findingSections.map((s) => [s.id, `${prose(next, 4)}\n\n${prose(next, 3)}`]),
        ),
        rank: n,
        factorIds,
        boardIssues: [1, 2, 3].map((b) => ({
          id: `BI-${(n - 1) * 3 + b}`,
          question: `How will the partnership know whether practitioners can see what other agencies hold when ${pick(EPISODES)}?`,
        })),
      },
    });
  }

  const created: EventDraft = {
    type: 'review.created',
    payload: {
      id: 'R-LARGE1',
      title,
      kind: 'lcspr',
      modelId: 'learning-together',
      variant: 'full',
      typology: 'scie-2008',
      subjectLabel: 'Child L',
      keyDates: {},
      startStage: 'notification',
      createdAt: AT,
    },
  };
  const events = [created, ...drafts].map(
    (d, i) =>
      ({
        ...d,
        reviewId: 'R-LARGE1',
        seq: i + 1,
        actor: 'Bench',
        at: AT,
        prevHash: '0'.repeat(64),
        hash: (i + 1).toString(16).padStart(64, '0'),
      }) as ReviewEvent,
  );
  return foldEvents(events);
}
