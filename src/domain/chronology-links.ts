/**
 * What refers to a chronology entry, in the words a corrected return's report
 * uses: KPEs citing it, KPE–factor links giving it as evidence, reviewers'
 * duplicate decisions naming it. The references themselves are `linksTo`'s
 * (`record-links.ts`), the one account of what names a record.
 */
import { holderIds, linksTo } from './record-links.ts';
import type { ReviewState } from './review-state.ts';

export interface ChronologyLink {
  kind: 'kpe' | 'factor-link' | 'duplicate-decision';
  /** The ids of the records that refer to the entry (a link: its KPE and factor). */
  ids: string[];
  /** The link in a reviewer's words: "KPE-2 cites it". */
  description: string;
}

/** Every link to `entryId` in the review, KPEs first, then factor links, then duplicate decisions. */
export function chronologyLinks(state: ReviewState, entryId: string): ChronologyLink[] {
  // Only the latest decision on a set of entries stands; an older one is not a link any more.
  const latest = new Map<string, ReviewState['duplicateDecisions'][number]>();
  for (const d of state.duplicateDecisions) latest.set([...d.entryIds].sort().join(','), d);
  const decisions: ChronologyLink[] = [];
  const others: ChronologyLink[] = [];
  for (const link of linksTo(state, entryId)) {
    const ids = holderIds(link);
    if (link.field === 'chronologyRefs') {
      others.push({ kind: 'kpe', ids, description: `${link.from} cites it` });
    } else if (link.field === 'evidence') {
      const [kpeId, factorId] = ids;
      others.push({
        kind: 'factor-link',
        ids,
        description: `the link ${kpeId} → ${factorId} gives it as evidence`,
      });
    } else if (link.field === 'entryIds') {
      const d = latest.get([...ids].sort().join(','));
      if (d && !decisions.some((x) => x.ids.join(',') === d.entryIds.join(','))) {
        decisions.push({
          kind: 'duplicate-decision',
          ids: d.entryIds,
          description: `the duplicate decision on ${d.entryIds.join(', ')} (${d.decision}) names it`,
        });
      }
    }
  }
  return [...others, ...decisions];
}
