/**
 * The check every removal shares: the record exists, nothing that belongs to
 * it remains, and every reference to it is either gone already or detached by
 * the same event — which then lists exactly those references.
 */
import { type Issue, issue } from '../../domain/issue.ts';
import {
  describeLinks,
  holderIds,
  isOwned,
  linksTo,
  type RecordLink,
  sameLink,
} from '../../domain/record-links.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { exists, missing } from './references.ts';

/**
 * Issues with removing `id`. `detached` is what the event detaches; `undefined`
 * only for removals recorded before events listed it, which detached every
 * reference without saying so.
 */
export function checkRemoval(
  state: ReviewState,
  id: string,
  detached: readonly RecordLink[] | undefined,
): Issue[] {
  if (!exists(state, id)) return [missing(state, id, ['id'])];
  const links = linksTo(state, id);
  const owned = links.filter(isOwned);
  const loose = links.filter((l) => !isOwned(l));
  const issues: Issue[] = [];
  if (owned.length > 0) {
    const holders = owned.map((l) => l.from);
    issues.push(
      issue(
        'reference-in-use',
        ['id'],
        `${id} cannot be removed while ${describeLinks(owned)} ${owned.length === 1 ? 'belongs' : 'belong'} to it`,
        { ids: [id, ...holders], fix: { kind: 'remove-first', ids: holders } },
      ),
    );
  }
  if (detached === undefined) return issues;
  const kept = loose.filter((l) => !detached.some((d) => sameLink(d, l)));
  if (kept.length > 0) {
    issues.push(
      issue('reference-in-use', ['id'], `${id} is named by ${describeLinks(kept)}`, {
        ids: [id, ...new Set(kept.flatMap(holderIds))],
        fix: { kind: 'force-remove', id },
      }),
    );
  }
  detached.forEach((d, i) => {
    if (!loose.some((l) => sameLink(l, d))) {
      issues.push(
        issue(
          'link-unknown',
          ['detached', i],
          `${d.from} does not name ${id} through ${d.field}, so there is nothing there to detach`,
          { ids: [id] },
        ),
      );
    }
  });
  return issues;
}
