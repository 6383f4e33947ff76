/** Checks for the pseudonym register, the agencies and the participants. */
import { requireFresh, requireOne } from './references.ts';
import { checkRemoval } from './removal.ts';
import type { Validators } from './validator.ts';

export const registerValidators: Validators<
  | 'person.added'
  | 'person.edited'
  | 'person.removed'
  | 'agency.added'
  | 'agency.edited'
  | 'agency.removed'
  | 'participant.added'
  | 'participant.edited'
  | 'participant.removed'
> = {
  'person.added': (p, { state }) => requireFresh(state, p.id, ['id']),
  'person.edited': (p, { state }) => requireOne(state, p.id, ['id']),
  'person.removed': (p, { state }) => checkRemoval(state, p.id, []),
  'agency.added': (p, { state }) => requireFresh(state, p.id, ['id']),
  'agency.edited': (p, { state }) => requireOne(state, p.id, ['id']),
  'agency.removed': (p, { state }) => checkRemoval(state, p.id, p.detached),
  'participant.added': (p, { state }) => [
    ...requireFresh(state, p.id, ['id']),
    ...requireOne(state, p.agencyId, ['agencyId']),
  ],
  'participant.edited': (p, { state }) => [
    ...requireOne(state, p.id, ['id']),
    ...requireOne(state, p.changes.agencyId ?? undefined, ['agencyId']),
  ],
  'participant.removed': (p, { state }) => checkRemoval(state, p.id, p.detached),
};
