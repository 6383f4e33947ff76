/**
 * A facilitated meeting run live: who was invited (by a personal link, no account), what the
 * facilitator showed, the silent-writing and voting prompts, and what the case group
 * contributed — each contribution kept with its author and the reviewers' decision on it.
 * Nothing here overwrites the reviewers' text: a correction changes a record only when a
 * reviewer accepts it, through the record's own edit.
 */
import { z } from 'zod';
import { IsoDate, LongText, ShortText, stableId, Timestamp } from './primitives.ts';

const Reason = LongText('the reason');

/**
 * A session of a meeting: practitioners and their managers can be invited to separate sessions
 * of one meeting, each seeing only its own room. A short slug (`practitioners`, `managers`).
 */
export const SessionName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z][a-z0-9-]{0,31}$/,
    'a session name is 1 to 32 lower-case letters, digits or "-", starting with a letter (e.g. practitioners)',
  );
export type SessionName = z.infer<typeof SessionName>;
/** The session every invite joins unless another is named. */
export const WHOLE_GROUP = 'all';

/** What the facilitator can put in front of the room. */
export const MeetingItem = z.discriminatedUnion('kind', [
  /** A stretch of the merged timeline. */
  z.strictObject({ kind: z.literal('period'), from: IsoDate, to: IsoDate }),
  /** A key practice episode, with its appraisal and explanation. */
  z.strictObject({ kind: z.literal('kpe'), id: stableId('kpe') }),
  /** A draft finding. */
  z.strictObject({ kind: z.literal('finding'), id: stableId('finding') }),
  /** A silent-writing or voting prompt. */
  z.strictObject({ kind: z.literal('prompt'), id: stableId('prompt') }),
]);
export type MeetingItem = z.infer<typeof MeetingItem>;

/** Who an invite is for: a participant of the case group, or the room's projector. */
export const INVITE_PURPOSES = ['participant', 'presenter'] as const;
export const InvitePurpose = z.enum(INVITE_PURPOSES);
export type InvitePurpose = z.infer<typeof InvitePurpose>;

/** SHA-256 hex of a secret token: the token itself is never stored. */
const TokenHash = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in hex');

export const Invite = z.strictObject({
  id: stableId('invite'),
  meetingId: stableId('meeting'),
  purpose: InvitePurpose,
  /** Absent for a presenter link. */
  participantId: stableId('participant').optional(),
  session: SessionName,
  /** SHA-256 of the link's token. */
  tokenHash: TokenHash,
  /** The link stops working then, or when the meeting closes, whichever is first. */
  expires: Timestamp,
});
export type Invite = z.infer<typeof Invite>;

/** The kinds of contribution; each is kept with its author and the item it is about. */
export const CONTRIBUTION_KINDS = [
  /** How it looked at the time. */
  'context',
  /** A correction to a chronology entry or a KPE's facts, proposing new text. */
  'correction',
  'question',
  /** Disagreement with an appraisal or a finding: kept, whatever is decided. */
  'dissent',
  /** For the reviewers only: never shown to the room. */
  'private-note',
  /** An answer written silently to a prompt, shown when the facilitator reveals it. */
  'response',
] as const;
export const ContributionKind = z.enum(CONTRIBUTION_KINDS, {
  error: (iss) =>
    `unknown kind of contribution ${JSON.stringify(iss.input)}; use one of ${CONTRIBUTION_KINDS.join(', ')}`,
});
export type ContributionKind = z.infer<typeof ContributionKind>;

/** What a correction would change: a KPE's account of what happened, or a chronology entry's text. */
export const CorrectionTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('kpe'), id: stableId('kpe'), field: z.literal('whatHappened') }),
  z.strictObject({
    kind: z.literal('chronology'),
    id: stableId('chronology'),
    field: z.literal('text'),
  }),
]);
export type CorrectionTarget = z.infer<typeof CorrectionTarget>;

export const Contribution = z.strictObject({
  id: stableId('contribution'),
  meetingId: stableId('meeting'),
  kind: ContributionKind,
  /** The participant who wrote it. */
  author: stableId('participant'),
  session: SessionName,
  /** The item it is about: what was shown when it was written, unless the author chose another. */
  about: MeetingItem.optional(),
  text: LongText('the contribution'),
  /** For a correction: the record and field, and the text proposed for it. */
  correction: z
    .strictObject({ target: CorrectionTarget, proposed: LongText('the corrected text') })
    .optional(),
});
export type Contribution = z.infer<typeof Contribution>;

export const PROMPT_KINDS = ['writing', 'vote'] as const;
export const PromptKind = z.enum(PROMPT_KINDS);

/** What a vote can be cast for: candidate findings or contributory factors. */
export const VoteOption = z.union([stableId('finding'), stableId('factor')], {
  error: 'a vote option is a finding (F-n) or a contributory factor (CF-n)',
});

export const Prompt = z
  .strictObject({
    id: stableId('prompt'),
    meetingId: stableId('meeting'),
    session: SessionName,
    kind: PromptKind,
    text: ShortText('the prompt'),
    /** For a vote: the candidates, and how many each person may choose. */
    options: z.array(VoteOption).default([]),
    maxChoices: z.number().int().positive().optional(),
  })
  .refine((p) => p.kind !== 'vote' || p.options.length >= 2, {
    message: 'a vote needs at least two options to choose between',
    path: ['options'],
  });
export type Prompt = z.infer<typeof Prompt>;

/** One person's time at the meeting, for the workload record. */
export const Attendance = z.strictObject({
  participantId: stableId('participant'),
  session: SessionName,
  joinedAt: Timestamp,
  leftAt: Timestamp,
  minutes: z.number().int().nonnegative(),
});
export type Attendance = z.infer<typeof Attendance>;

/** What closing the meeting recorded: who came, for how long, and what was said and decided. */
export const MeetingOutcome = z.strictObject({
  attendance: z.array(Attendance),
  contributions: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  declined: z.number().int().nonnegative(),
  undecided: z.number().int().nonnegative(),
  /** Every dissent voiced, accepted or not. */
  dissent: z.array(stableId('contribution')),
});
export type MeetingOutcome = z.infer<typeof MeetingOutcome>;

/** The payloads of the live-meeting events (see `events.ts`). */
export const LIVE_MEETING_PAYLOADS = {
  /** The facilitator opened the meeting room (for one session, or the whole group). */
  'meeting.started': z.strictObject({ id: stableId('meeting'), session: SessionName }),
  'meeting.invited': Invite,
  /** The link was used: its session's token (hashed) now stands for the invitee. */
  'meeting.invite-redeemed': z.strictObject({ id: stableId('invite'), sessionHash: TokenHash }),
  'meeting.invite-revoked': z.strictObject({ id: stableId('invite'), reason: Reason }),
  /** The invitee left the room (their session ends). */
  'meeting.left': z.strictObject({ id: stableId('invite') }),
  'meeting.item-shown': z.strictObject({ meetingId: stableId('meeting'), item: MeetingItem }),
  /** Whether the room (presenter and participants) sees who wrote what. */
  'meeting.names-shown': z.strictObject({ meetingId: stableId('meeting'), shown: z.boolean() }),
  'meeting.prompt-opened': Prompt,
  'meeting.prompt-revealed': z.strictObject({ id: stableId('prompt') }),
  'meeting.prompt-closed': z.strictObject({ id: stableId('prompt') }),
  'meeting.contributed': Contribution,
  /** A vote cast, or changed before the reveal: the latest counts. */
  'meeting.voted': z.strictObject({
    promptId: stableId('prompt'),
    author: stableId('participant'),
    choices: z.array(VoteOption),
  }),
  'meeting.contribution-accepted': z.strictObject({
    id: stableId('contribution'),
    note: LongText('the note').optional(),
  }),
  'meeting.contribution-declined': z.strictObject({ id: stableId('contribution'), reason: Reason }),
  'meeting.closed': z.strictObject({ id: stableId('meeting'), outcome: MeetingOutcome }),
} as const;

/** An invite as the review holds it: when it was issued and used, and whether it still works. */
export type InviteRecord = Invite & {
  issuedAt: string;
  issuedBy: string;
  redeemedAt?: string;
  /** SHA-256 of the session token the link was exchanged for. */
  sessionHash?: string;
  revokedAt?: string;
  revokeReason?: string;
  leftAt?: string;
};

export type ContributionDecision =
  | { outcome: 'accepted'; note?: string; by: string; at: string; seq: number }
  | { outcome: 'declined'; reason: string; by: string; at: string; seq: number };

export type ContributionRecord = Contribution & {
  at: string;
  seq: number;
  decision?: ContributionDecision;
};

export type PromptRecord = Prompt & {
  openedAt: string;
  seq: number;
  revealedAt?: string;
  closedAt?: string;
  /** The latest vote of each participant, by participant id. */
  votes: Record<string, { choices: string[]; at: string }>;
};

/** A meeting's room: the session running, what is on the screen, and how it ended. */
export interface MeetingRoom {
  meetingId: string;
  startedAt?: string;
  /** The session in the room now (`all`: everyone invited). */
  session?: string;
  shown?: { item: MeetingItem; at: string; seq: number };
  /**
   * The record (KPE, finding or period) last shown: what the room is discussing while a
   * prompt is on the screen, and what a contribution is about unless it names another.
   */
  record?: Exclude<MeetingItem, { kind: 'prompt' }>;
  namesShown: boolean;
  closedAt?: string;
  outcome?: MeetingOutcome;
}
