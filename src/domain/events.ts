/**
 * Every change to a review is one of these events. The log of them is the
 * truth; the review's state is a fold over it (see `store/fold-events.ts`).
 * Events carry allocated stable ids, so replay never has to invent one.
 */
import { z } from 'zod';
import { FlagAcceptance } from './accepted-flag.ts';
import { Agency } from './agency.ts';
import { ChronologyEntry, ColumnMapping, DuplicateDecision } from './chronology-entry.ts';
import { Conversation, ConversationChanges, Excerpt } from './conversation.ts';
import { Factor, FactorChanges, KpeFactorLink } from './factor.ts';
import { BoardIssue, Finding, FindingChanges } from './finding.ts';
import { Kpe, KpeChanges } from './kpe.ts';
import { Meeting, MeetingChanges } from './meeting.ts';
import { Participant } from './participant.ts';
import { Person } from './person.ts';
import { IsoDate, LongText, ModelId, ShortText, stableId, Timestamp } from './primitives.ts';
import { ReturnRevision } from './return-revision.ts';
import { ResearchQuestion, Review, ReviewChanges, ReviewId } from './review.ts';
import { TimeLogEntry } from './time-log.ts';

const Reason = LongText('the reason');

/** The payload schema of each event type. */
export const EVENT_PAYLOADS = {
  'review.created': Review,
  'review.updated': z.strictObject({ changes: ReviewChanges }),
  'review.question-added': ResearchQuestion,
  'review.text-set': z.strictObject({ section: ModelId, text: LongText('the section text') }),
  'person.added': Person,
  'agency.added': Agency,
  'participant.added': Participant,
  'chronology.entry-added': ChronologyEntry,
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
  'excerpt.added': Excerpt,
  'kpe.added': Kpe,
  'kpe.edited': z.strictObject({ id: stableId('kpe'), changes: KpeChanges }),
  'kpe.removed': z.strictObject({ id: stableId('kpe'), reason: Reason }),
  'factor.added': Factor,
  'factor.edited': z.strictObject({ id: stableId('factor'), changes: FactorChanges }),
  'factor.removed': z.strictObject({ id: stableId('factor'), reason: Reason }),
  'factor.linked': KpeFactorLink,
  'factor.unlinked': z.strictObject({ kpeId: stableId('kpe'), factorId: stableId('factor') }),
  'finding.added': Finding,
  'finding.edited': z.strictObject({ id: stableId('finding'), changes: FindingChanges }),
  'finding.factor-linked': z.strictObject({
    findingId: stableId('finding'),
    factorId: stableId('factor'),
  }),
  'finding.board-issue-added': BoardIssue.extend({ findingId: stableId('finding') }),
  'meeting.recorded': Meeting,
  'meeting.updated': z.strictObject({ id: stableId('meeting'), changes: MeetingChanges }),
  'conversation.updated': z.strictObject({
    id: stableId('conversation'),
    changes: ConversationChanges,
  }),
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
