/** Agencies named as people name them: by id (`AG-2`, `ag-02`) or by name, case and spacing aside. */
import type { Agency } from '../../domain/agency.ts';
import { byId } from '../../domain/display-order.ts';
import { ValidationError } from '../../domain/errors.ts';
import { type Issue, issue } from '../../domain/issue.ts';
import { nearest } from '../../domain/nearest.ts';
import { normaliseStableId } from '../../domain/primitives.ts';
import type { ReviewState } from '../../domain/review-state.ts';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The agency named by id or by name, or undefined. */
export function lookupAgency(state: ReviewState, wanted: string): Agency | undefined {
  const id = normaliseStableId(wanted);
  return (
    (id ? state.agencies[id] : undefined) ??
    Object.values(state.agencies).find((a) => collapse(a.name) === collapse(wanted))
  );
}

/** The agency named by id or by name; refused, with the agencies there are, when there is none. */
export function findAgency(state: ReviewState, wanted: string, path: Issue['path']): Agency {
  const found = lookupAgency(state, wanted);
  if (found) return found;
  throw new ValidationError([unknownAgency(state, wanted, path)]);
}

export function unknownAgency(state: ReviewState, wanted: string, path: Issue['path']): Issue {
  const agencies = byId(state.agencies);
  const guess = nearest(
    wanted,
    agencies.map((a) => a.name),
  );
  const known =
    agencies.length > 0
      ? `its agencies are ${agencies.map((a) => `${a.id} "${a.name}"`).join(', ')}`
      : 'it has no agencies yet';
  return issue(
    'agency-unknown',
    path,
    `review ${state.review.id} has no agency "${wanted}"${guess ? ` (did you mean "${guess}"?)` : ''}; ${known}`,
    { fix: { kind: 'list', record: 'agency' } },
  );
}
