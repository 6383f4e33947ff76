/**
 * Event store: append rate (one transaction per event, as one command per
 * event) and replay time (read + parse + fold) for 100,000 events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventDraft } from '../src/domain/events.ts';
import { foldEvents } from '../src/store/fold-events.ts';
import { openWorkspace } from '../src/store/sqlite-event-store.ts';

export interface BenchResult {
  name: string;
  figure: string;
  target: string;
  ratio: string;
  pass: boolean;
}

const EVENTS = 100_000;

/** A realistic mix: chronology entries with agency text, KPEs, factors and links. */
function draftFor(i: number): EventDraft {
  const n = i + 1;
  switch (i % 10) {
    case 7:
      return {
        type: 'kpe.added',
        payload: {
          id: `KPE-${n}`,
          title: `Episode ${n}: a home visit after missed appointments`,
          period: { from: '2024-03-02' },
          agencyIds: ['AG-1'],
          chronologyRefs: [`CH-${n - 1}`],
          whatHappened:
            'The health visitor visited the family home after two missed clinic appointments and saw the child.',
          appraisal: {
            rating: 'mixed',
            text: 'Timely, but the history held by the GP was not drawn on.',
          },
          explanation: {
            localRationality: 'The visitor had 14 visits that day and no access to GP records.',
          },
        },
      };
    case 8:
      return {
        type: 'factor.added',
        payload: {
          id: `CF-${n}`,
          head: 'conditions-of-work',
          text: 'Caseloads above the local ceiling',
          scope: 'generic',
        },
      };
    case 9:
      return {
        type: 'factor.linked',
        payload: { kpeId: `KPE-${n - 2}`, factorId: `CF-${n - 1}`, evidence: [`CH-${n - 3}`] },
      };
    default:
      return {
        type: 'chronology.entry-added',
        payload: {
          id: `CH-${n}`,
          agencyId: 'AG-1',
          date: {
            precision: 'time',
            start: '2024-03-02',
            time: '10:30',
            original: '02/03/2024 10:30',
          },
          text: 'Home visit. Mother reported the child had a cold; flat cold, heating not working. Advice given on warmth and GP appointment.',
          author: 'Health visitor',
          sourceRef: `HV-${n}`,
          provenance: { method: 'import', file: 'health-visiting.csv', record: n },
          extra: {},
        },
      };
  }
}

export async function runEventStoreBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tunnelview-bench-'));
  try {
    const store = openWorkspace(join(dir, 'bench.db'), { create: true });
    const reviewId = 'R-BENCH1';
    const meta = { actor: 'bench', at: '2026-11-26T09:00:00.000Z' };
    await store.append(
      reviewId,
      0,
      [
        {
          type: 'review.created',
          payload: {
            id: reviewId,
            title: 'Benchmark review',
            kind: 'lcspr',
            modelId: 'learning-together',
            variant: 'full',
            typology: 'scie-2008',
            keyDates: {},
            startStage: 'notification',
            createdAt: meta.at,
          },
        },
        {
          type: 'agency.added',
          payload: { id: 'AG-1', name: 'Health visiting', sector: 'health' },
        },
      ],
      meta,
    );

    const drafts = Array.from({ length: EVENTS }, (_, i) => draftFor(i));
    let seq = 2;
    const appendStart = performance.now();
    for (const draft of drafts) {
      await store.append(reviewId, seq, [draft], meta);
      seq += 1;
    }
    const appendSeconds = (performance.now() - appendStart) / 1000;
    const appendRate = EVENTS / appendSeconds;
    await store.close();

    // Replay from a cold open, as `tunnelview` does on every command.
    const replayStart = performance.now();
    const reopened = openWorkspace(join(dir, 'bench.db'), { create: false });
    const events = await reopened.readEvents(reviewId);
    const state = foldEvents(events);
    const replaySeconds = (performance.now() - replayStart) / 1000;
    if (state.seq !== EVENTS + 2) throw new Error(`replay folded ${state.seq} events`);

    const verifyStart = performance.now();
    const issues = await reopened.verify(reviewId);
    const verifySeconds = (performance.now() - verifyStart) / 1000;
    if (issues.length > 0) throw new Error('the benchmark chain does not verify');
    await reopened.close();

    return [
      {
        name: `append ${EVENTS.toLocaleString('en-GB')} events (1 tx each)`,
        figure: `${Math.round(appendRate).toLocaleString('en-GB')} events/s`,
        target: '≥ 5,000 events/s',
        ratio: `${(appendRate / 5000).toFixed(2)}× target`,
        pass: appendRate >= 5000,
      },
      {
        name: `replay ${EVENTS.toLocaleString('en-GB')} events (read+JSON+fold)`,
        figure: `${replaySeconds.toFixed(3)} s`,
        target: '< 1 s',
        ratio: `${(replaySeconds / 1).toFixed(2)} of budget`,
        pass: replaySeconds < 1,
      },
      {
        name: `verify hash chain of ${EVENTS.toLocaleString('en-GB')} events`,
        figure: `${verifySeconds.toFixed(3)} s`,
        target: '(no target)',
        ratio: '',
        pass: true,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
