/**
 * What a case-group contribution is called, which records it is about, and when it stands as
 * evidence: the one place the graph, the pages, the log and the report agree on it.
 */
import type { Contribution, ContributionKind, ContributionRecord } from './live-meeting.ts';

/** How each kind of contribution is called where it is shown. */
export const CONTRIBUTION_LABELS: Record<ContributionKind, string> = {
  context: 'How it looked at the time',
  correction: 'Correction',
  question: 'Question',
  dissent: 'Dissent',
  'private-note': 'Note for the reviewers',
  response: 'Answer',
};

/**
 * The KPEs and findings a contribution is about, in a fixed order: the item it was written
 * about, and for a correction the KPE whose account it corrects. A period of the timeline or
 * a prompt is not a record, so an answer to a prompt is about none.
 */
export function recordsAbout(c: Pick<Contribution, 'about' | 'correction'>): string[] {
  const ids: string[] = [];
  if (c.about?.kind === 'kpe' || c.about?.kind === 'finding') ids.push(c.about.id);
  const target = c.correction?.target;
  if (target?.kind === 'kpe' && !ids.includes(target.id)) ids.push(target.id);
  return ids;
}

/**
 * Whether the reviewers took the contribution as evidence: they accepted it. Whatever its
 * kind — a note for the reviewers is evidence for them too, and dissent accepted stands as
 * evidence against the appraisal or finding it disputes. Declined or undecided, it is not.
 */
export function isEvidence(c: ContributionRecord): boolean {
  return c.decision?.outcome === 'accepted';
}
