// A review already under way, entered after the fact: `review create --stage … --started …`
// starts it at its real stage and date, with clocks from the real key dates, the earlier stages
// recorded as not tracked here (no meetings or gates invented), and the workflow going on from there.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addKpe } from '../../src/app/kpes.ts';
import { recordMeeting } from '../../src/app/meetings.ts';
import { createReview } from '../../src/app/reviews.ts';
import type { ReviewStatus } from '../../src/workflow/review-status.ts';
import {
  logPosition,
  openTestWorkspace,
  pinnedClock,
  refusal,
  runCli,
  tempDir,
} from '../helpers/workspace.ts';

const NOW = '2026-03-20T10:00:00.000Z';
const NOT_TRACKED = ['notification', 'rapid-review', 'decision', 'preparation', 'data-collection'];

/** A workspace and the CLI over it, both with the clock at 20 March 2026. */
function workspace() {
  const dir = tempDir();
  const path = join(dir, 'ws.db');
  const handle = openTestWorkspace(path, { clock: pinnedClock(NOW) });
  const run = (...args: string[]) =>
    runCli([...args, '--workspace', path], { cwd: dir, clock: pinnedClock(NOW) });
  return { ...handle, dir, run };
}

/** An LCSPR entered at analysis, which it really entered on 2 March 2026. */
async function underWay() {
  const w = workspace();
  const created = await w.run(
    'review',
    'create',
    '--title',
    'Learning review: Child C',
    '--kind',
    'lcspr',
    '--id',
    'R-UNDERWAY',
    '--stage',
    'analysis',
    '--started',
    '2026-03-02',
    '--key-date',
    'became-aware=2025-11-03',
    '--key-date',
    'notification=2025-11-07',
    '--key-date',
    'rapid-review=2025-11-26',
    '--key-date',
    'decision=2025-12-01',
  );
  expect(created.code, created.err).toBe(0);
  return { ...w, created, reviewId: 'R-UNDERWAY' };
}

describe('review create --stage --started: a review already under way', () => {
  it('starts at the stage given, since the real date, with the earlier stages not tracked here', async () => {
    const { created, run } = await underWay();
    expect(created.stdout).toContain(
      `  entered after the fact: at analysis since 2026-03-02; not tracked here: ${NOT_TRACKED.join(', ')}`,
    );
    const status = (await run('status', '--json')).json<ReviewStatus>();
    expect(status.stage).toMatchObject({
      id: 'analysis',
      since: '2026-03-02',
      entered: 'start',
    });
    expect(status.enteredAfterTheFact).toMatchObject({
      stage: 'analysis',
      since: '2026-03-02',
      recordedOn: '2026-03-20',
    });
    expect(status.enteredAfterTheFact?.notTracked.map((s) => s.id)).toEqual(NOT_TRACKED);
    expect(status.history).toEqual([
      {
        stage: 'analysis',
        at: '2026-03-02',
        seq: 1,
        via: 'start',
        recordedAt: expect.stringMatching(/^2026-03-20T10:00/),
      },
    ]);
    // Nothing of the earlier stages is taken as done: the stage's own gates are still to meet.
    expect(status.gates.find((g) => g.id === 'joint-meeting-1-held')?.met).toBe(false);
    expect(status.canAdvance).toBe(false);
  });

  it('computes the clocks from the key dates given', async () => {
    const { run } = await underWay();
    const status = (await run('status', '--json')).json<ReviewStatus>();
    const clock = (id: string) => status.clocks.find((c) => c.id === id);
    // 5 working days after Monday 3 November 2025 is Monday 10 November: met on the 7th.
    expect(clock('notification')).toMatchObject({
      status: 'met',
      due: '2025-11-10',
      metOn: '2025-11-07',
    });
    // 15 working days after Friday 7 November is Friday 28 November: met on the 26th.
    expect(clock('rapid-review')).toMatchObject({ status: 'met', due: '2025-11-28' });
    // Six calendar months after the decision of 1 December 2025, and still running on 20 March.
    expect(clock('lcspr')).toMatchObject({ status: 'running', due: '2026-06-01' });

    const text = await run('status');
    expect(text.stdout).toContain(
      'Stage: Organising and analysing (since 2026-03-02, entered after the fact)',
    );
    expect(text.stdout).toContain(
      '  Entered after the fact on 2026-03-20, already at Organising and analysing since 2026-03-02; the stages before it were not tracked here and are not counted as met: Notification, Rapid review, Decision, Preparation, Data collection.',
    );
    expect(text.out).toContain('LCSPR completed and published due 2026-06-01');
  });

  it('records it in the log as entered after the fact, with no meeting or move invented', async () => {
    const { run, dir } = await underWay();
    const log = await run('log', '--json');
    const events = log.json<{ type: string; payload: Record<string, unknown> }[]>();
    expect(events.map((e) => e.type)).toEqual(['review.created']);
    expect(events[0]?.payload).toMatchObject({
      startStage: 'analysis',
      enteredAfterTheFact: { since: '2026-03-02', notTracked: NOT_TRACKED },
    });
    const table = await run('log');
    expect(table.stdout[0]).toMatch(/CHANGE$/);
    expect(table.stdout[1]).toContain('review.created  R-UNDERWAY');
    expect(table.stdout[1]).toMatch(
      /entered after the fact, at analysis since 2026-03-02; earlier stages not tracked here$/,
    );
    // The event passes the checks again when the review moves to another workspace.
    const bundle = join(dir, 'review.bundle.json');
    expect((await run('export', '--out', bundle)).code).toBe(0);
    const moved = await runCli(['import', bundle, '--workspace', join(dir, 'other.db')]);
    expect(moved.code, moved.err).toBe(0);
  });

  it('advances from its stage once that stage’s gates are met, and reopens to a stage before it', async () => {
    const { ws, reviewId, run } = await underWay();
    for (const title of [
      'Referral closed at the front door',
      'Home visit after missed appointments',
    ]) {
      await addKpe(ws, reviewId, {
        title,
        period: { from: '2025-09-01' },
        whatHappened: 'A factual account of what happened.',
        appraisal: {
          rating: 'mixed',
          text: 'Timely, but the history held elsewhere was not used.',
        },
        explanation: { localRationality: 'It made sense given what was known that day.' },
      });
    }
    await recordMeeting(ws, reviewId, { type: 'joint-meeting-1', date: '2026-03-18' });
    const advanced = await run('advance');
    expect(advanced.code, advanced.err).toBe(0);
    expect(advanced.out).toBe('Moved to findings');
    // Back to where it was entered, then further back to a stage from before it was recorded here.
    expect((await run('reopen', '--to', 'analysis', '--reason', 'A new agency return')).code).toBe(
      0,
    );
    const back = await run(
      'reopen',
      '--to',
      'data-collection',
      '--reason',
      'Two more conversations',
    );
    expect(back.code, back.err).toBe(0);
    const status = (await run('status', '--json')).json<ReviewStatus>();
    expect(status.history.map((h) => [h.stage, h.via])).toEqual([
      ['analysis', 'start'],
      ['findings', 'advance'],
      ['analysis', 'reopen'],
      ['data-collection', 'reopen'],
    ]);
    // A stage after the one it is in is no place to reopen to.
    const ahead = await run('reopen', '--to', 'report', '--reason', 'Skip ahead');
    expect(ahead.code).toBe(1);
  });

  it('starts a review at its usual stage as before when no stage is given', async () => {
    const { run } = workspace();
    const created = await run(
      'review',
      'create',
      '--title',
      'Child D',
      '--kind',
      'lcspr',
      '--json',
    );
    expect(created.json<Record<string, unknown>>()).not.toHaveProperty('enteredAfterTheFact');
    const status = (await run('status', '--json')).json<ReviewStatus>();
    expect(status.stage).toMatchObject({ id: 'notification', since: '2026-03-20' });
    expect(status.enteredAfterTheFact).toBeNull();
  });
});

describe('review create --stage --started: refusals', () => {
  it('refuses an unknown stage, listing the stages, and creates nothing', async () => {
    const { run, store } = workspace();
    const before = await logPosition(store, 'R-NONE');
    const result = await run(
      'review',
      'create',
      '--title',
      'Child E',
      '--kind',
      'lcspr',
      '--stage',
      'analysing',
      '--started',
      '2026-03-02',
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      '--stage: "analysing" is not a stage of model learning-together; a review may be entered at any of its stages: notification, rapid-review, decision, preparation, data-collection, analysis, findings, report, publication, follow-up, closed, referred-national',
    );
    expect(await logPosition(store, 'R-NONE')).toEqual(before);
    expect(before.reviews).toBe(0);
  });

  it('refuses a start date in the future, and a later stage without its start date', async () => {
    const { ws, run, store } = workspace();
    const future = await refusal(
      createReview(ws, {
        title: 'Child F',
        kind: 'lcspr',
        startStage: 'analysis',
        startedOn: '2026-03-21',
      }),
    );
    expect(future.issues).toMatchObject([
      {
        code: 'future-date',
        path: ['startedOn'],
        message:
          '2026-03-21 is after today (2026-03-20); a review entered after the fact started on a day that has passed',
      },
    ]);
    const undated = await run(
      'review',
      'create',
      '--title',
      'Child F',
      '--kind',
      'lcspr',
      '--stage',
      'findings',
    );
    expect(undated.code).toBe(1);
    expect(undated.err).toContain(
      '--started: a review entered at "Identifying and prioritising underlying patterns" is already under way; give the day it entered that stage, so its time there is counted from the real date; to enter a review already under way, give --started (e.g. --started 2026-03-02)',
    );
    expect((await store.listReviews()).length).toBe(0);
  });
});
