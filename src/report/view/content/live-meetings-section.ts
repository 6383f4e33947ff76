/**
 * The meetings run live with the case group, for the methodology: for each one closed, how
 * many came and for how long, how many contributions of each kind, and what the reviewers
 * decided on them, dissent counted apart. Counts only — no names and no words — so both
 * editions print the same.
 */
import { CONTRIBUTION_LABELS } from '../../../domain/contribution-evidence.ts';
import { CONTRIBUTION_KINDS } from '../../../domain/live-meeting.ts';
import { compareIds } from '../../../domain/primitives.ts';
import type { LiveMeetingView } from '../report-view.ts';
import { longDate } from '../view-text.ts';
import { type ContentBuilder, emptyNote } from './content-builder.ts';

export const liveMeetingsSection: ContentBuilder = ({ state, model }) => {
  const closed = Object.values(state.rooms)
    .filter((r) => r.closedAt !== undefined && r.outcome !== undefined)
    .map((r) => ({ room: r, meeting: state.meetings[r.meetingId] }))
    .sort(
      (a, b) =>
        (a.meeting?.date ?? '').localeCompare(b.meeting?.date ?? '') ||
        compareIds(a.room.meetingId, b.room.meetingId),
    );
  const liveMeetings = closed.map(({ room, meeting }): LiveMeetingView => {
    const attendance = room.outcome?.attendance ?? [];
    // Decisions made after the close count: the report shows the review as it stands.
    const said = Object.values(state.contributions).filter((c) => c.meetingId === room.meetingId);
    const count = (keep: (c: (typeof said)[number]) => boolean) => said.filter(keep).length;
    const name = meeting
      ? (model.meetingTypes.find((t) => t.id === meeting.type)?.name ?? meeting.type)
      : room.meetingId;
    return {
      id: room.meetingId,
      caption: meeting ? `${name}, ${longDate(meeting.date)}` : name,
      counts: [
        { label: 'People attending', count: attendance.length },
        { label: 'Total minutes attended', count: attendance.reduce((n, a) => n + a.minutes, 0) },
        { label: 'Contributions', count: said.length },
        {
          label: 'Accepted by the reviewers',
          count: count((c) => c.decision?.outcome === 'accepted'),
        },
        {
          label: 'Declined, with a reason',
          count: count((c) => c.decision?.outcome === 'declined'),
        },
        { label: 'Not yet decided', count: count((c) => !c.decision) },
        { label: 'Dissent recorded', count: count((c) => c.kind === 'dissent') },
      ],
      byKind: CONTRIBUTION_KINDS.map((kind) => ({
        label: CONTRIBUTION_LABELS[kind],
        count: count((c) => c.kind === kind),
      })).filter((r) => r.count > 0),
    };
  });
  return {
    emptyNote: emptyNote(
      liveMeetings.length === 0,
      'No meeting with the case group was run live, so there is no record of attendance and contributions to count.',
    ),
    liveMeetings,
  };
};
