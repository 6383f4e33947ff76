/**
 * What the case group said about a KPE or a finding at live meetings: every contribution the
 * reviewers accepted as evidence, and every dissent whatever was decided on it — declined
 * dissent is kept with the reviewers' reason, never hidden.
 */
import { CONTRIBUTION_LABELS, isEvidence, recordsAbout } from '../domain/contribution-evidence.ts';
import type { ContributionKind, ContributionRecord } from '../domain/live-meeting.ts';
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';

export interface CaseGroupWord {
  id: string;
  kind: ContributionKind;
  /** The kind in words ("How it looked at the time", "Dissent"). */
  label: string;
  text: string;
  authorId: string;
  /** The author's name (and profession), as the reviewers see it; the id if they were removed. */
  author: string;
  meetingId: string;
  /** The meeting's type in the model's words, and its day; null when the meeting is unknown. */
  meetingName: string | null;
  meetingDate: string | null;
  decision:
    | { outcome: 'accepted'; note: string | null; by: string; at: string }
    | { outcome: 'declined'; reason: string; by: string; at: string }
    | { outcome: 'undecided' };
}

function authorName(state: ReviewState, id: string): string {
  const p = state.participants[id];
  if (!p) return id;
  return p.profession ? `${p.name} (${p.profession})` : p.name;
}

function wordOf(state: ReviewState, model: MethodologyModel, c: ContributionRecord): CaseGroupWord {
  const meeting = state.meetings[c.meetingId];
  const d = c.decision;
  return {
    id: c.id,
    kind: c.kind,
    label: CONTRIBUTION_LABELS[c.kind],
    text: c.text,
    authorId: c.author,
    author: authorName(state, c.author),
    meetingId: c.meetingId,
    meetingName: meeting
      ? (model.meetingTypes.find((t) => t.id === meeting.type)?.name ?? meeting.type)
      : null,
    meetingDate: meeting?.date ?? null,
    decision: !d
      ? { outcome: 'undecided' }
      : d.outcome === 'accepted'
        ? { outcome: 'accepted', note: d.note ?? null, by: d.by, at: d.at }
        : { outcome: 'declined', reason: d.reason, by: d.by, at: d.at },
  };
}

/**
 * The case group's words about one KPE or finding, in the order they were written: those
 * accepted as evidence, and all dissent about it (accepted, declined with its reason, or not
 * yet decided). Notes for the reviewers are among them; who may see those is the page's call.
 *
 * @example
 * caseGroupWordsOn(state, model, 'KPE-3').filter((w) => w.kind === 'dissent');
 */
export function caseGroupWordsOn(
  state: ReviewState,
  model: MethodologyModel,
  recordId: string,
): CaseGroupWord[] {
  return Object.values(state.contributions)
    .filter((c) => recordsAbout(c).includes(recordId) && (isEvidence(c) || c.kind === 'dissent'))
    .sort((a, b) => a.seq - b.seq)
    .map((c) => wordOf(state, model, c));
}
