/** Checks for chronology entries, saved column mappings and duplicate decisions. */
import { issue } from '../../domain/issue.ts';
import { requireAll, requireFresh, requireOne } from './references.ts';
import { checkRemoval } from './removal.ts';
import type { Validators } from './validator.ts';

export const chronologyValidators: Validators<
  | 'chronology.entry-added'
  | 'chronology.entry-edited'
  | 'chronology.entry-removed'
  | 'chronology.mapping-saved'
  | 'chronology.duplicates-decided'
> = {
  'chronology.entry-added': (p, { state }) => [
    ...requireFresh(state, p.id, ['id']),
    ...requireOne(state, p.agencyId, ['agencyId']),
  ],
  'chronology.entry-edited': (p, { state }) => [
    ...requireOne(state, p.id, ['id']),
    ...requireOne(state, p.changes.agencyId, ['agencyId']),
  ],
  'chronology.entry-removed': (p, { state }) => checkRemoval(state, p.id, p.detached),
  'chronology.mapping-saved': (p, { state }) => requireOne(state, p.agencyId, ['agencyId']),
  'chronology.duplicates-decided': (p, { state }) => {
    const repeated = p.entryIds.filter((id, i) => p.entryIds.indexOf(id) !== i);
    return [
      ...requireAll(state, p.entryIds, ['entryIds']),
      ...(repeated.length > 0
        ? [issue('duplicate-entry-ids', ['entryIds'], `${repeated.join(', ')} listed twice`)]
        : []),
    ];
  },
};
