/** Checks for the pseudonym register, the agencies and the participants. */
import { requireFresh, requireOne } from './references.ts';
import type { Validators } from './validator.ts';

export const registerValidators: Validators<'person.added' | 'agency.added' | 'participant.added'> =
  {
    'person.added': (p, { state }) => requireFresh(state, p.id, ['id']),
    'agency.added': (p, { state }) => requireFresh(state, p.id, ['id']),
    'participant.added': (p, { state }) => [
      ...requireFresh(state, p.id, ['id']),
      ...requireOne(state, p.agencyId, ['agencyId']),
    ],
  };
