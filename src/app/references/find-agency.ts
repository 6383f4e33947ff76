/** Agencies named as people name them: by id (`AG-2`, `ag-02`) or by name, case and spacing aside. */
import type { Agency } from '../../domain/agency.ts';
import type { Issue } from '../../domain/issue.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { findNamed, lookupNamed, unknownName } from './find-named.ts';

/** The agency named by id or by name, or undefined; refused when a name fits several agencies. */
export function lookupAgency(
  state: ReviewState,
  wanted: string,
  path: Issue['path'] = ['agency'],
): Agency | undefined {
  return lookupNamed(state, 'agency', wanted, path);
}

/** The agency named by id or by name; refused, with the agencies there are, when there is none. */
export function findAgency(state: ReviewState, wanted: string, path: Issue['path']): Agency {
  return findNamed(state, 'agency', wanted, path);
}

export function unknownAgency(state: ReviewState, wanted: string, path: Issue['path']): Issue {
  return unknownName(state, 'agency', wanted, path);
}
