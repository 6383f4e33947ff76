/** `participants-identified {role}`: at least one participant in the role. */
import { PARTICIPANT_ROLES, type ParticipantRole } from '../../../domain/participant.ts';
import type { GateCheck } from '../gate-check.ts';
import { stringParam } from '../gate-check.ts';

const ROLE_NAMES: Record<ParticipantRole, string> = {
  'lead-reviewer': 'lead reviewer',
  'review-team': 'review team member',
  'case-group': 'case-group member',
  family: 'family member',
  board: 'Board member',
};

export const participantsIdentified: GateCheck = ({ state, gate }) => {
  const role = stringParam(gate, 'role') as ParticipantRole;
  if (!PARTICIPANT_ROLES.includes(role)) {
    throw new Error(
      `gate "${gate.id}" names the role "${role}"; roles are ${PARTICIPANT_ROLES.join(', ')}`,
    );
  }
  if (Object.values(state.participants).some((p) => p.role === role)) return [];
  return [
    {
      message: `no ${ROLE_NAMES[role]} has been recorded; add one with tunnelview participant add --role ${role}`,
    },
  ];
};
