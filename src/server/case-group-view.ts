/**
 * "From the case group" on a KPE's and a finding's page: what was said about the record at live
 * meetings and accepted as evidence, and every dissent about it — declined dissent with the
 * reviewers' reason. A note written for the reviewers is shown only to those who analyse.
 */
import type { CaseGroupWord } from '../app/case-group-words.ts';

export interface CaseGroupWordView {
  id: string;
  label: string;
  text: string;
  author: string;
  meeting: string;
  /** The meeting's day (YYYY-MM-DD), as the KPE's period is shown. */
  date: string | null;
  dissent: boolean;
  accepted: boolean;
  declined: boolean;
  undecided: boolean;
  /** The reviewers' note on accepting it, or their reason for declining it. */
  note: string | null;
  reason: string | null;
  by: string | null;
}

/** The section's items, oldest first; `canAnalyse` decides whether notes for the reviewers show. */
export function caseGroupView(
  words: readonly CaseGroupWord[],
  canAnalyse: boolean,
): CaseGroupWordView[] {
  return words
    .filter((w) => canAnalyse || w.kind !== 'private-note')
    .map((w) => {
      const d = w.decision;
      return {
        id: w.id,
        label: w.label,
        text: w.text,
        author: w.author,
        meeting: w.meetingName ? `${w.meetingId} (${w.meetingName})` : w.meetingId,
        date: w.meetingDate,
        dissent: w.kind === 'dissent',
        accepted: d.outcome === 'accepted',
        declined: d.outcome === 'declined',
        undecided: d.outcome === 'undecided',
        note: d.outcome === 'accepted' ? d.note : null,
        reason: d.outcome === 'declined' ? d.reason : null,
        by: d.outcome === 'undecided' ? null : d.by,
      };
    });
}
