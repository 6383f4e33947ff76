/** Use-cases for review-team and case-group meetings, planned and held. */
import { byId } from '../domain/display-order.ts';
import { MeetingChanges, MeetingInput } from '../domain/meeting.ts';
import { stableIdInput } from '../domain/primitives.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { recordId, removalReason, requireChanges } from './record-changes.ts';
import { findNamedIds, TypedNames } from './references/find-named.ts';
import { parseWithDays } from './references/read-day.ts';
import { sealAfter, sealerForChange } from './seal.ts';
import type { CommandResult, Workspace } from './workspace.ts';

/** Attendees by id or name, resolved against the review; the date as people write it. */
const MeetingText = MeetingInput.extend({ attendees: TypedNames.default([]) });
const MeetingChangesText = MeetingChanges.extend({ attendees: TypedNames }).partial();
const DAYS = [['date']] as const;

/**
 * Records a meeting. A meeting recorded as held closes it: with a seal key configured, the
 * review's head is sealed after it (a key that cannot be used refuses before anything is written).
 */
export async function recordMeeting(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  const parsed = parseWithDays(MeetingText, input, DAYS);
  const sealer = parsed.status === 'held' ? await sealerForChange(ws, reviewId) : undefined;
  const result = await ws.run(reviewId, (state, _m, allocate) => [
    {
      type: 'meeting.recorded',
      payload: {
        ...parsed,
        attendees: findNamedIds(state, 'participant', parsed.attendees, ['attendees']),
        id: allocate('meeting', id),
      },
    },
  ]);
  return sealAfter(ws, result, sealer);
}

/**
 * Records what happened at a meeting that was scheduled (or corrects one
 * held). Dissent already recorded is kept: new dissent is added after it.
 * Recording it as held closes it, and seals the head as `recordMeeting` does.
 */
export async function updateMeeting(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const meetingId = parseOrThrow(stableIdInput('meeting'), id, ['id']);
  const typed = parseWithDays(MeetingChangesText, changes, DAYS);
  const sealer = typed.status === 'held' ? await sealerForChange(ws, reviewId) : undefined;
  const result = await ws.run(reviewId, (state) => {
    const parsed = typed.attendees
      ? {
          ...typed,
          attendees: findNamedIds(state, 'participant', typed.attendees, ['attendees']),
        }
      : typed;
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
  return sealAfter(ws, result, sealer);
}

/**
 * Corrects a meeting: a field given replaces the old value (dissent too, as
 * a correction rather than an addition); `null` clears notes, outcome or dissent.
 */
export function editMeeting(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const meetingId = recordId('meeting', id);
  const typed = parseWithDays(MeetingChangesText, changes, DAYS);
  requireChanges(meetingId, typed);
  return ws.run(reviewId, (state) => {
    const attendees =
      typed.attendees && findNamedIds(state, 'participant', typed.attendees, ['attendees']);
    const parsed = { ...typed, ...(attendees ? { attendees } : {}) };
    return [{ type: 'meeting.updated', payload: { id: meetingId, changes: parsed } }];
  });
}

/** Removes a meeting, for a reason kept in the log; its id is never used again. */
export function removeMeeting(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
): Promise<CommandResult> {
  const payload = { id: recordId('meeting', id), reason: removalReason(reason) };
  return ws.run(reviewId, () => [{ type: 'meeting.removed', payload }]);
}

/** Meetings by date. */
export async function listMeetings(ws: Workspace, reviewId: string) {
  return byId((await ws.load(reviewId)).meetings).sort((a, b) => a.date.localeCompare(b.date));
}
