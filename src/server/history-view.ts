/**
 * A review's history as a page shows it: its log newest first, a page of events at a time,
 * each with when (UK local time), who, and what it did in words — each edit with the fields it
 * changed, old and new — and the link to the review as it was after it.
 */
import type { LoggedEvent } from '../app/log-changes.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { withAt } from './as-at.ts';
import { partHref, reviewHref } from './review-frame.ts';
import { ukDateTime } from './uk-time.ts';

export const EVENTS_PER_PAGE = 50;

/** What each kind of record is called in the history. */
const RECORDS: Record<string, string> = {
  review: 'Review',
  person: 'Person',
  agency: 'Agency',
  participant: 'Participant',
  chronology: 'Chronology',
  conversation: 'Conversation',
  excerpt: 'Excerpt',
  kpe: 'KPE',
  factor: 'Factor',
  finding: 'Finding',
  meeting: 'Meeting',
  time: 'Time entry',
  language: 'Language check',
  publication: 'Publication',
  workflow: 'Workflow',
};

/** Event types whose words are not the record and the verb. */
const WORDS: Record<string, string> = {
  'review.created': 'Review started',
  'review.updated': 'Review settings changed',
  'review.question-added': 'Research question added',
  'review.question-edited': 'Research question reworded',
  'review.question-removed': 'Research question removed',
  'review.text-set': 'Report section written',
  'chronology.entry-added': 'Chronology entry added',
  'chronology.entry-edited': 'Chronology entry edited',
  'chronology.entry-removed': 'Chronology entry removed',
  'chronology.mapping-saved': 'Column mapping saved',
  'chronology.return-revised': 'Corrected return applied',
  'chronology.duplicates-decided': 'Duplicates decided',
  'finding.board-issue-added': 'Issue for the Board added',
  'finding.board-issue-edited': 'Issue for the Board edited',
  'finding.board-issue-removed': 'Issue for the Board removed',
  'finding.factor-linked': 'Factor linked to a finding',
  'finding.factor-unlinked': 'Factor unlinked from a finding',
  'factor.linked': 'Factor linked to a KPE',
  'factor.unlinked': 'Factor unlinked from a KPE',
  'language.flag-accepted': 'Language flag accepted',
  'publication.leak-check-passed': 'Publication leak check passed',
  'workflow.advanced': 'Moved on',
  'workflow.reopened': 'Reopened',
};

/** A value in a line of the history: lists joined, long text clipped, nothing as "(none)". */
function shortValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  const text = Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}

/**
 * The event in a few words: "KPE edited", "Moved on: Scoping → Case group", and a live
 * meeting's as the log words it ("PT-2 added dissent MC-4 about KPE-3 at M-2").
 */
export function eventInWords(event: LoggedEvent, model: MethodologyModel): string {
  if (event.summary) return event.summary;
  const [record = '', verb = ''] = event.type.split('.');
  const base = WORDS[event.type] ?? `${RECORDS[record] ?? record} ${verb.replace(/-/g, ' ')}`;
  const stage = (id: string) => model.stages.find((s) => s.id === id)?.name ?? id;
  if (event.type === 'workflow.advanced' || event.type === 'workflow.reopened') {
    const p = event.payload as { from: string; to: string; date?: string };
    return `${base}: ${stage(p.from)} → ${stage(p.to)}${p.date ? ` (on ${p.date})` : ''}`;
  }
  return base;
}

/** The record the event is about, when it names one (words that name it already say so). */
function subjectOf(event: LoggedEvent): string | null {
  if (event.summary) return null;
  const p = event.payload as { id?: unknown; findingId?: unknown; kpeId?: unknown };
  const id = p.id ?? p.findingId ?? p.kpeId;
  return typeof id === 'string' && event.type !== 'review.created' ? id : null;
}

/** The detail of an event: each field an edit changed, or a removal's or reopening's reason. */
function detailsOf(event: LoggedEvent): string[] {
  if (event.changes) {
    return event.changes.map((c) => `${c.field}: ${shortValue(c.old)} → ${shortValue(c.new)}`);
  }
  const p = event.payload as { reason?: unknown; text?: unknown; title?: unknown };
  if (typeof p.reason === 'string') return [`Reason: ${shortValue(p.reason)}`];
  if (event.type === 'review.created' && typeof p.title === 'string') {
    return [`Title: ${shortValue(p.title)}`];
  }
  return [];
}

export function historyView(input: {
  reviewId: string;
  events: readonly LoggedEvent[];
  model: MethodologyModel;
  /** The page asked for, 1 the newest; beyond the last, the last. */
  page: number;
  /** Rewrites a link to the history itself (to keep a view as at an earlier event). */
  link?: (href: string) => string;
}) {
  const { reviewId, events, model } = input;
  const link = input.link ?? ((href: string) => href);
  const pages = Math.max(1, Math.ceil(events.length / EVENTS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.trunc(input.page)), pages);
  const newestFirst = [...events].reverse();
  const shown = newestFirst.slice((page - 1) * EVENTS_PER_PAGE, page * EVENTS_PER_PAGE);
  const historyHref = partHref(reviewId, 'history');
  const pageHref = (n: number) => link(n === 1 ? historyHref : `${historyHref}?page=${n}`);
  const last = events.at(-1)?.seq ?? 0;
  return {
    total: events.length,
    page,
    pages,
    paged: pages > 1,
    first: shown.at(-1)?.seq ?? 0,
    last: shown[0]?.seq ?? 0,
    newer: page > 1 ? pageHref(page - 1) : null,
    older: page < pages ? pageHref(page + 1) : null,
    rows: shown.map((e) => ({
      seq: e.seq,
      when: ukDateTime(e.at),
      iso: e.at,
      actor: e.actor,
      what: eventInWords(e, model),
      subject: subjectOf(e),
      details: detailsOf(e),
      // The latest event is the review as it stands; every other opens the review as it was.
      asAtHref: e.seq === last ? reviewHref(reviewId) : withAt(reviewHref(reviewId), e.seq),
      latest: e.seq === last,
    })),
  };
}
