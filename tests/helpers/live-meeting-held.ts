// A live meeting run through the use-cases on the sample review, for the pages, the log and the
// report: two of the case group join by their links, contribute about KPE-1 and F-1 (hostile
// text among it), the reviewers accept some and decline others, and the meeting is closed.
import {
  acceptContribution,
  closeLiveMeeting,
  contribute,
  declineContribution,
  showItem,
  startMeeting,
} from '../../src/app/live-meetings.ts';
import { issueInvite, leaveMeeting, redeemInvite } from '../../src/app/meeting-invites.ts';
import { recordMeeting } from '../../src/app/meetings.ts';
import { addParticipant } from '../../src/app/register.ts';
import type { Workspace } from '../../src/app/workspace.ts';

export const HOSTILE_CONTEXT = 'We had <script>alert(1)</script> eleven families that month.';
export const HOSTILE_DISSENT = 'The rating is unfair "><img src=x onerror=alert(1)>';
export const HOSTILE_REASON = 'The records show <b>no</b> visit was booked.';

/**
 * On a review built by `buildSampleReview` (Sam Okafor is PT-2): Priya Nandra (PT-3) joins the
 * case group, and meeting M-2 (the first joint meeting, 2026-01-15) is run live:
 * - about KPE-1: MC-1 context (Sam), accepted with a note; MC-2 dissent (Priya), declined with
 *   a reason; MC-3 a question (Priya), declined; MC-4 a note for the reviewers (Sam), accepted;
 * - about F-1: MC-5 dissent (Sam), accepted; MC-6 context (Priya), left undecided.
 * Priya leaves after `minutes.priya` minutes, Sam stays to the close after `minutes.sam`.
 */
export async function runLiveMeeting(
  ws: Workspace,
  reviewId: string,
  options: { advance?: (minutes: number) => void; minutes?: { priya: number; sam: number } } = {},
) {
  const advance = options.advance ?? (() => {});
  const minutes = options.minutes ?? { priya: 0, sam: 0 };
  await addParticipant(ws, reviewId, {
    name: 'Priya Nandra',
    role: 'case-group',
    profession: 'Nursery manager',
    agencyId: 'AG-2',
  });
  const { state } = await recordMeeting(ws, reviewId, {
    type: 'joint-meeting-1',
    date: '2026-01-15',
    status: 'scheduled',
  });
  const meetingId = Object.keys(state.meetings).at(-1) as string;
  const join = async (participant: string) => {
    const { token } = await issueInvite(ws, reviewId, { meeting: meetingId, participant });
    return (await redeemInvite(ws, reviewId, token)).session;
  };
  const sam = await join('Sam Okafor');
  const priya = await join('Priya Nandra');
  await startMeeting(ws, reviewId, meetingId);
  await showItem(ws, reviewId, meetingId, { kind: 'kpe', id: 'KPE-1' });
  await contribute(ws, sam, { kind: 'context', text: HOSTILE_CONTEXT });
  await contribute(ws, priya, { kind: 'dissent', text: HOSTILE_DISSENT });
  await contribute(ws, priya, { kind: 'question', text: 'Who booked the follow-up?' });
  await contribute(ws, sam, { kind: 'private-note', text: 'My manager was in the room.' });
  await showItem(ws, reviewId, meetingId, { kind: 'finding', id: 'F-1' });
  await contribute(ws, sam, { kind: 'dissent', text: 'Caseloads are not the whole story.' });
  await contribute(ws, priya, { kind: 'context', text: 'Nurseries see the same pressure.' });
  advance(minutes.priya);
  await leaveMeeting(ws, priya);
  advance(minutes.sam - minutes.priya);
  await acceptContribution(ws, reviewId, 'MC-1', { note: 'Matches the caseload figures.' });
  await declineContribution(ws, reviewId, 'MC-2', HOSTILE_REASON);
  await declineContribution(ws, reviewId, 'MC-3', 'Answered at the meeting.');
  await acceptContribution(ws, reviewId, 'MC-4');
  await acceptContribution(ws, reviewId, 'MC-5');
  await closeLiveMeeting(ws, reviewId, meetingId);
  return { meetingId, sam, priya };
}
