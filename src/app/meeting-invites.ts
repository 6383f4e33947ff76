/**
 * Invite links: how a case-group member (or the room's screen) joins one meeting without an
 * account. The link carries a random token; the review keeps only its SHA-256. Using the link
 * (a POST, so a mail scanner fetching it does nothing) exchanges it, once, for a session token
 * whose hash is recorded in the same way; that session sees the one meeting and ends when the
 * person leaves, the invite is withdrawn or the meeting closes.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import {
  type InvitePurpose,
  InvitePurpose as InvitePurposeSchema,
  type InviteRecord,
  SessionName,
  WHOLE_GROUP,
} from '../domain/live-meeting.ts';
import { LongText, stableIdInput } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { findNamedIds } from './references/find-named.ts';
import { requireRecord } from './references/require-record.ts';
import type { CommandResult, Workspace } from './workspace.ts';

/** A joined session lasts no longer than a long day, whatever happens. */
export const INVITE_SESSION_MAX_HOURS = 12;
/** A link issued for a meeting dated in the past (recorded late) works for this long. */
const LATE_LINK_HOURS = 24;
const HOUR = 3_600_000;
/** 256 random bits, base64url: what a link and a joined session carry. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Who a session from an invite link stands for, and where it may go. */
export interface InviteSession {
  reviewId: string;
  meetingId: string;
  inviteId: string;
  purpose: InvitePurpose;
  participantId?: string;
  session: string;
  /** Sent back with every change the session makes. */
  csrfToken: string;
  /** When it ends at the latest (the meeting's close or a withdrawal end it sooner). */
  expiresAt: string;
}

export interface IssuedInvite {
  invite: InviteRecord;
  /** Shown once, in the link; never stored. */
  token: string;
  expires: string;
}

const InviteRequest = z.strictObject({
  meeting: stableIdInput('meeting'),
  /** A participant's id or name; left out for a presenter link. */
  participant: z.string().trim().min(1).optional(),
  purpose: InvitePurposeSchema.default('participant'),
  session: SessionName.default(WHOLE_GROUP),
});

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A session's CSRF token, derived from its secret token, so nothing more is stored. */
function csrfFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('meeting session csrf').digest('base64url');
}

/**
 * When a new link stops working: at the end of the meeting's day (UTC), or a day after it is
 * issued for a meeting dated in the past.
 */
function expiryFor(meetingDate: string, now: Date): string {
  const endOfDay = Date.parse(`${meetingDate}T23:59:59Z`);
  const at = endOfDay > now.getTime() + HOUR ? endOfDay : now.getTime() + LATE_LINK_HOURS * HOUR;
  return new Date(at).toISOString();
}

/** Issues a personal link to one meeting (for a participant, or a presenter link for the screen). */
export async function issueInvite(
  ws: Workspace,
  reviewId: string,
  input: unknown,
): Promise<IssuedInvite & { result: CommandResult }> {
  const request = parseOrThrow(InviteRequest, input);
  if (request.purpose === 'participant' && request.participant === undefined) {
    throw new ValidationError([
      issue('invalid-option', ['participant'], 'say which participant the link is for', {
        fix: { kind: 'list', record: 'participant' },
      }),
    ]);
  }
  const token = newToken();
  const now = ws.clock();
  const result = await ws.run(reviewId, (state, _model, allocate) => {
    const meeting = state.meetings[request.meeting];
    const participantId =
      request.participant === undefined
        ? undefined
        : findNamedIds(state, 'participant', [request.participant], ['participant'])[0];
    return [
      {
        type: 'meeting.invited',
        payload: {
          id: allocate('invite'),
          meetingId: request.meeting,
          purpose: request.purpose,
          ...(participantId === undefined ? {} : { participantId }),
          session: request.session,
          tokenHash: tokenHash(token),
          // An unknown meeting is refused by the check; any date will do until then.
          expires: expiryFor(meeting?.date ?? '1970-01-01', now),
        },
      },
    ];
  });
  const event = result.events[0];
  if (event?.type !== 'meeting.invited') throw new Error('issueInvite appended no invite');
  const invite = result.state.invites[event.payload.id] as InviteRecord;
  return { invite, token, expires: invite.expires, result };
}

/** Withdraws a link (and ends the session it was exchanged for), for a reason kept in the log. */
export function revokeInvite(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
): Promise<CommandResult> {
  const inviteId = parseOrThrow(stableIdInput('invite'), id, ['id']);
  const why = parseOrThrow(LongText('the reason'), reason, ['reason']);
  return ws.run(reviewId, () => [
    { type: 'meeting.invite-revoked', payload: { id: inviteId, reason: why } },
  ]);
}

function refusedLink(code: 'invite-unknown', message: string) {
  return new ValidationError([issue(code, ['token'], message)]);
}

/** The invite a link's token stands for, if it is one of this review's and still good now. */
async function usableInvite(
  ws: Workspace,
  reviewId: string,
  token: unknown,
): Promise<{ state: ReviewState; invite: InviteRecord }> {
  const given = typeof token === 'string' && TOKEN_SHAPE.test(token) ? token : undefined;
  const state = given === undefined ? undefined : await ws.load(reviewId).catch(() => undefined);
  const hash = given === undefined ? undefined : tokenHash(given);
  const invite = state && Object.values(state.invites).find((i) => i.tokenHash === hash);
  if (!state || !invite) {
    throw refusedLink(
      'invite-unknown',
      'this invite link is not one this review issued (it may have been mistyped); ask the facilitator for a new link',
    );
  }
  const problem = linkProblem(state, invite, ws.clock());
  if (problem) throw new ValidationError([problem]);
  return { state, invite };
}

/** Why a link no longer works, in the same words the log's own check uses. */
function linkProblem(state: ReviewState, invite: InviteRecord, now: Date) {
  const ids = { ids: [invite.id] };
  if (invite.revokedAt) {
    return issue(
      'invite-revoked',
      ['token'],
      'this invite link has been withdrawn; ask the facilitator for a new link',
      ids,
    );
  }
  if (invite.redeemedAt) {
    return issue(
      'invite-used',
      ['token'],
      'this invite link has already been used to join; if that was not you, tell the facilitator',
      ids,
    );
  }
  if (state.rooms[invite.meetingId]?.closedAt) {
    return issue('meeting-closed', ['token'], 'this meeting has been closed', ids);
  }
  if (Date.parse(invite.expires) <= now.getTime()) {
    return issue(
      'invite-expired',
      ['token'],
      `this invite link expired at ${invite.expires}; ask the facilitator for a new link`,
      ids,
    );
  }
  return undefined;
}

/** What a link's page says before it is used: the meeting, its day, and who it is for. */
export interface InviteSummary {
  meetingId: string;
  meetingType: string;
  date: string;
  reviewTitle: string;
  purpose: InvitePurpose;
  /** The participant's name, for a participant's link. */
  participant: string | null;
  session: string;
}

/**
 * Reads a link without using it (its page, fetched by a person or a mail scanner alike), or
 * refuses it as `redeemInvite` would.
 */
export async function describeInvite(
  ws: Workspace,
  reviewId: string,
  token: unknown,
): Promise<InviteSummary> {
  const { state, invite } = await usableInvite(ws, reviewId, token);
  const meeting = state.meetings[invite.meetingId];
  return {
    meetingId: invite.meetingId,
    meetingType: meeting?.type ?? '',
    date: meeting?.date ?? '',
    reviewTitle: state.review.title,
    purpose: invite.purpose,
    participant:
      invite.participantId === undefined
        ? null
        : (state.participants[invite.participantId]?.name ?? invite.participantId),
    session: invite.session,
  };
}

/**
 * Exchanges a link's token for a session, once. Refused, naming why, when the link is not one
 * of this review's, has expired, was withdrawn or used, or the meeting has closed.
 */
export async function redeemInvite(
  ws: Workspace,
  reviewId: string,
  token: unknown,
): Promise<{ sessionToken: string; session: InviteSession }> {
  const { invite } = await usableInvite(ws, reviewId, token);
  const sessionToken = newToken();
  const actor = invite.participantId ?? `presenter ${invite.id}`;
  // Two uses of one link at once: the log's own check refuses the second.
  const { state: after } = await ws.as(actor).run(reviewId, () => [
    {
      type: 'meeting.invite-redeemed',
      payload: { id: invite.id, sessionHash: tokenHash(sessionToken) },
    },
  ]);
  // As `inviteSessionFor` will give it: from the time the log recorded the link used.
  const redeemed = after.invites[invite.id] ?? invite;
  const session = sessionOf(after.review.id, redeemed, sessionToken, ws.clock()) as InviteSession;
  return { sessionToken, session };
}

/** What an invite session may do, if it still may; undefined once it has ended. */
function sessionOf(
  reviewId: string,
  invite: InviteRecord,
  sessionToken: string,
  now: Date,
): InviteSession | undefined {
  const joined = Date.parse(invite.redeemedAt ?? now.toISOString());
  const ends = joined + INVITE_SESSION_MAX_HOURS * HOUR;
  if (now.getTime() > ends) return undefined;
  return {
    reviewId,
    meetingId: invite.meetingId,
    inviteId: invite.id,
    purpose: invite.purpose,
    ...(invite.participantId === undefined ? {} : { participantId: invite.participantId }),
    session: invite.session,
    csrfToken: csrfFor(sessionToken),
    expiresAt: new Date(ends).toISOString(),
  };
}

/**
 * The session a joined invite's token stands for, or undefined when there is none, or the
 * person left, the invite was withdrawn, the meeting closed or the session is over 12 hours old.
 */
export async function inviteSessionFor(
  ws: Workspace,
  reviewId: string,
  sessionToken: string,
): Promise<InviteSession | undefined> {
  if (!TOKEN_SHAPE.test(sessionToken)) return undefined;
  const state = await ws.load(reviewId).catch(() => undefined);
  if (!state) return undefined;
  const invite = liveInvite(state, state.inviteSessions[tokenHash(sessionToken)]);
  return invite && sessionOf(state.review.id, invite, sessionToken, ws.clock());
}

function liveInvite(state: ReviewState, inviteId: string | undefined): InviteRecord | undefined {
  const invite = inviteId === undefined ? undefined : state.invites[inviteId];
  if (!invite || invite.revokedAt || invite.leftAt) return undefined;
  if (state.rooms[invite.meetingId]?.closedAt || !(invite.meetingId in state.meetings)) {
    return undefined;
  }
  return invite;
}

/** The invitee leaves the room: their session ends (their time there is counted to now). */
export function leaveMeeting(ws: Workspace, session: InviteSession): Promise<CommandResult> {
  return ws
    .as(session.participantId ?? `presenter ${session.inviteId}`)
    .run(session.reviewId, () => [{ type: 'meeting.left', payload: { id: session.inviteId } }]);
}

/** Where an invite stands: not used yet, used to join, or no longer usable (and why). */
export type InviteStatus = 'unused' | 'joined' | 'left' | 'revoked' | 'expired' | 'closed';

/** An invite as a front door may show it: never its hashes, with whom it is for and its status. */
export type InviteListing = Omit<InviteRecord, 'tokenHash' | 'sessionHash'> & {
  /** The participant's name; null for a presenter link. */
  participantName: string | null;
  status: InviteStatus;
};

function statusOf(state: ReviewState, invite: InviteRecord, now: Date): InviteStatus {
  if (invite.revokedAt) return 'revoked';
  if (invite.leftAt) return 'left';
  if (invite.redeemedAt) return 'joined';
  if (state.rooms[invite.meetingId]?.closedAt) return 'closed';
  return Date.parse(invite.expires) <= now.getTime() ? 'expired' : 'unused';
}

/**
 * A meeting's invites, oldest first, for the control page and `meeting invites`: who each is
 * for and whether it was used, withdrawn or has lapsed. Refused for a meeting the review lacks.
 */
export async function listInvites(
  ws: Workspace,
  reviewId: string,
  meetingId: unknown,
): Promise<InviteListing[]> {
  const id = parseOrThrow(stableIdInput('meeting'), meetingId, ['meeting']);
  const state = await ws.load(reviewId);
  requireRecord(state, state.meetings, id, ['meeting']);
  const now = ws.clock();
  return Object.values(state.invites)
    .filter((i) => i.meetingId === id)
    .map((invite) => {
      const { tokenHash: _token, sessionHash: _session, ...shown } = invite;
      const participant = invite.participantId;
      return {
        ...shown,
        participantName:
          participant === undefined ? null : (state.participants[participant]?.name ?? participant),
        status: statusOf(state, invite, now),
      };
    });
}
