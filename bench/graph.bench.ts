/**
 * Pattern analysis across a workspace: 1,000 generated reviews of about 100
 * graph nodes each (agencies, chronology, excerpts, KPEs, factors, findings,
 * Board issues), folded in memory (not timed), then `analyseWorkspace` timed
 * from the folded states. Also times per-review patterns (projection,
 * ranking and seeded Louvain) over the same reviews, for information.
 */
import type { AgencySector } from '../src/domain/agency.ts';
import type { EventDraft, ReviewEvent } from '../src/domain/events.ts';
import type { AppraisalRating } from '../src/domain/kpe.ts';
import type { ReviewState } from '../src/domain/review-state.ts';
import { seededRandom } from '../src/graph/graphology-interop.ts';
import { analysePatterns, analyseWorkspace, projectReview } from '../src/graph/index.ts';
import { loadModel } from '../src/model/load-model.ts';
import { factorHeads, typology } from '../src/model/lookups.ts';
import { applyEvent, initialState } from '../src/store/fold-events.ts';
import type { BenchResult } from './event-store.bench.ts';

const REVIEWS = 1_000;
const TARGET_SECONDS = 2;
const SECTORS: AgencySector[] = [
  'health',
  'police',
  'children-social-care',
  'education',
  'housing',
];
const RATINGS: AppraisalRating[] = ['good', 'mixed', 'problematic', 'problematic', 'unclear'];

/** One generated review: 5 agencies, 40 entries, 12 excerpts, 15 KPEs, 18 factors, 4 findings, 8 issues. */
export function generateReview(n: number, random: () => number): ReviewState {
  const model = loadModel('learning-together');
  const heads = factorHeads(model).map((h) => h.id);
  const categories = (typology(model)?.categories ?? []).map((c) => c.id);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const id = `R-${String(n).padStart(5, '0')}`;
  const year = 2012 + (n % 13);
  const day = (d: number) => {
    const date = new Date(Date.UTC(year, 0, 1 + d));
    return date.toISOString().slice(0, 10);
  };
  const at = '2026-01-01T00:00:00.000Z';
  const created = {
    id,
    title: `Generated review ${n}`,
    kind: 'lcspr' as const,
    modelId: model.id,
    variant: model.defaultVariant,
    typology: model.defaultTypology,
    keyDates: {},
    startStage: model.start.default,
    createdAt: at,
  };
  const state = initialState(created);
  let seq = 0;
  const apply = (draft: EventDraft) => {
    seq += 1;
    applyEvent(state, {
      ...draft,
      reviewId: id,
      seq,
      actor: 'bench',
      at,
      prevHash: '',
      hash: '',
    } as ReviewEvent);
  };
  apply({ type: 'review.created', payload: created });
  for (let a = 1; a <= 5; a++) {
    apply({
      type: 'agency.added',
      payload: { id: `AG-${a}`, name: `Agency ${a}`, sector: pick(SECTORS) },
    });
  }
  for (let c = 1; c <= 40; c++) {
    apply({
      type: 'chronology.entry-added',
      payload: {
        id: `CH-${c}`,
        agencyId: `AG-${1 + (c % 5)}`,
        date: { precision: 'day', start: day(c * 8), original: day(c * 8) },
        text: `Entry ${c}: home visit, family seen, advice given.`,
        provenance: { method: 'import', file: `agency-${1 + (c % 5)}.csv`, record: c },
        extra: {},
      },
    });
  }
  apply({
    type: 'participant.added',
    payload: { id: 'PT-1', name: 'Practitioner', role: 'case-group', agencyId: 'AG-1' },
  });
  apply({
    type: 'conversation.recorded',
    payload: {
      id: 'CV-1',
      participantId: 'PT-1',
      date: day(400),
      status: 'held',
      conductedBy: [],
      sections: {},
    },
  });
  for (let e = 1; e <= 12; e++) {
    apply({
      type: 'excerpt.added',
      payload: {
        id: `EX-${e}`,
        conversationId: 'CV-1',
        sectionId: 'overview',
        text: `Excerpt ${e}.`,
        quotable: false,
      },
    });
  }
  for (let k = 1; k <= 15; k++) {
    apply({
      type: 'kpe.added',
      payload: {
        id: `KPE-${k}`,
        title: `Episode ${k}`,
        period: { from: day(k * 20), to: day(k * 20 + 10) },
        agencyIds: [`AG-${1 + (k % 5)}`, `AG-${1 + ((k + 2) % 5)}`],
        chronologyRefs: [`CH-${1 + ((k * 3) % 40)}`, `CH-${1 + ((k * 3 + 1) % 40)}`],
        whatHappened: 'What happened.',
        appraisal: { rating: pick(RATINGS), text: 'Appraisal.' },
        explanation: { localRationality: 'Why it made sense.' },
      },
    });
  }
  for (let f = 1; f <= 18; f++) {
    apply({
      type: 'factor.added',
      payload: { id: `CF-${f}`, head: pick(heads), text: `Factor ${f}`, scope: 'generic' },
    });
  }
  for (let k = 1; k <= 15; k++) {
    for (let j = 0; j < 3; j++) {
      const evidence = [
        `EX-${1 + Math.floor(random() * 12)}`,
        `CH-${1 + Math.floor(random() * 40)}`,
      ];
      apply({
        type: 'factor.linked',
        payload: { kpeId: `KPE-${k}`, factorId: `CF-${1 + Math.floor(random() * 18)}`, evidence },
      });
    }
  }
  for (let f = 1; f <= 4; f++) {
    apply({
      type: 'finding.added',
      payload: {
        id: `F-${f}`,
        statement: `Finding ${f}.`,
        category: pick(categories),
        sections: {},
        factorIds: [`CF-${f}`, `CF-${f + 4}`, `CF-${f + 8}`],
        boardIssues: [
          { id: `BI-${f * 2 - 1}`, question: 'What assurance does the Board need?' },
          { id: `BI-${f * 2}`, question: 'How will the partnership know it has changed?' },
        ],
      },
    });
  }
  return state;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export async function runGraphBench(): Promise<BenchResult[]> {
  const random = seededRandom(42);
  const model = loadModel('learning-together');
  const reviews = Array.from({ length: REVIEWS }, (_, i) => ({
    state: generateReview(i + 1, random),
    model,
  }));
  let nodes = 0;
  for (const r of reviews) nodes += projectReview(r.state, r.model).order;

  const cold = performance.now();
  const first = analyseWorkspace(reviews);
  const coldSeconds = (performance.now() - cold) / 1000;
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    analyseWorkspace(reviews);
    times.push((performance.now() - start) / 1000);
  }
  const warmSeconds = median(times);
  if (first.reviewCount !== REVIEWS) throw new Error('the workspace analysis lost reviews');

  const perReviewStart = performance.now();
  for (const r of reviews) analysePatterns(projectReview(r.state, r.model), r.model);
  const perReviewSeconds = (performance.now() - perReviewStart) / 1000;

  return [
    {
      name: 'workspace of generated reviews',
      figure: `${nodes.toLocaleString('en-GB')} nodes`,
      target: `(${REVIEWS.toLocaleString('en-GB')} reviews)`,
      ratio: '',
      pass: true,
    },
    {
      name: 'workspace patterns, first run',
      figure: `${coldSeconds.toFixed(3)} s`,
      target: `< ${TARGET_SECONDS} s`,
      ratio: `${(coldSeconds / TARGET_SECONDS).toFixed(2)} of budget`,
      pass: coldSeconds < TARGET_SECONDS,
    },
    {
      name: 'workspace patterns, median of 3 further runs',
      figure: `${warmSeconds.toFixed(3)} s`,
      target: `< ${TARGET_SECONDS} s`,
      ratio: `${(warmSeconds / TARGET_SECONDS).toFixed(2)} of budget`,
      pass: warmSeconds < TARGET_SECONDS,
    },
    {
      name: 'per-review patterns (with Louvain), each',
      figure: `${((perReviewSeconds / REVIEWS) * 1000).toFixed(2)} ms`,
      target: '(no target)',
      ratio: '',
      pass: true,
    },
  ];
}
