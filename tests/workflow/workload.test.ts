// summariseWorkload over a review built through the ws: totals by role, stage, person and
// activity, and the share of the effort the review's variant expects (where the model gives one).
import { describe, expect, it } from 'vitest';
import { addParticipant } from '../../src/app/register.ts';
import { createReview } from '../../src/app/reviews.ts';
import { logTime } from '../../src/app/time-log.ts';
import type { Workspace } from '../../src/app/workspace.ts';
import { loadModel } from '../../src/model/load-model.ts';
import type { MethodologyModel } from '../../src/model/methodology-model.ts';
import { NO_STAGE, summariseWorkload } from '../../src/workflow/workload.ts';
import { openTestWorkspace } from '../helpers/workspace.ts';

/** The Learning Together model with an expected effort given for one variant. */
function withExpectedEffort(variantId: string, hours: number): MethodologyModel {
  const model = loadModel('learning-together');
  return {
    ...model,
    variants: model.variants.map((v) =>
      v.id === variantId ? { ...v, expectedEffortHours: hours } : v,
    ),
  };
}

/** A review with three participants and six time entries, logged out of stage order. */
async function reviewWithTime(ws: Workspace, variant = 'full') {
  const { state } = await createReview(
    ws,
    { title: 'Learning review: Child B', kind: 'lcspr', variant },
    'R-WORK01',
  );
  const id = state.review.id;
  await addParticipant(ws, id, { name: 'Dana Reid', role: 'lead-reviewer' });
  await addParticipant(ws, id, { name: 'Priya Shah', role: 'review-team' });
  await addParticipant(ws, id, { name: 'Sam Okafor', role: 'case-group' });
  const log = (participantId: string, activity: string, minutes: number, stage?: string) =>
    logTime(ws, id, {
      participantId,
      activity,
      minutes,
      date: '2026-02-01',
      ...(stage ? { stage } : {}),
    });
  await log('PT-1', 'Writing the report', 240, 'report');
  await log('PT-2', 'Compiling health chronology', 180, 'data-collection');
  await log('PT-1', 'Structured conversation', 90, 'data-collection');
  await log('PT-3', 'structured  conversation', 60, 'data-collection');
  await log('PT-2', 'Analysis meeting', 120, 'analysis');
  const last = await log('PT-1', 'Reading the rapid review', 30);
  return last.state;
}

describe('summariseWorkload', () => {
  it('totals the minutes and hours logged', async () => {
    const { ws } = openTestWorkspace();
    const state = await reviewWithTime(ws);
    const summary = summariseWorkload(state, loadModel('learning-together'));
    expect(summary.totalMinutes).toBe(720);
    expect(summary.totalHours).toBe(12);
    expect(summary.entries).toBe(6);
  });

  it('gives minutes by stage in model stage order, with unstaged time last', async () => {
    const { ws } = openTestWorkspace();
    const state = await reviewWithTime(ws);
    const summary = summariseWorkload(state, loadModel('learning-together'));
    expect(summary.byStage).toEqual([
      { stage: 'data-collection', stageName: 'Data collection', minutes: 330 },
      { stage: 'analysis', stageName: 'Organising and analysing', minutes: 120 },
      { stage: 'report', stageName: 'Report', minutes: 240 },
      { stage: null, stageName: NO_STAGE, minutes: 30 },
    ]);
  });

  it('gives minutes by role in role order, and by person with the most first', async () => {
    const { ws } = openTestWorkspace();
    const state = await reviewWithTime(ws);
    const summary = summariseWorkload(state, loadModel('learning-together'));
    expect(summary.byRole).toEqual([
      { role: 'lead-reviewer', minutes: 360 },
      { role: 'review-team', minutes: 300 },
      { role: 'case-group', minutes: 60 },
    ]);
    expect(summary.byPerson).toEqual([
      { participantId: 'PT-1', name: 'Dana Reid', role: 'lead-reviewer', minutes: 360 },
      { participantId: 'PT-2', name: 'Priya Shah', role: 'review-team', minutes: 300 },
      { participantId: 'PT-3', name: 'Sam Okafor', role: 'case-group', minutes: 60 },
    ]);
  });

  it('counts activities differing only in case or spacing together, most first', async () => {
    const { ws } = openTestWorkspace();
    const state = await reviewWithTime(ws);
    const summary = summariseWorkload(state, loadModel('learning-together'));
    expect(summary.byActivity).toEqual([
      { activity: 'Writing the report', minutes: 240 },
      { activity: 'Compiling health chronology', minutes: 180 },
      { activity: 'Structured conversation', minutes: 150 },
      { activity: 'Analysis meeting', minutes: 120 },
      { activity: 'Reading the rapid review', minutes: 30 },
    ]);
  });

  it("gives the percentage of the variant's expected effort where the model gives one", async () => {
    const { ws } = openTestWorkspace();
    const state = await reviewWithTime(ws, 'mid-range');
    const summary = summariseWorkload(state, withExpectedEffort('mid-range', 48));
    expect(summary.variant).toEqual({ id: 'mid-range', name: 'Mid-range' });
    expect(summary.expectedEffortHours).toBe(48);
    expect(summary.percentOfExpected).toBe(25);
  });

  it('gives null expected effort and percentage when the variant has no figure', async () => {
    const { ws } = openTestWorkspace();
    const state = await reviewWithTime(ws, 'mid-range');
    // Another variant's figure must not be borrowed.
    const summary = summariseWorkload(state, withExpectedEffort('full', 300));
    expect(summary.variant).toEqual({ id: 'mid-range', name: 'Mid-range' });
    expect(summary.expectedEffortHours).toBeNull();
    expect(summary.percentOfExpected).toBeNull();
  });

  it('summarises a review with no time logged as zeros and empty lists', async () => {
    const { ws } = openTestWorkspace();
    const { state } = await createReview(ws, { title: 'Empty', kind: 'lcspr' }, 'R-WORK02');
    const summary = summariseWorkload(state, withExpectedEffort('full', 300));
    expect(summary).toMatchObject({
      totalMinutes: 0,
      totalHours: 0,
      entries: 0,
      byRole: [],
      byStage: [],
      byPerson: [],
      byActivity: [],
      expectedEffortHours: 300,
      percentOfExpected: 0,
    });
  });
});
