/**
 * Every change to a review is one of these events. The log of them is the
 * truth; the review's state is a fold over it (see `store/fold-events.ts`).
 * Events carry allocated stable ids, so replay never has to invent one.
 */
import { z } from 'zod';
import { FlagAcceptance } from './accepted-flag.ts';
import { Agency, AgencyChanges } from './agency.ts';
import {
  ChronologyEntry,
  ChronologyEntryChanges,
  ColumnMapping,
  DuplicateDecision,
} from './chronology-entry.ts';
import { Conversation, ConversationChanges, Excerpt, ExcerptChanges } from './conversation.ts';
import { Factor, FactorChanges, KpeFactorLink } from './factor.ts';
import { BoardIssue, BoardIssueChanges, Finding, FindingChanges } from './finding.ts';
import { Kpe, KpeChanges } from './kpe.ts';
import { LIVE_MEETING_PAYLOADS } from './live-meeting.ts';
import { Meeting, MeetingChanges } from './meeting.ts';
import { Participant, ParticipantChanges } from './participant.ts';
import { Person, PersonChanges } from './person.ts';
import {
  type IdKind,
  IsoDate,
  LongText,
  ModelId,
  ShortText,
  stableId,
  Timestamp,
} from './primitives.ts';
import { RecordLink } from './record-links.ts';
import { ReturnRevision } from './return-revision.ts';
import {
  ResearchQuestion,
  ResearchQuestionChanges,
  Review,
  ReviewChanges,
  ReviewId,
} from './review.ts';
import { TimeLogChanges, TimeLogEntry } from './time-log.ts';

const Reason = LongText('the reason');

/** An edit: the record, and each field changed with its new value (old values come from replaying the log). */
function edited<C extends z.ZodType>(kind: IdKind, changes: C) {
  return z.strictObject({ id: stableId(kind), changes });
}

/** A removal of a record nothing can name: why, kept in the log. */
function removed(kind: IdKind) {
  return z.strictObject({ id: stableId(kind), reason: Reason });
}

/**
 * A removal of a record others may name: why, and the references to it that
 * the same event detached (empty unless the removal was forced).
 */
function removedDetaching(kind: IdKind) {
  return removed(kind).extend({ detached: z.array(RecordLink) });
}

/** The payload schema of each event type. */
export const EVENT_PAYLOADS = {
  'review.created': Review,
  'review.updated': z.strictObject({ changes: ReviewChanges }),
  'review.question-added': ResearchQuestion,
  'review.question-edited': edited('question', ResearchQuestionChanges),
  'review.question-removed': removed('question'),
  'review.text-set': z.strictObject({ section: ModelId, text: LongText('the section text') }),
  'person.added': Person,
  /** A correction to someone in the register; they keep their id. */
  'person.edited': edited('person', PersonChanges),
  'person.removed': removed('person'),
  'agency.added': Agency,
  'agency.edited': edited('agency', AgencyChanges),
  'agency.removed': removedDetaching('agency'),
  'participant.added': Participant,
  'participant.edited': edited('participant', ParticipantChanges),
  'participant.removed': removedDetaching('participant'),
  'chronology.entry-added': ChronologyEntry,
  'chronology.entry-edited': edited('chronology', ChronologyEntryChanges),
  'chronology.entry-removed': removedDetaching('chronology'),
  /** The column mapping to use for an agency's returns from now on. */
  'chronology.mapping-saved': z.strictObject({
    agencyId: stableId('agency'),
    mapping: ColumnMapping,
  }),
  /** A reviewer confirmed that entries record one event, or split a suggested cluster. */
  'chronology.duplicates-decided': DuplicateDecision,
  /** A corrected return from an agency, applied over its earlier import as one revision; entry ids are kept. */
  'chronology.return-revised': ReturnRevision,
  'conversation.recorded': Conversation,
  /** Recorded as held, or corrected; section notes are merged in. */
  'conversation.updated': edited('conversation', ConversationChanges),
  'conversation.removed': removed('conversation'),
  'excerpt.added': Excerpt,
  'excerpt.edited': edited('excerpt', ExcerptChanges),
  'excerpt.removed': removedDetaching('excerpt'),
  'kpe.added': Kpe,
  'kpe.edited': edited('kpe', KpeChanges),
  /**
   * `detached` is absent only in events recorded before removals listed what
   * they detached; those removed the KPE's factor links all the same.
   */
  'kpe.removed': removed('kpe').extend({ detached: z.array(RecordLink).optional() }),
  'factor.added': Factor,
  'factor.edited': edited('factor', FactorChanges),
  /** As for `kpe.removed`: an old event without `detached` removed the factor's links too. */
  'factor.removed': removed('factor').extend({ detached: z.array(RecordLink).optional() }),
  'factor.linked': KpeFactorLink,
  'factor.unlinked': z.strictObject({ kpeId: stableId('kpe'), factorId: stableId('factor') }),
  'finding.added': Finding,
  'finding.edited': edited('finding', FindingChanges),
  /** The finding goes with its Issues for the Board; none of their ids is used again. */
  'finding.removed': removed('finding'),
  'finding.factor-linked': z.strictObject({
    findingId: stableId('finding'),
    factorId: stableId('factor'),
  }),
  'finding.factor-unlinked': z.strictObject({
    findingId: stableId('finding'),
    factorId: stableId('factor'),
  }),
  'finding.board-issue-added': BoardIssue.extend({ findingId: stableId('finding') }),
  'finding.board-issue-edited': edited('boardIssue', BoardIssueChanges).extend({
    findingId: stableId('finding'),
  }),
  'finding.board-issue-removed': removed('boardIssue').extend({
    findingId: stableId('finding'),
  }),
  'meeting.recorded': Meeting,
  'meeting.updated': edited('meeting', MeetingChanges),
  'meeting.removed': removed('meeting'),
  ...LIVE_MEETING_PAYLOADS,
  /** The review moved on to the next stage, its gates met; `outcome` records a decision. */
  'workflow.advanced': z.strictObject({
    from: ModelId,
    to: ModelId,
    outcome: ModelId.optional(),
    /** The day the move happened, when it is recorded later. */
    date: IsoDate.optional(),
  }),
  /** The review went back to an earlier stage, for a recorded reason. */
  'workflow.reopened': z.strictObject({
    from: ModelId,
    to: ModelId,
    reason: Reason,
    date: IsoDate.optional(),
  }),
  'time.logged': TimeLogEntry,
  'time.edited': edited('timeLog', TimeLogChanges),
  'time.removed': removed('timeLog'),
  /** A reviewer accepted a sentence the language check flags, with a justification; it no longer blocks while the sentence stands. */
  'language.flag-accepted': FlagAcceptance,
  /** A publication edition passed the leak check; what was checked, and the file written. */
  'publication.leak-check-passed': z.strictObject({
    format: z.enum(['pdf', 'docx']),
    file: ShortText('the file name'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in hex'),
    /** The review's event number when it was checked: a later change to the content needs a new check. */
    checkedSeq: z.number().int().nonnegative(),
    warnings: z.number().int().nonnegative(),
  }),
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

/** An event before the store gives it a place in the chain. */
export type EventDraft = {
  [T in EventType]: { type: T; payload: EventPayload<T> };
}[EventType];

const HASH = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in hex');

/** Who did it and when; the same for every event type. */
export const EventEnvelope = z.strictObject({
  reviewId: ReviewId,
  seq: z.number().int().positive(),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
  payload: z.unknown(),
  actor: ShortText('the actor'),
  at: Timestamp,
  prevHash: HASH,
  hash: HASH,
});

/** A stored event: the draft plus its place in the review's hash chain. */
export type ReviewEvent = EventDraft & {
  reviewId: string;
  seq: number;
  actor: string;
  at: string;
  prevHash: string;
  hash: string;
};

/** Parses an event from outside (a bundle, a database row): envelope, then the payload for its type. */
export function parseEvent(raw: unknown): z.ZodSafeParseResult<ReviewEvent> {
  const envelope = EventEnvelope.safeParse(raw);
  if (!envelope.success) return envelope as z.ZodSafeParseResult<ReviewEvent>;
  const payload = EVENT_PAYLOADS[envelope.data.type].safeParse(envelope.data.payload);
  if (!payload.success) {
    const error = new z.ZodError(
      payload.error.issues.map((i) => ({ ...i, path: ['payload', ...i.path] })),
    );
    return { success: false, error } as z.ZodSafeParseResult<ReviewEvent>;
  }
  return {
    success: true,
    data: { ...envelope.data, payload: payload.data } as ReviewEvent,
  };
}

/**
 * Parses an event already recorded — a stored row, or an event in an exported bundle. Text
 * recorded before control characters were refused at entry may hold them: the event was valid
 * when it was recorded and its hash covers it as written, so when they are all that is wrong
 * it is read as written rather than reported as damage. Anything else wrong still fails.
 */
export function parseRecordedEvent(raw: unknown): z.ZodSafeParseResult<ReviewEvent> {
  const parsed = parseEvent(raw);
  if (parsed.success || !parsed.error.issues.every(isControlCharacterIssue)) return parsed;
  return { success: true, data: raw as ReviewEvent };
}

function isControlCharacterIssue(i: z.core.$ZodIssue): boolean {
  return i.code === 'custom' && i.params?.code === 'control-character';
}
