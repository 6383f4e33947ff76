/**
 * What each edit in a review's log changed, field by field, with the old
 * value and the new. Found by replaying the log — the record in the state
 * before the event against the same record after it — so events carry only
 * their changes, never copies of old values.
 */
import { isDeepStrictEqual } from 'node:util';
import type { EventPayload, EventType, ReviewEvent } from '../domain/events.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { applyEvent, initialState } from '../store/fold-events.ts';
import { liveMeetingWords } from './live-meeting-words.ts';

/** One field an edit changed: `appraisal.rating`, `mixed` → `good`; null where there was (or is) none. */
export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/**
 * An event of the log, with the fields it changed when it is an edit, and what it did in words
 * where its type says too little (a live meeting's events: see `liveMeetingWords`).
 */
export type LoggedEvent = ReviewEvent & { changes?: FieldChange[]; summary?: string };

type EditType =
  | 'review.updated'
  | 'review.question-edited'
  | 'review.text-set'
  | 'person.edited'
  | 'agency.edited'
  | 'participant.edited'
  | 'chronology.entry-edited'
  | 'conversation.updated'
  | 'excerpt.edited'
  | 'kpe.edited'
  | 'factor.edited'
  | 'finding.edited'
  | 'finding.factor-linked'
  | 'finding.factor-unlinked'
  | 'finding.board-issue-edited'
  | 'meeting.updated'
  | 'time.edited';

/** The record each kind of edit changes, as it stands in a state. */
const RECORD_OF: { [T in EditType]: (state: ReviewState, payload: EventPayload<T>) => unknown } = {
  'review.updated': (s) => s.review,
  'review.question-edited': (s, p) => s.researchQuestions[p.id],
  'review.text-set': (s, p) => ({ [p.section]: s.texts[p.section] }),
  'person.edited': (s, p) => s.persons[p.id],
  'agency.edited': (s, p) => s.agencies[p.id],
  'participant.edited': (s, p) => s.participants[p.id],
  'chronology.entry-edited': (s, p) => s.chronology[p.id],
  'conversation.updated': (s, p) => s.conversations[p.id],
  'excerpt.edited': (s, p) => s.excerpts[p.id],
  'kpe.edited': (s, p) => s.kpes[p.id],
  'factor.edited': (s, p) => s.factors[p.id],
  'finding.edited': (s, p) => s.findings[p.id],
  'finding.factor-linked': (s, p) => s.findings[p.findingId],
  'finding.factor-unlinked': (s, p) => s.findings[p.findingId],
  'finding.board-issue-edited': (s, p) =>
    s.findings[p.findingId]?.boardIssues.find((b) => b.id === p.id),
  'meeting.updated': (s, p) => s.meetings[p.id],
  'time.edited': (s, p) => s.timeLog[p.id],
};

function isEdit(type: EventType): type is EditType {
  return type in RECORD_OF;
}

function recordOf(state: ReviewState, event: ReviewEvent): unknown {
  const read = RECORD_OF[event.type as EditType] as (s: ReviewState, p: unknown) => unknown;
  return read(state, event.payload);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A record as leaf fields by dotted path (`appraisal.rating`); lists are single values. */
function flatten(value: unknown, prefix = '', into = new Map<string, unknown>()) {
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      flatten(inner, prefix ? `${prefix}.${key}` : key, into);
    }
  } else if (prefix && value !== undefined) {
    into.set(prefix, value);
  }
  return into;
}

/** The fields that differ between two versions of a record, in the record's order. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const old = flatten(before);
  const now = flatten(after);
  const fields = [...new Set([...old.keys(), ...now.keys()])];
  return fields.flatMap((field) => {
    const a = old.get(field);
    const b = now.get(field);
    return isDeepStrictEqual(a, b) ? [] : [{ field, old: a ?? null, new: b ?? null }];
  });
}

/**
 * The log with each edit's field changes, and each live meeting's event in words, found by
 * replaying it from the start.
 */
export function withFieldChanges(events: readonly ReviewEvent[]): LoggedEvent[] {
  const first = events[0];
  if (first?.type !== 'review.created') return [...events];
  const state = initialState(structuredClone(first.payload));
  return events.map((event) => {
    if (!isEdit(event.type)) {
      const summary = liveMeetingWords(event, state);
      applyEvent(state, event);
      return summary === undefined ? event : { ...event, summary };
    }
    const before = structuredClone(recordOf(state, event));
    applyEvent(state, event);
    return { ...event, changes: fieldChanges(before, recordOf(state, event)) };
  });
}
