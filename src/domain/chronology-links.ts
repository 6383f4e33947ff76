/**
 * What refers to a chronology entry: KPEs citing it, KPE–factor links giving
 * it as evidence, reviewers' duplicate decisions naming it. An entry that is
 * still referred to cannot simply go; the links are named so the reviewer can
 * undo them first.
 */
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
  const links: ChronologyLink[] = [];
  for (const kpe of Object.values(state.kpes)) {
    if (kpe.chronologyRefs.includes(entryId)) {
      links.push({ kind: 'kpe', ids: [kpe.id], description: `${kpe.id} cites it` });
    }
  }
  for (const link of Object.values(state.links)) {
    if (link.evidence.includes(entryId)) {
      links.push({
        kind: 'factor-link',
        ids: [link.kpeId, link.factorId],
        description: `the link ${link.kpeId} → ${link.factorId} gives it as evidence`,
      });
    }
  }
  // Only the latest decision on a set of entries stands; an older one is not a link any more.
  const latest = new Map<string, ReviewState['duplicateDecisions'][number]>();
  for (const d of state.duplicateDecisions) latest.set([...d.entryIds].sort().join(','), d);
  for (const d of latest.values()) {
    if (d.entryIds.includes(entryId)) {
      links.push({
        kind: 'duplicate-decision',
        ids: d.entryIds,
        description: `the duplicate decision on ${d.entryIds.join(', ')} (${d.decision}) names it`,
      });
    }
  }
  return links;
}
