// A live meeting in the review's log: every meeting event said in words by ids — who was
// invited and came, what was shown, who added what about which record, what the reviewers
// decided, and the outcome on closing — in the history page's view and in `tunnelview log`,
// never showing a token's hash.
import { describe, expect, it } from 'vitest';
import { liveMeetingWords } from '../../src/app/live-meeting-words.ts';
import { reviewLog } from '../../src/app/log.ts';
import type { EventDraft, ReviewEvent } from '../../src/domain/events.ts';
import { LIVE_MEETING_PAYLOADS } from '../../src/domain/live-meeting.ts';
import { historyView } from '../../src/server/history-view.ts';
import { applyEvent } from '../../src/store/fold-events.ts';
import { movableClock } from '../helpers/live-meeting.ts';
import { HOSTILE_REASON, runLiveMeeting } from '../helpers/live-meeting-held.ts';
import {
  buildSampleReview,
  openTestWorkspace,
  runCli,
  workspaceWithReview,
} from '../helpers/workspace.ts';

const HASH = /[0-9a-f]{64}/;

async function meetingLog() {
  const { ws, reviewId, path } = await workspaceWithReview();
  await buildSampleReview(ws, reviewId);
  await runLiveMeeting(ws, reviewId);
  return { ws, reviewId, path, events: await reviewLog(ws, reviewId) };
}

describe('a live meeting in the log', () => {
  it('says each meeting event in words, by ids', async () => {
    const { events } = await meetingLog();
    const words = events.filter((e) => e.type.startsWith('meeting.')).map((e) => e.summary);
    expect(words).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^MI-1 invite issued to PT-2 for M-2, until 2026-01-1\dT/),
        'MI-1 used: PT-2 joined M-2',
        'M-2 room opened for everyone invited',
        'M-2 showing KPE-1',
        'PT-2 added context MC-1 about KPE-1 at M-2',
        'PT-3 added dissent MC-2 about KPE-1 at M-2',
        'PT-2 added a note for the reviewers MC-4 about KPE-1 at M-2',
        'PT-3 left M-2 (MI-2)',
        'MC-1 (how it looked at the time by PT-2) accepted: Matches the caseload figures.',
        'MC-2 (dissent by PT-3) declined',
        'M-2 closed: 2 people attended (0 minutes in all); 6 contributions, 3 accepted, 2 declined, 1 not decided; 2 dissent',
      ]),
    );
    // Every meeting event but the record's own edit (`meeting.updated`, said field by field) has words.
    for (const e of events.filter((e) => e.type.startsWith('meeting.'))) {
      if (e.type === 'meeting.recorded' || e.type === 'meeting.updated') continue;
      expect(e.summary, e.type).toBeTruthy();
    }
  });

  it('shows them on the history page with a decline’s reason, and no token hash anywhere', async () => {
    const { ws, reviewId, events } = await meetingLog();
    const state = await ws.load(reviewId);
    const view = historyView({ reviewId, events, model: ws.modelOf(state), page: 1 });
    const declined = view.rows.find((r) => r.what === 'MC-2 (dissent by PT-3) declined');
    expect(declined?.details).toEqual([`Reason: ${HOSTILE_REASON}`]);
    expect(declined?.subject).toBeNull();
    const invited = view.rows.find((r) => r.what.startsWith('MI-2 invite issued to PT-3'));
    expect(invited?.details).toEqual([]);
    const hashes = Object.values(state.invites).flatMap((i) => [i.tokenHash, i.sessionHash ?? '']);
    const shown = JSON.stringify(view.rows.map((r) => [r.what, r.subject, r.details]));
    for (const hash of hashes.filter(Boolean)) expect(shown).not.toContain(hash);
    expect(shown).not.toMatch(HASH);
  });

  it('prints them in tunnelview log, reasons beside the words', async () => {
    const { ws, reviewId, path } = await meetingLog();
    const run = await runCli(['log', '--workspace', path, '--review', reviewId]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('PT-3 added dissent MC-2 about KPE-1 at M-2');
    expect(run.out).toContain(
      'MC-2 (dissent by PT-3) declined; reason: The records show <b>no</b> visit was booked.',
    );
    const invites = Object.values((await ws.load(reviewId)).invites);
    for (const hash of invites.flatMap((v) => [v.tokenHash, v.sessionHash ?? 'none'])) {
      expect(run.out).not.toContain(hash);
    }
  });

  it('counts the minutes each person was there, from using their link to leaving or the close', async () => {
    const clock = movableClock();
    const { ws } = openTestWorkspace(undefined, { clock });
    const { createReview } = await import('../../src/app/reviews.ts');
    const { state } = await createReview(
      ws,
      { title: 'Learning review', kind: 'lcspr' },
      'R-TEST02',
    );
    await buildSampleReview(ws, state.review.id);
    await runLiveMeeting(ws, state.review.id, {
      advance: clock.advance,
      minutes: { priya: 45, sam: 120 },
    });
    const closed = (await reviewLog(ws, state.review.id)).find((e) => e.type === 'meeting.closed');
    expect(closed?.summary).toMatch(/^M-2 closed: 2 people attended \(165 minutes in all\)/);
  });
});

describe('liveMeetingWords', () => {
  it('words every kind of live-meeting event, without a hash', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    const state = await buildSampleReview(ws, reviewId);
    const hash = 'a'.repeat(64);
    const drafts: EventDraft[] = [
      { type: 'meeting.started', payload: { id: 'M-1', session: 'managers' } },
      {
        type: 'meeting.invited',
        payload: {
          id: 'MI-1',
          meetingId: 'M-1',
          purpose: 'presenter',
          session: 'all',
          tokenHash: hash,
          expires: '2026-02-03T20:00:00.000Z',
        },
      },
      { type: 'meeting.invite-redeemed', payload: { id: 'MI-1', sessionHash: hash } },
      { type: 'meeting.left', payload: { id: 'MI-1' } },
      { type: 'meeting.invite-revoked', payload: { id: 'MI-1', reason: 'sent to the wrong room' } },
      {
        type: 'meeting.item-shown',
        payload: {
          meetingId: 'M-1',
          item: { kind: 'period', from: '2023-05-01', to: '2023-06-30' },
        },
      },
      { type: 'meeting.names-shown', payload: { meetingId: 'M-1', shown: true } },
      {
        type: 'meeting.prompt-opened',
        payload: {
          id: 'MP-1',
          meetingId: 'M-1',
          session: 'all',
          kind: 'vote',
          text: 'Which finding matters most?',
          options: ['F-1', 'F-2'],
          maxChoices: 1,
        },
      },
      { type: 'meeting.voted', payload: { promptId: 'MP-1', author: 'PT-2', choices: ['F-2'] } },
      { type: 'meeting.prompt-revealed', payload: { id: 'MP-1' } },
      { type: 'meeting.prompt-closed', payload: { id: 'MP-1' } },
      {
        type: 'meeting.contributed',
        payload: {
          id: 'MC-1',
          meetingId: 'M-1',
          kind: 'correction',
          author: 'PT-2',
          session: 'all',
          text: 'The visit came after the call.',
          correction: {
            target: { kind: 'kpe', id: 'KPE-1', field: 'whatHappened' },
            proposed: 'A neighbour called first.',
          },
        },
      },
      { type: 'meeting.contribution-accepted', payload: { id: 'MC-1' } },
      {
        type: 'meeting.contributed',
        payload: {
          id: 'MC-2',
          meetingId: 'M-1',
          kind: 'question',
          author: 'PT-2',
          session: 'all',
          text: 'Who saw it?',
        },
      },
      { type: 'meeting.contribution-declined', payload: { id: 'MC-2', reason: 'answered' } },
      {
        type: 'meeting.closed',
        payload: {
          id: 'M-1',
          outcome: {
            attendance: [
              {
                participantId: 'PT-2',
                session: 'all',
                joinedAt: '2026-02-03T10:00:00.000Z',
                leftAt: '2026-02-03T11:00:00.000Z',
                minutes: 60,
              },
            ],
            contributions: 1,
            accepted: 1,
            declined: 0,
            undecided: 0,
            dissent: [],
          },
        },
      },
    ];
    expect(new Set(drafts.map((d) => d.type))).toEqual(new Set(Object.keys(LIVE_MEETING_PAYLOADS)));
    const words = drafts.map((draft, i) => {
      const event = {
        ...draft,
        reviewId,
        seq: state.seq + i + 1,
        actor: 'T',
        at: '2026-02-03T10:00:00.000Z',
        prevHash: hash,
        hash,
      } as ReviewEvent;
      const said = liveMeetingWords(event, state);
      applyEvent(state, event);
      return said;
    });
    expect(words).toEqual([
      'M-1 room opened for the managers session',
      'MI-1 presenter link issued for M-1, until 2026-02-03T20:00:00.000Z',
      'MI-1 used: the room’s screen joined M-1',
      'the room’s screen left M-1 (MI-1)',
      'MI-1 invite to the room’s screen for M-1 revoked',
      'M-1 showing the timeline 2023-05-01 to 2023-06-30',
      'M-1: who wrote what shown to the room',
      'MP-1 vote opened at M-1: "Which finding matters most?" (options F-1, F-2)',
      'PT-2 voted on MP-1: F-2',
      'MP-1 votes revealed to the room',
      'MP-1 closed',
      'PT-2 added a correction MC-1 to KPE-1 at M-1',
      'MC-1 (correction by PT-2) accepted',
      'PT-2 added a question MC-2 at M-1',
      'MC-2 (question by PT-2) declined',
      'M-1 closed: 1 person attended (60 minutes in all); 1 contribution, 1 accepted, 0 declined, 0 not decided; 0 dissent',
    ]);
    for (const w of words) expect(w).not.toMatch(HASH);
  });
});
