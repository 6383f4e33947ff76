/** Who took part, grouped by role. */
import { byId } from '../../../domain/display-order.ts';
import type { Participant, ParticipantRole } from '../../../domain/participant.ts';
import type { ReviewState } from '../../../domain/review-state.ts';
import { agencyName } from '../view-text.ts';
import { type ContentBuilder, emptyNote } from './content-builder.ts';

const ROLE_LABELS: Record<ParticipantRole, string> = {
  'lead-reviewer': 'Lead reviewers',
  'review-team': 'Review team',
  'case-group': 'Case group',
  family: 'Family members who contributed',
  board: 'Safeguarding partnership',
};

function member(state: ReviewState, p: Participant): { name: string; detail: string } {
  const agency = p.agencyId ? agencyName(state, p.agencyId) : '';
  // Case-group members appear by profession and agency: the review is about the system, not them.
  if (p.role === 'case-group' || p.role === 'family') {
    return { name: p.publicationLabel ?? p.profession ?? 'Practitioner', detail: agency };
  }
  return { name: p.name, detail: [p.profession, agency].filter(Boolean).join(', ') };
}

export const membershipSection: ContentBuilder = ({ state }) => {
  const participants = byId(state.participants);
  return {
    emptyNote: emptyNote(participants.length === 0, 'No participants have been recorded yet.'),
    membership: (Object.keys(ROLE_LABELS) as ParticipantRole[])
      .map((role) => ({
        role: ROLE_LABELS[role],
        members: participants.filter((p) => p.role === role).map((p) => member(state, p)),
      }))
      .filter((g) => g.members.length > 0),
  };
};
