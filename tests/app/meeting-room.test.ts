// What each audience of a live meeting sees: the reviewers everything, the room no names unless
// shown, no notes for the reviewers, and answers to a prompt only once revealed.
import { describe, expect, it } from 'vitest';
import {
  contribute,
  openPrompt,
  respond,
  revealPrompt,
  showItem,
  showNames,
  startMeeting,
  vote,
} from '../../src/app/live-meetings.ts';
import { type Audience, meetingRoomFor } from '../../src/app/meeting-room.ts';
import { asParticipant, liveMeetingSetUp } from '../helpers/live-meeting.ts';

async function meetingWithTwo() {
  const m = await liveMeetingSetUp();
  const sam = (await m.join('Sam Okafor')).session;
  const priya = (await m.join('Priya Nandra')).session;
  await startMeeting(m.ws, m.reviewId, m.meetingId);
  return { ...m, sam, priya, as: asParticipant };
}

describe('meetingRoomFor', () => {
  it('shows the item on the screen to everyone, with a KPE’s appraisal and explanation', async () => {
    const m = await meetingWithTwo();
    await showItem(m.ws, m.reviewId, m.meetingId, { kind: 'kpe', id: 'kpe-1' });
    for (const audience of [
      { kind: 'reviewer' },
      { kind: 'presenter' },
      m.as(m.sam),
    ] as Audience[]) {
      const item = (await m.room(audience)).item;
      expect(item?.kind).toBe('kpe');
      if (item?.kind === 'kpe')
        expect(item.explanation).toBe('Caseloads left no time for a return visit.');
    }
  });

  it('keeps names from the room until the facilitator shows them; the reviewers always see them', async () => {
    const m = await meetingWithTwo();
    await contribute(m.ws, m.sam, { kind: 'context', text: 'We had no interpreter that week.' });
    expect((await m.room({ kind: 'reviewer' })).contributions[0]?.author).toBe('Sam Okafor');
    expect((await m.room({ kind: 'presenter' })).contributions[0]?.author).toBeNull();
    const seenByPriya = (await m.room(m.as(m.priya))).contributions[0];
    expect(seenByPriya?.author).toBeNull();
    expect(seenByPriya?.own).toBe(false);
    expect((await m.room(m.as(m.sam))).contributions[0]?.own).toBe(true);
    await showNames(m.ws, m.reviewId, m.meetingId, true);
    expect((await m.room({ kind: 'presenter' })).contributions[0]?.author).toBe('Sam Okafor');
  });

  it('never shows a note for the reviewers to the room', async () => {
    const m = await meetingWithTwo();
    await contribute(m.ws, m.priya, {
      kind: 'private-note',
      text: 'I felt unable to say this in front of my manager.',
    });
    expect((await m.room({ kind: 'reviewer' })).contributions).toHaveLength(1);
    expect((await m.room({ kind: 'presenter' })).contributions).toHaveLength(0);
    expect((await m.room(m.as(m.sam))).contributions).toHaveLength(0);
    expect((await m.room(m.as(m.priya))).contributions).toHaveLength(1);
  });

  it('hides answers to a prompt until it is revealed, except from their author and the reviewers', async () => {
    const m = await meetingWithTwo();
    await openPrompt(m.ws, m.reviewId, m.meetingId, { text: 'What made a return visit hard?' });
    await respond(m.ws, m.sam, { text: 'The caseload.' });
    await respond(m.ws, m.priya, { text: 'Nobody asked us.' });
    const before = await m.room(m.as(m.sam));
    expect(before.prompt?.answers).toHaveLength(0);
    expect(before.prompt?.ownAnswers.map((a) => a.text)).toEqual(['The caseload.']);
    expect(before.prompt?.answered).toBe(2);
    expect((await m.room({ kind: 'presenter' })).prompt?.answers).toHaveLength(0);
    expect((await m.room({ kind: 'reviewer' })).prompt?.answers).toHaveLength(2);
    await revealPrompt(m.ws, m.reviewId, before.prompt?.id);
    const after = await m.room({ kind: 'presenter' });
    expect(after.prompt?.answers.map((a) => [a.text, a.author])).toEqual([
      ['The caseload.', null],
      ['Nobody asked us.', null],
    ]);
  });

  it('counts votes only after the reveal, and shows each voter their own choice', async () => {
    const m = await meetingWithTwo();
    const { events } = await openPrompt(m.ws, m.reviewId, m.meetingId, {
      text: 'Which finding matters most?',
      kind: 'vote',
      options: ['F-1', 'F-2'],
      maxChoices: 1,
    });
    const promptId = (events[0]?.payload as { id: string } | undefined)?.id;
    await vote(m.ws, m.sam, { prompt: promptId, choices: ['F-2'] });
    await vote(m.ws, m.priya, { prompt: promptId, choices: ['F-2'] });
    const before = await m.room(m.as(m.sam));
    expect(before.prompt?.options.map((o) => [o.id, o.votes, o.chosen])).toEqual([
      ['F-1', null, false],
      ['F-2', null, true],
    ]);
    await revealPrompt(m.ws, m.reviewId, promptId);
    expect((await m.room({ kind: 'presenter' })).prompt?.options.map((o) => o.votes)).toEqual([
      0, 2,
    ]);
  });

  it('keeps a session’s room to itself: the managers do not see what the practitioners wrote', async () => {
    const m = await meetingWithTwo();
    const manager = (await m.join('Dana Reid', 'managers')).session;
    await contribute(m.ws, m.sam, { kind: 'dissent', text: 'The appraisal is too harsh.' });
    const seen = await m.room(m.as(manager));
    expect(seen.contributions).toHaveLength(0);
    await startMeeting(m.ws, m.reviewId, m.meetingId, 'managers');
    expect((await m.room(m.as(m.sam))).inRoom).toBe(false);
    expect((await m.room(m.as(manager))).inRoom).toBe(true);
  });
});
