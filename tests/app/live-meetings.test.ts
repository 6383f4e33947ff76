// A meeting run live, through its use-cases: the facilitator starts the room and shows items,
// the case group writes, answers and votes, the reviewers decide, and closing records who came,
// for how long and what was said. What each audience sees is asked of meetingRoomFor; every
// refusal names the field and the fix, and writes nothing.
import { describe, expect, it } from 'vitest';
import {
  acceptContribution,
  closeLiveMeeting,
  closePrompt,
  contribute,
  declineContribution,
  listContributions,
  listPrompts,
  openPrompt,
  respond,
  revealPrompt,
  showItem,
  showNames,
  startMeeting,
  vote,
} from '../../src/app/live-meetings.ts';
import { leaveMeeting } from '../../src/app/meeting-invites.ts';
import { asParticipant, liveMeetingSetUp } from '../helpers/live-meeting.ts';
import { newId, refusal } from '../helpers/workspace.ts';

/** The set-up with Sam (PT-2) and Priya (PT-3) joined and the room started for everyone. */
async function started() {
  const m = await liveMeetingSetUp();
  const sam = (await m.join('Sam Okafor')).session;
  const priya = (await m.join('Priya Nandra')).session;
  await startMeeting(m.ws, m.reviewId, m.meetingId);
  return { ...m, sam, priya };
}

/** Awaits a refused action and checks it wrote nothing; returns the refusal. */
async function refusedUnchanged(
  m: { position: () => Promise<unknown> },
  action: () => Promise<unknown>,
) {
  const before = await m.position();
  const error = await refusal(action);
  expect(await m.position()).toEqual(before);
  return error;
}

describe('startMeeting and showItem', () => {
  it('refuses to show anything before the room is started, offering to start it', async () => {
    const m = await liveMeetingSetUp();
    const error = await refusedUnchanged(m, () =>
      showItem(m.ws, m.reviewId, m.meetingId, { kind: 'kpe', id: 'KPE-1' }),
    );
    expect(error.issues).toEqual([
      {
        code: 'meeting-not-started',
        path: ['meeting'],
        message: `meeting ${m.meetingId} has not been started`,
        ids: [m.meetingId],
        fix: { kind: 'start-meeting', meeting: m.meetingId },
      },
    ]);
  });

  it('shows a KPE, a finding and a period of the timeline given in days as people write them', async () => {
    const m = await started();
    await showItem(m.ws, m.reviewId, m.meetingId, { kind: 'kpe', id: 'kpe-02' });
    expect((await m.room({ kind: 'presenter' })).item).toMatchObject({ kind: 'kpe', id: 'KPE-2' });
    await showItem(m.ws, m.reviewId, m.meetingId, { kind: 'finding', id: 'F-1' });
    expect((await m.room(asParticipant(m.sam))).item).toMatchObject({
      kind: 'finding',
      statement: 'Caseload pressure crowds out return visits.',
    });
    await showItem(m.ws, m.reviewId, m.meetingId, {
      kind: 'period',
      from: '01/05/2023',
      to: '31 May 2023',
    });
    const item = (await m.room({ kind: 'presenter' })).item;
    expect(item).toMatchObject({ kind: 'period', from: '2023-05-01', to: '2023-05-31', more: 0 });
    expect(item?.kind === 'period' && item.entries.map((e) => e.id)).toEqual(['CH-1']);
  });

  it('refuses a period that ends before it starts, one with no first day, an unreadable day and an unknown KPE, naming each field', async () => {
    const m = await started();
    const backwards = await refusedUnchanged(m, () =>
      showItem(m.ws, m.reviewId, m.meetingId, {
        kind: 'period',
        from: '2023-06-30',
        to: '2023-05-01',
      }),
    );
    expect(backwards.issues).toMatchObject([{ code: 'invalid-option', path: ['item', 'to'] }]);
    const noStart = await refusedUnchanged(m, () =>
      showItem(m.ws, m.reviewId, m.meetingId, { kind: 'period' }),
    );
    expect(noStart.issues).toEqual([
      {
        code: 'invalid-value',
        path: ['item', 'from'],
        message: 'give the first day of the period',
      },
    ]);
    const unreadable = await refusedUnchanged(m, () =>
      showItem(m.ws, m.reviewId, m.meetingId, { kind: 'period', from: '31/02/2023' }),
    );
    expect(unreadable.issues).toHaveLength(1);
    expect(unreadable.issues[0]).toMatchObject({ path: ['item', 'from'] });
    expect(unreadable.issues[0]?.message).toContain('February 2023 has 28 days');
    const unknown = await refusedUnchanged(m, () =>
      showItem(m.ws, m.reviewId, m.meetingId, { kind: 'kpe', id: 'KPE-9' }),
    );
    expect(unknown.issues).toMatchObject([
      { code: 'reference-unknown', path: ['item', 'id'], fix: { kind: 'list', record: 'kpe' } },
    ]);
  });
});

describe('what a contribution is about', () => {
  it('is the record on the screen, or while a prompt is up the record shown before it', async () => {
    const m = await started();
    await showItem(m.ws, m.reviewId, m.meetingId, { kind: 'kpe', id: 'KPE-2' });
    await openPrompt(m.ws, m.reviewId, m.meetingId, { text: 'What made it hard at the time?' });
    const { state } = await contribute(m.ws, m.priya, {
      kind: 'dissent',
      text: 'The appraisal reads the nursery’s form with hindsight.',
    });
    expect(Object.values(state.contributions).at(-1)?.about).toEqual({ kind: 'kpe', id: 'KPE-2' });
    const view = await m.room(asParticipant(m.sam));
    expect(view.item?.kind).toBe('prompt');
    expect(view.record?.kind === 'kpe' && view.record.id).toBe('KPE-2');
  });
});

describe('what each audience sees', () => {
  it('keeps names from the room until they are shown, and from participants again when hidden', async () => {
    const m = await started();
    await contribute(m.ws, m.sam, { kind: 'question', text: 'Who chaired the strategy meeting?' });
    const authors = async () =>
      [
        (await m.room({ kind: 'reviewer' })).contributions[0]?.author,
        (await m.room({ kind: 'presenter' })).contributions[0]?.author,
        (await m.room(asParticipant(m.priya))).contributions[0]?.author,
      ] as const;
    expect(await authors()).toEqual(['Sam Okafor', null, null]);
    await showNames(m.ws, m.reviewId, m.meetingId, true);
    expect(await authors()).toEqual(['Sam Okafor', 'Sam Okafor', 'Sam Okafor']);
    await showNames(m.ws, m.reviewId, m.meetingId, false);
    expect(await authors()).toEqual(['Sam Okafor', null, null]);
  });

  it('never shows a note for the reviewers to the room, names shown or not', async () => {
    const m = await started();
    await contribute(m.ws, m.priya, {
      kind: 'private-note',
      text: 'I could not say this in front of my manager.',
    });
    await showNames(m.ws, m.reviewId, m.meetingId, true);
    expect((await m.room({ kind: 'presenter' })).contributions).toEqual([]);
    expect((await m.room(asParticipant(m.sam))).contributions).toEqual([]);
    expect((await m.room(asParticipant(m.priya))).contributions.map((c) => c.own)).toEqual([true]);
    expect((await m.room({ kind: 'reviewer' })).contributions[0]).toMatchObject({
      kind: 'private-note',
      label: 'Note for the reviewers',
      author: 'Priya Nandra (Nursery manager)',
    });
  });

  it('keeps each answer to a prompt to its author and the reviewers until the reveal', async () => {
    const m = await started();
    const { events } = await openPrompt(m.ws, m.reviewId, m.meetingId, {
      text: 'What made a return visit hard?',
    });
    const promptId = newId({ events }) as string;
    expect((await m.room({ kind: 'presenter' })).item).toMatchObject({ kind: 'prompt' });
    await respond(m.ws, m.sam, { text: 'The caseload.' });
    await respond(m.ws, m.priya, { text: 'Nobody asked the nursery.' });
    const samSees = (await m.room(asParticipant(m.sam))).prompt;
    expect(samSees?.answers).toEqual([]);
    expect(samSees?.ownAnswers.map((a) => a.text)).toEqual(['The caseload.']);
    expect(samSees?.answered).toBe(2);
    expect((await m.room({ kind: 'presenter' })).prompt?.answers).toEqual([]);
    expect((await m.room({ kind: 'reviewer' })).prompt?.answers.map((a) => a.author)).toEqual([
      'Sam Okafor',
      'Priya Nandra (Nursery manager)',
    ]);
    await revealPrompt(m.ws, m.reviewId, promptId);
    for (const audience of [{ kind: 'presenter' } as const, asParticipant(m.sam)]) {
      expect((await m.room(audience)).prompt?.answers.map((a) => [a.text, a.author])).toEqual([
        ['The caseload.', null],
        ['Nobody asked the nursery.', null],
      ]);
    }
  });

  it('keeps separate sessions apart: each sees only its own room, and writes only when it is in', async () => {
    const m = await liveMeetingSetUp();
    const sam = (await m.join('PT-2', 'practitioners')).session;
    const priya = (await m.join('PT-3', 'managers')).session;
    await startMeeting(m.ws, m.reviewId, m.meetingId, 'practitioners');
    await contribute(m.ws, sam, { kind: 'context', text: 'We had no interpreter that week.' });
    const early = await refusedUnchanged(m, () =>
      contribute(m.ws, priya, { kind: 'context', text: 'Managers knew nothing of it.' }),
    );
    expect(early.issues).toMatchObject([{ code: 'session-not-running', path: ['session'] }]);
    expect(early.issues[0]?.message).toBe(
      'the practitioners session is in the room now; yours (managers) has not started',
    );
    expect((await m.room(asParticipant(priya))).inRoom).toBe(false);
    expect((await m.room(asParticipant(priya))).contributions).toEqual([]);

    await startMeeting(m.ws, m.reviewId, m.meetingId, 'managers');
    await contribute(m.ws, priya, { kind: 'context', text: 'Managers knew nothing of it.' });
    const texts = async (audience: Parameters<typeof m.room>[0]) =>
      (await m.room(audience)).contributions.map((c) => c.text);
    expect(await texts({ kind: 'presenter' })).toEqual(['Managers knew nothing of it.']);
    expect(await texts(asParticipant(priya))).toEqual(['Managers knew nothing of it.']);
    expect(await texts(asParticipant(sam))).toEqual(['We had no interpreter that week.']);
    expect((await m.room(asParticipant(sam))).inRoom).toBe(false);
    expect(await texts({ kind: 'reviewer' })).toHaveLength(2);
  });

  it('keeps one session’s prompt from another session’s answers and votes', async () => {
    const m = await liveMeetingSetUp();
    const sam = (await m.join('PT-2', 'practitioners')).session;
    const priya = (await m.join('PT-3', 'managers')).session;
    await startMeeting(m.ws, m.reviewId, m.meetingId, 'practitioners');
    const writing = newId(
      await openPrompt(m.ws, m.reviewId, m.meetingId, { text: 'What got in the way?' }),
    );
    await respond(m.ws, sam, { text: 'The caseload.' });
    await startMeeting(m.ws, m.reviewId, m.meetingId, 'managers');
    const answer = await refusedUnchanged(m, () => respond(m.ws, priya, { text: 'Budgets.' }));
    expect(answer.issues[0]).toMatchObject({ code: 'prompt-not-open', ids: [writing] });
    expect(answer.issues[0]?.message).toContain('practitioners');

    await closePrompt(m.ws, m.reviewId, writing);
    await startMeeting(m.ws, m.reviewId, m.meetingId, 'practitioners');
    const ballot = newId(
      await openPrompt(m.ws, m.reviewId, m.meetingId, {
        text: 'Which matters most?',
        kind: 'vote',
        options: ['F-1', 'F-2'],
      }),
    );
    await startMeeting(m.ws, m.reviewId, m.meetingId, 'managers');
    const cast = await refusedUnchanged(m, () =>
      vote(m.ws, priya, { prompt: ballot, choices: ['F-1'] }),
    );
    expect(cast.issues[0]).toMatchObject({ code: 'prompt-not-open', ids: [ballot] });
  });
});

describe('votes', () => {
  async function withVote() {
    const m = await started();
    const result = await openPrompt(m.ws, m.reviewId, m.meetingId, {
      text: 'Which finding matters most?',
      kind: 'vote',
      options: ['F-1', 'f-2', 'CF-1'],
      maxChoices: 2,
    });
    return { ...m, promptId: newId(result) as string };
  }

  it('counts each voter’s latest choice, once revealed', async () => {
    const m = await withVote();
    await vote(m.ws, m.sam, { prompt: m.promptId, choices: ['F-1'] });
    await vote(m.ws, m.sam, { prompt: m.promptId, choices: ['F-2', 'CF-1'] });
    await vote(m.ws, m.priya, { prompt: m.promptId, choices: ['f-2', 'F-2'] });
    const tally = async (audience: Parameters<typeof m.room>[0]) =>
      (await m.room(audience)).prompt?.options.map((o) => [o.id, o.votes, o.chosen]);
    expect(await tally(asParticipant(m.sam))).toEqual([
      ['F-1', null, false],
      ['F-2', null, true],
      ['CF-1', null, true],
    ]);
    expect(await tally({ kind: 'reviewer' })).toEqual([
      ['F-1', 0, false],
      ['F-2', 2, false],
      ['CF-1', 1, false],
    ]);
    await revealPrompt(m.ws, m.reviewId, m.promptId);
    expect((await m.room({ kind: 'presenter' })).prompt?.options.map((o) => o.votes)).toEqual([
      0, 2, 1,
    ]);
  });

  it('refuses a choice that is not an option, too many choices, a written answer and a vote after the reveal', async () => {
    const m = await withVote();
    const stranger = await refusedUnchanged(m, () =>
      vote(m.ws, m.sam, { prompt: m.promptId, choices: ['F-1', 'CF-2'] }),
    );
    expect(stranger.issues).toEqual([
      {
        code: 'vote-not-an-option',
        path: ['choices'],
        message: 'CF-2 is not among the options (F-1, F-2, CF-1)',
        ids: ['CF-2'],
      },
    ]);
    const many = await refusedUnchanged(m, () =>
      vote(m.ws, m.sam, { prompt: m.promptId, choices: ['F-1', 'F-2', 'CF-1'] }),
    );
    expect(many.issues).toMatchObject([{ code: 'vote-too-many', path: ['choices'] }]);
    const none = await refusedUnchanged(m, () =>
      vote(m.ws, m.sam, { prompt: m.promptId, choices: [] }),
    );
    expect(none.issues).toMatchObject([
      { path: ['choices'], message: 'choose at least one option' },
    ]);
    const written = await refusedUnchanged(m, () => respond(m.ws, m.sam, { text: 'F-1, surely' }));
    expect(written.issues).toMatchObject([{ code: 'not-a-vote', path: ['about'] }]);
    await revealPrompt(m.ws, m.reviewId, m.promptId);
    const late = await refusedUnchanged(m, () =>
      vote(m.ws, m.sam, { prompt: m.promptId, choices: ['F-1'] }),
    );
    expect(late.issues).toMatchObject([{ code: 'prompt-revealed', path: ['prompt'] }]);
  });

  it('refuses options and a choice limit on a writing prompt, and more choices than options', async () => {
    const m = await started();
    const options = await refusedUnchanged(m, () =>
      openPrompt(m.ws, m.reviewId, m.meetingId, { text: 'Why?', options: ['F-1', 'F-2'] }),
    );
    expect(options.issues).toMatchObject([{ code: 'invalid-option', path: ['options'] }]);
    const limit = await refusedUnchanged(m, () =>
      openPrompt(m.ws, m.reviewId, m.meetingId, { text: 'Why?', maxChoices: 1 }),
    );
    expect(limit.issues).toMatchObject([{ code: 'invalid-option', path: ['maxChoices'] }]);
    const over = await refusedUnchanged(m, () =>
      openPrompt(m.ws, m.reviewId, m.meetingId, {
        text: 'Which?',
        kind: 'vote',
        options: ['F-1', 'F-2'],
        maxChoices: 3,
      }),
    );
    expect(over.issues).toEqual([
      {
        code: 'invalid-option',
        path: ['maxChoices'],
        message: 'the vote has 2 options, so each person can choose at most 2',
      },
    ]);
  });

  it('refuses a second open prompt once, naming the one still open', async () => {
    const m = await started();
    await openPrompt(m.ws, m.reviewId, m.meetingId, { text: 'What got in the way?' });
    const second = await refusedUnchanged(m, () =>
      openPrompt(m.ws, m.reviewId, m.meetingId, { text: 'And what helped?' }),
    );
    expect(second.issues).toEqual([
      {
        code: 'prompt-open',
        path: ['prompt'],
        message: 'prompt MP-1 is still open; close it before opening another',
        ids: ['MP-1'],
      },
    ]);
  });
});

describe('the reviewers’ decisions', () => {
  it('applies an accepted correction to the KPE through its own edit', async () => {
    const m = await started();
    await showItem(m.ws, m.reviewId, m.meetingId, { kind: 'kpe', id: 'KPE-1' });
    const proposed = 'The health visitor saw the family at home; the baby was asleep upstairs.';
    const { events } = await contribute(m.ws, m.sam, {
      kind: 'correction',
      text: 'The baby was not seen.',
      target: 'kpe-1',
      proposed,
    });
    const id = newId({ events }) as string;
    expect((await listContributions(m.ws, m.reviewId, m.meetingId))[0]).toMatchObject({
      id,
      about: 'KPE-1: Home visit after the birth of a sibling',
      correction: {
        target: 'KPE-1',
        current: 'The health visitor saw the family at home.',
        proposed,
      },
      decision: null,
    });
    const accepted = await acceptContribution(m.ws, m.reviewId, id, {
      note: 'Matches the health visiting record',
    });
    expect(accepted.events.map((e) => [e.type, e.payload])).toEqual([
      ['meeting.contribution-accepted', { id, note: 'Matches the health visiting record' }],
      ['kpe.edited', { id: 'KPE-1', changes: { whatHappened: proposed } }],
    ]);
    expect(accepted.state.kpes['KPE-1']?.whatHappened).toBe(proposed);
    const again = await refusedUnchanged(m, () => acceptContribution(m.ws, m.reviewId, id));
    expect(again.issues).toMatchObject([{ code: 'contribution-decided', path: ['id'] }]);
  });

  it('applies a correction in the reviewer’s wording when one is given, to a chronology entry too', async () => {
    const m = await started();
    const { events } = await contribute(m.ws, m.priya, {
      kind: 'correction',
      text: 'It was the right arm.',
      target: 'CH-2',
      proposed: 'Nursery noted bruising to the right arm!!',
    });
    const wording = 'Nursery noted bruising to the right arm.';
    const { state } = await acceptContribution(m.ws, m.reviewId, newId({ events }), {
      text: wording,
    });
    expect(state.chronology['CH-2']?.text).toBe(wording);
  });

  it('refuses a correction with no record, no new text or the text as it stands, and wording for what is not a correction', async () => {
    const m = await started();
    const noTarget = await refusedUnchanged(m, () =>
      contribute(m.ws, m.sam, { kind: 'correction', text: 'Wrong', proposed: 'Right' }),
    );
    expect(noTarget.issues).toMatchObject([{ code: 'correction-missing', path: ['target'] }]);
    const noText = await refusedUnchanged(m, () =>
      contribute(m.ws, m.sam, { kind: 'correction', text: 'Wrong', target: 'KPE-1' }),
    );
    expect(noText.issues).toMatchObject([{ code: 'correction-missing', path: ['proposed'] }]);
    const same = await refusedUnchanged(m, () =>
      contribute(m.ws, m.sam, {
        kind: 'correction',
        text: 'Wrong',
        target: 'KPE-1',
        proposed: 'The health visitor saw the family at home.',
      }),
    );
    expect(same.issues).toMatchObject([
      { code: 'correction-unchanged', path: ['correction', 'proposed'] },
    ]);
    const { events } = await contribute(m.ws, m.sam, { kind: 'question', text: 'Who chaired?' });
    const wording = await refusedUnchanged(m, () =>
      acceptContribution(m.ws, m.reviewId, newId({ events }), { text: 'Chaired by police' }),
    );
    expect(wording.issues).toMatchObject([{ code: 'correction-not-allowed', path: ['text'] }]);
    expect(wording.issues[0]?.message).toMatch(/is a question, not a correction/);
  });

  it('keeps declined dissent in the outcome, and lists what is still undecided', async () => {
    const m = await started();
    const dissent = newId(
      await contribute(m.ws, m.sam, { kind: 'dissent', text: 'The appraisal is too harsh.' }),
    ) as string;
    const question = newId(
      await contribute(m.ws, m.priya, { kind: 'question', text: 'Who chaired?' }),
    ) as string;
    await declineContribution(m.ws, m.reviewId, dissent, 'The records show no follow-up');
    const noReason = await refusedUnchanged(m, () =>
      declineContribution(m.ws, m.reviewId, question, ''),
    );
    expect(noReason.issues[0]?.path).toEqual(['reason']);
    expect(
      (await listContributions(m.ws, m.reviewId, m.meetingId, { undecided: true })).map(
        (c) => c.id,
      ),
    ).toEqual([question]);
    const { outcome } = await closeLiveMeeting(m.ws, m.reviewId, m.meetingId);
    expect(outcome).toMatchObject({
      contributions: 2,
      accepted: 0,
      declined: 1,
      undecided: 1,
      dissent: [dissent],
    });
    const decided = (await listContributions(m.ws, m.reviewId, m.meetingId))[0];
    expect(decided?.decision).toEqual({
      outcome: 'declined',
      reason: 'The records show no follow-up',
      by: 'Test Reviewer',
    });
  });
});

describe('closeLiveMeeting', () => {
  it('records who came and for how long, marks the meeting held and logs their time', async () => {
    const m = await liveMeetingSetUp();
    const sam = (await m.join('PT-2')).session;
    const priya = (await m.join('PT-3')).session;
    await startMeeting(m.ws, m.reviewId, m.meetingId);
    m.clock.advance(30);
    await leaveMeeting(m.ws, priya);
    m.clock.advance(15);
    await contribute(m.ws, sam, { kind: 'context', text: 'We had no interpreter.' });
    const result = await closeLiveMeeting(m.ws, m.reviewId, m.meetingId);
    expect(result.outcome.attendance.map((a) => [a.participantId, a.minutes])).toEqual([
      ['PT-2', 45],
      ['PT-3', 30],
    ]);
    expect(result.outcome.contributions).toBe(1);
    expect(result.events.map((e) => e.type)).toEqual([
      'meeting.closed',
      'meeting.updated',
      'time.logged',
      'time.logged',
    ]);
    const logged = result.events.filter((e) => e.type === 'time.logged').map((e) => e.payload);
    expect(logged).toMatchObject([
      {
        participantId: 'PT-2',
        minutes: 45,
        date: '2026-01-15',
        activity: 'Meeting M-2 (joint-meeting-1)',
      },
      { participantId: 'PT-3', minutes: 30, date: '2026-01-15' },
    ]);
    expect(result.state.meetings[m.meetingId]).toMatchObject({
      status: 'held',
      attendees: ['PT-2', 'PT-3'],
    });
    expect(result.state.rooms[m.meetingId]?.outcome).toEqual(result.outcome);
  });

  it('refuses contributions, answers, votes, prompts and a second close once closed, and writes nothing', async () => {
    const m = await started();
    const ballot = newId(
      await openPrompt(m.ws, m.reviewId, m.meetingId, {
        text: 'Which?',
        kind: 'vote',
        options: ['F-1', 'F-2'],
      }),
    );
    await closeLiveMeeting(m.ws, m.reviewId, m.meetingId);
    const attempts: [string, () => Promise<unknown>][] = [
      ['contribute', () => contribute(m.ws, m.sam, { kind: 'context', text: 'One more thing.' })],
      ['respond', () => respond(m.ws, m.sam, { prompt: ballot, text: 'F-1' })],
      ['show', () => showItem(m.ws, m.reviewId, m.meetingId, { kind: 'kpe', id: 'KPE-1' })],
      ['start', () => startMeeting(m.ws, m.reviewId, m.meetingId)],
      ['close', () => closeLiveMeeting(m.ws, m.reviewId, m.meetingId)],
    ];
    for (const [what, attempt] of attempts) {
      const error = await refusedUnchanged(m, attempt);
      expect(
        error.issues.some((i) => i.code === 'meeting-closed' && i.path[0] === 'meeting'),
        what,
      ).toBe(true);
    }
  });

  it('lists the prompts with what was answered, for the reviewers', async () => {
    const m = await started();
    const id = newId(await openPrompt(m.ws, m.reviewId, m.meetingId, { text: 'Why?' }));
    await respond(m.ws, m.sam, { text: 'Caseloads.' });
    await closePrompt(m.ws, m.reviewId, id);
    expect(await listPrompts(m.ws, m.reviewId, m.meetingId)).toMatchObject([
      { id, session: 'all', kind: 'writing', open: false, revealed: false, answered: 1 },
    ]);
  });
});
