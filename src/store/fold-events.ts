/**
 * State is a fold over events. `applyEvent` trusts its input: commands are
 * checked before they become events (`service/check-event.ts`), and bundles
 * are checked the same way on import.
 */

import { acceptedFlagKey } from '../domain/accepted-flag.ts';
import { InternalError } from '../domain/errors.ts';
import type { EventPayload, ReviewEvent } from '../domain/events.ts';
import { type IdKind, idKind, idNumber } from '../domain/primitives.ts';
import { linkKey, type ReviewState } from '../domain/review-state.ts';

/** The state right after `review.created`. */
export function initialState(created: EventPayload<'review.created'>): ReviewState {
  return {
    review: created,
    stage: created.startStage,
    stageHistory: [],
    seq: 0,
    head: '',
    researchQuestions: {},
    texts: {},
    persons: {},
    agencies: {},
    participants: {},
    chronology: {},
    chronologyMappings: {},
    duplicateDecisions: [],
    conversations: {},
    excerpts: {},
    kpes: {},
    factors: {},
    links: {},
    findings: {},
    meetings: {},
    timeLog: {},
    lastIds: {},
    removed: {},
    acceptedFlags: {},
    contentSeq: 0,
    leakChecks: [],
  };
}

function noteId(state: ReviewState, id: string): void {
  const kind = idKind(id) as IdKind;
  const n = idNumber(id);
  if (n > (state.lastIds[kind] ?? 0)) state.lastIds[kind] = n;
}

function must<T>(value: T | undefined, what: string, event: ReviewEvent): T {
  if (value === undefined) {
    throw new InternalError(
      `event ${event.seq} (${event.type}) of review ${event.reviewId} refers to ${what}, which does not exist`,
    );
  }
  return value;
}

/** Applies one event to `state` in place and returns it. */
/** Events that change no text a report shows: a leak check stays valid across them. */
const NOT_CONTENT = new Set<ReviewEvent['type']>([
  'workflow.advanced',
  'workflow.reopened',
  'publication.leak-check-passed',
  'time.logged',
  'language.flag-accepted',
]);

export function applyEvent(state: ReviewState, event: ReviewEvent): ReviewState {
  switch (event.type) {
    case 'review.created': {
      // A review entered under way started its stage on the day given, not the day it was recorded.
      const afterTheFact = event.payload.enteredAfterTheFact;
      state.stageHistory.push({
        stage: event.payload.startStage,
        at: afterTheFact?.since ?? event.at,
        seq: event.seq,
        via: 'start',
        ...(afterTheFact ? { recordedAt: event.at } : {}),
      });
      break;
    }
    case 'review.updated': {
      const { keyDates, ...rest } = event.payload.changes;
      Object.assign(state.review, rest);
      if (keyDates) state.review.keyDates = { ...state.review.keyDates, ...keyDates };
      break;
    }
    case 'review.question-added':
      state.researchQuestions[event.payload.id] = event.payload;
      noteId(state, event.payload.id);
      break;
    case 'review.text-set':
      state.texts[event.payload.section] = event.payload.text;
      break;
    case 'person.added':
      state.persons[event.payload.id] = event.payload;
      noteId(state, event.payload.id);
      break;
    case 'agency.added':
      state.agencies[event.payload.id] = event.payload;
      noteId(state, event.payload.id);
      break;
    case 'participant.added':
      state.participants[event.payload.id] = event.payload;
      noteId(state, event.payload.id);
      break;
    case 'chronology.entry-added':
      state.chronology[event.payload.id] = event.payload;
      noteId(state, event.payload.id);
      break;
    case 'chronology.mapping-saved':
      state.chronologyMappings[event.payload.agencyId] = event.payload.mapping;
      break;
    case 'chronology.duplicates-decided':
      state.duplicateDecisions.push({ ...event.payload, seq: event.seq, at: event.at });
      break;
    case 'chronology.return-revised':
      reviseReturn(state, event.payload, event);
      break;
    case 'conversation.recorded':
      state.conversations[event.payload.id] = event.payload;
      noteId(state, event.payload.id);
      break;
    case 'excerpt.added':
      state.excerpts[event.payload.id] = event.payload;
      noteId(state, event.payload.id);
      break;
    case 'kpe.added':
      state.kpes[event.payload.id] = event.payload;
      noteId(state, event.payload.id);
      break;
    case 'kpe.edited': {
      const kpe = must(state.kpes[event.payload.id], event.payload.id, event);
      state.kpes[kpe.id] = { ...kpe, ...event.payload.changes };
      break;
    }
    case 'kpe.removed': {
      const { id, reason } = event.payload;
      delete state.kpes[id];
      for (const [key, link] of Object.entries(state.links)) {
        if (link.kpeId === id) delete state.links[key];
      }
      state.removed[id] = { reason, at: event.at, seq: event.seq };
      break;
    }
    case 'factor.added':
      state.factors[event.payload.id] = event.payload;
      noteId(state, event.payload.id);
      break;
    case 'factor.edited': {
      const factor = must(state.factors[event.payload.id], event.payload.id, event);
      state.factors[factor.id] = { ...factor, ...event.payload.changes };
      break;
    }
    case 'factor.removed': {
      const { id, reason } = event.payload;
      delete state.factors[id];
      for (const [key, link] of Object.entries(state.links)) {
        if (link.factorId === id) delete state.links[key];
      }
      for (const finding of Object.values(state.findings)) {
        finding.factorIds = finding.factorIds.filter((f) => f !== id);
      }
      state.removed[id] = { reason, at: event.at, seq: event.seq };
      break;
    }
    case 'factor.linked': {
      const key = linkKey(event.payload.kpeId, event.payload.factorId);
      const existing = state.links[key];
      // Linking again adds evidence rather than replacing it.
      const evidence = existing
        ? [...new Set([...existing.evidence, ...event.payload.evidence])]
        : event.payload.evidence;
      state.links[key] = { ...event.payload, evidence };
      break;
    }
    case 'factor.unlinked':
      delete state.links[linkKey(event.payload.kpeId, event.payload.factorId)];
      break;
    case 'finding.added':
      state.findings[event.payload.id] = event.payload;
      noteId(state, event.payload.id);
      for (const bi of event.payload.boardIssues) noteId(state, bi.id);
      break;
    case 'finding.edited': {
      const finding = must(state.findings[event.payload.id], event.payload.id, event);
      const { sections, ...rest } = event.payload.changes;
      state.findings[finding.id] = {
        ...finding,
        ...rest,
        sections: sections ? { ...finding.sections, ...sections } : finding.sections,
      };
      break;
    }
    case 'finding.factor-linked': {
      const finding = must(state.findings[event.payload.findingId], event.payload.findingId, event);
      if (!finding.factorIds.includes(event.payload.factorId)) {
        finding.factorIds = [...finding.factorIds, event.payload.factorId];
      }
      break;
    }
    case 'finding.board-issue-added': {
      const { findingId, ...boardIssue } = event.payload;
      const finding = must(state.findings[findingId], findingId, event);
      finding.boardIssues = [...finding.boardIssues, boardIssue];
      noteId(state, boardIssue.id);
      break;
    }
    case 'meeting.recorded':
      state.meetings[event.payload.id] = event.payload;
      noteId(state, event.payload.id);
      break;
    case 'meeting.updated': {
      const meeting = must(state.meetings[event.payload.id], event.payload.id, event);
      state.meetings[meeting.id] = { ...meeting, ...event.payload.changes };
      break;
    }
    case 'conversation.updated': {
      const conversation = must(state.conversations[event.payload.id], event.payload.id, event);
      const { sections, ...rest } = event.payload.changes;
      state.conversations[conversation.id] = {
        ...conversation,
        ...rest,
        sections: sections ? { ...conversation.sections, ...sections } : conversation.sections,
      };
      break;
    }
    case 'workflow.advanced':
      state.stage = event.payload.to;
      state.stageHistory.push({
        stage: event.payload.to,
        at: event.payload.date ?? event.at,
        seq: event.seq,
        via: 'advance',
        ...(event.payload.outcome ? { outcome: event.payload.outcome } : {}),
      });
      break;
    case 'workflow.reopened':
      state.stage = event.payload.to;
      state.stageHistory.push({
        stage: event.payload.to,
        at: event.payload.date ?? event.at,
        seq: event.seq,
        via: 'reopen',
        reason: event.payload.reason,
      });
      break;
    case 'publication.leak-check-passed':
      state.leakChecks.push({ ...event.payload, seq: event.seq, at: event.at });
      break;
    case 'time.logged':
      state.timeLog[event.payload.id] = event.payload;
      noteId(state, event.payload.id);
      break;
    case 'language.flag-accepted': {
      const { field, rule, sentence } = event.payload;
      state.acceptedFlags[acceptedFlagKey(field, rule, sentence)] = {
        ...event.payload,
        by: event.actor,
        at: event.at,
        seq: event.seq,
      };
      break;
    }
    default: {
      const never: never = event;
      throw new InternalError(`unhandled event type ${(never as ReviewEvent).type}`);
    }
  }
  if (!NOT_CONTENT.has(event.type)) state.contentSeq = event.seq;
  state.seq = event.seq;
  state.head = event.hash;
  return state;
}

/** Folds a review's whole log, first event `review.created`, into its state. */
export function foldEvents(events: readonly ReviewEvent[]): ReviewState {
  const first = events[0];
  if (first?.type !== 'review.created') {
    throw new InternalError('a review log must start with review.created');
  }
  const state = initialState(structuredClone(first.payload));
  for (const event of events) applyEvent(state, event);
  return state;
}

// --- chronology.return-revised: self-contained, to move with the chronology family's reducer ---

/**
 * Applies a corrected return: new entries join, corrected ones change field by
 * field under their own ids, and entries the return no longer holds are
 * removed with the reason (their ids are never allocated again).
 */
function reviseReturn(
  state: ReviewState,
  revision: EventPayload<'chronology.return-revised'>,
  event: ReviewEvent,
): void {
  for (const entry of revision.added) {
    state.chronology[entry.id] = entry;
    noteId(state, entry.id);
  }
  for (const { id, changes } of revision.changed) {
    const entry = { ...must(state.chronology[id], id, event) };
    if (changes.date) entry.date = changes.date.to;
    if (changes.text) entry.text = changes.text.to;
    if (changes.extra) entry.extra = changes.extra.to;
    for (const field of ['author', 'sourceRef'] as const) {
      const change = changes[field];
      if (!change) continue;
      if (change.to === undefined) delete entry[field];
      else entry[field] = change.to;
    }
    if (changes.record) entry.provenance = { ...entry.provenance, record: changes.record.to };
    state.chronology[id] = entry;
  }
  for (const { id, reason } of revision.removed) {
    must(state.chronology[id], id, event);
    delete state.chronology[id];
    state.removed[id] = { reason, at: event.at, seq: event.seq };
  }
  if (revision.mapping) state.chronologyMappings[revision.agencyId] = revision.mapping;
}
