// A review with a joint meeting on the day the clock starts (15 January 2026), its case group
// and a clock the test moves on: the set-up of the live-meeting tests, through the use-cases.
import { issueInvite, redeemInvite } from '../../src/app/meeting-invites.ts';
import { type Audience, meetingRoomFor } from '../../src/app/meeting-room.ts';
import { recordMeeting } from '../../src/app/meetings.ts';
import { addParticipant } from '../../src/app/register.ts';
import { createReview } from '../../src/app/reviews.ts';
import {
  buildSampleReview,
  logPosition,
  openTestWorkspace,
  PINNED_TIME,
  tempWorkspacePath,
} from './workspace.ts';

/** A clock that moves on a second a reading, and as far as the test says (`advance`). */
export function movableClock(start: string = PINNED_TIME) {
  let ms = Date.parse(start);
  const clock = () => {
    const now = new Date(ms);
    ms += 1000;
    return now;
  };
  return Object.assign(clock, {
    advance: (minutes: number) => {
      ms += minutes * 60_000;
    },
    set: (iso: string) => {
      ms = Date.parse(iso);
    },
  });
}

/**
 * The sample review (Dana Reid PT-1 leads, Sam Okafor PT-2 is in the case group; KPE-1, KPE-2,
 * CF-1, CF-2, F-1, F-2, CH-1, CH-2) with Priya Nandra (PT-3) added and joint meeting M-2 planned
 * for today. `path` names the workspace file, for a CLI to open.
 */
export async function liveMeetingSetUp(path: string = tempWorkspacePath()) {
  const clock = movableClock();
  const handle = openTestWorkspace(path, { clock });
  const { ws, store } = handle;
  const { state: created } = await createReview(
    ws,
    { title: 'Learning review: Child A', kind: 'lcspr' },
    'R-TEST01',
  );
  const reviewId = created.review.id;
  await buildSampleReview(ws, reviewId);
  await addParticipant(ws, reviewId, {
    name: 'Priya Nandra',
    role: 'case-group',
    profession: 'Nursery manager',
  });
  const { state } = await recordMeeting(ws, reviewId, {
    type: 'joint-meeting-1',
    date: '2026-01-15',
    status: 'scheduled',
  });
  const meetingId = Object.keys(state.meetings).at(-1) as string;
  /** Issues a link for `participant` and uses it: the session the web page would hold. */
  const join = async (participant: string, session?: string) => {
    const { token } = await issueInvite(ws, reviewId, {
      meeting: meetingId,
      participant,
      ...(session ? { session } : {}),
    });
    return redeemInvite(ws, reviewId, token);
  };
  const room = async (audience: Audience) => {
    const s = await ws.load(reviewId);
    const view = meetingRoomFor(s, ws.modelOf(s), meetingId, audience);
    if (!view) throw new Error(`no meeting ${meetingId}`);
    return view;
  };
  const position = () => logPosition(store, reviewId);
  return { ...handle, clock, reviewId, meetingId, join, room, position };
}

/** The room as a joined participant sees it. */
export function asParticipant(session: { participantId?: string; session: string }): Audience {
  return {
    kind: 'participant',
    participantId: session.participantId as string,
    session: session.session,
  };
}
