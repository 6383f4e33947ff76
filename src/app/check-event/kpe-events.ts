/** Checks for key practice episodes. */
import { requireAll, requireFresh, requireOne } from './references.ts';
import { checkRemoval } from './removal.ts';
import type { Validators } from './validator.ts';

export const kpeValidators: Validators<'kpe.added' | 'kpe.edited' | 'kpe.removed'> = {
  'kpe.added': (p, { state }) => [
    ...requireFresh(state, p.id, ['id']),
    ...requireAll(state, p.agencyIds, ['agencyIds']),
    ...requireAll(state, p.chronologyRefs, ['chronologyRefs']),
  ],
  'kpe.edited': (p, { state }) => [
    ...requireOne(state, p.id, ['id']),
    ...requireAll(state, p.changes.agencyIds ?? [], ['agencyIds']),
    ...requireAll(state, p.changes.chronologyRefs ?? [], ['chronologyRefs']),
  ],
  'kpe.removed': (p, { state }) => checkRemoval(state, p.id, p.detached),
};
