/** `participants-identified {role}`: at least one participant in the role. */
import { ValidationError } from '../../../domain/errors.ts';
import { issue } from '../../../domain/issue.ts';
import { PARTICIPANT_ROLES, type ParticipantRole } from '../../../domain/participant.ts';
import type { GateCheck } from '../gate-check.ts';
import { paramPath, stringParam } from '../gate-check.ts';

const ROLE_NAMES: Record<ParticipantRole, string> = {
  'lead-reviewer': 'lead reviewer',
  'review-team': 'review team member',
  'case-group': 'case-group member',
  family: 'family member',
  board: 'Board member',
};

export const participantsIdentified: GateCheck = ({ state, model, gate }) => {
  const role = stringParam(model, gate, 'role') as ParticipantRole;
  if (!PARTICIPANT_ROLES.includes(role)) {
    throw new ValidationError([
      issue(
        'invalid-model',
        paramPath(model, gate, 'role'),
        `gate "${gate.id}" of model ${model.id} names the role "${role}"; roles are ${PARTICIPANT_ROLES.join(', ')}`,
      ),
    ]);
  }
  if (Object.values(state.participants).some((p) => p.role === role)) return [];
  return [
    {
      message: `no ${ROLE_NAMES[role]} has been recorded`,
      fix: { kind: 'add', record: 'participant', fields: { role } },
    },
  ];
};
