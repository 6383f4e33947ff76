/** Use-cases for review-team and case-group meetings, planned and held. */
import { byId } from '../domain/display-order.ts';
import { MeetingChanges, MeetingInput } from '../domain/meeting.ts';
import { stableId } from '../domain/primitives.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import type { CommandResult, Workspace } from './workspace.ts';

export function recordMeeting(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  const parsed = parseOrThrow(MeetingInput, input);
  return ws.run(reviewId, (_s, _m, allocate) => [
    { type: 'meeting.recorded', payload: { ...parsed, id: allocate('meeting', id) } },
  ]);
}

/**
 * Records what happened at a meeting that was scheduled (or corrects one
 * held). Dissent already recorded is kept: new dissent is added after it.
 */
export function updateMeeting(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const meetingId = parseOrThrow(stableId('meeting'), id, ['id']);
  const parsed = parseOrThrow(MeetingChanges, changes);
  return ws.run(reviewId, (state) => {
    const earlier = state.meetings[meetingId]?.dissent;
    const dissent =
      earlier && parsed.dissent && parsed.dissent !== earlier
        ? `${earlier}\n\n${parsed.dissent}`
        : parsed.dissent;
    return [
      {
        type: 'meeting.updated',
        payload: { id: meetingId, changes: { ...parsed, ...(dissent ? { dissent } : {}) } },
      },
    ];
  });
}

/** Meetings by date. */
export async function listMeetings(ws: Workspace, reviewId: string) {
  return byId((await ws.load(reviewId)).meetings).sort((a, b) => a.date.localeCompare(b.date));
}
