/**
 * The events of a meeting run live, in words, for the review's history and its log: who was
 * invited and came, what was shown and asked, what each person contributed and what the
 * reviewers decided. By ids, never by a token or its hash. One line per event type; the
 * compiler insists every live-meeting event has one.
 */
import { CONTRIBUTION_LABELS } from '../domain/contribution-evidence.ts';
import type { EventPayload, ReviewEvent } from '../domain/events.ts';
import {
  type ContributionKind,
  type LIVE_MEETING_PAYLOADS,
  type MeetingItem,
  WHOLE_GROUP,
} from '../domain/live-meeting.ts';
import type { ReviewState } from '../domain/review-state.ts';

type LiveMeetingEventType = keyof typeof LIVE_MEETING_PAYLOADS;

/** Each kind of contribution as the object of "added". */
const ADDED: Record<ContributionKind, string> = {
  context: 'context',
  correction: 'a correction',
  question: 'a question',
  dissent: 'dissent',
  'private-note': 'a note for the reviewers',
  response: 'an answer',
};

function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function itemWords(item: MeetingItem): string {
  switch (item.kind) {
    case 'kpe':
    case 'finding':
      return item.id;
    case 'prompt':
      return `prompt ${item.id}`;
    case 'period':
      return item.from === item.to
        ? `the timeline on ${item.from}`
        : `the timeline ${item.from} to ${item.to}`;
  }
}

function sessionWords(session: string): string {
  return session === WHOLE_GROUP ? '' : ` (${session} session)`;
}

/** Who an invite is for: the participant's id, or the room's screen. */
function inviteeOf(state: ReviewState, inviteId: string): string {
  const invite = state.invites[inviteId];
  if (!invite) return inviteId;
  return invite.participantId ?? 'the room’s screen';
}

function contributionWords(state: ReviewState, id: string): string {
  const c = state.contributions[id];
  return c ? `${id} (${CONTRIBUTION_LABELS[c.kind].toLowerCase()} by ${c.author})` : id;
}

const WORDS: {
  [T in LiveMeetingEventType]: (payload: EventPayload<T>, state: ReviewState) => string;
} = {
  'meeting.started': (p) =>
    `${p.id} room opened for ${p.session === WHOLE_GROUP ? 'everyone invited' : `the ${p.session} session`}`,
  'meeting.invited': (p) =>
    p.participantId
      ? `${p.id} invite issued to ${p.participantId} for ${p.meetingId}${sessionWords(p.session)}, until ${p.expires}`
      : `${p.id} presenter link issued for ${p.meetingId}${sessionWords(p.session)}, until ${p.expires}`,
  'meeting.invite-redeemed': (p, s) =>
    `${p.id} used: ${inviteeOf(s, p.id)} joined ${s.invites[p.id]?.meetingId ?? 'the meeting'}`,
  'meeting.invite-revoked': (p, s) =>
    `${p.id} invite to ${inviteeOf(s, p.id)} for ${s.invites[p.id]?.meetingId ?? 'the meeting'} revoked`,
  'meeting.left': (p, s) =>
    `${inviteeOf(s, p.id)} left ${s.invites[p.id]?.meetingId ?? 'the meeting'} (${p.id})`,
  'meeting.item-shown': (p) => `${p.meetingId} showing ${itemWords(p.item)}`,
  'meeting.names-shown': (p) =>
    `${p.meetingId}: who wrote what ${p.shown ? 'shown to' : 'hidden from'} the room`,
  'meeting.prompt-opened': (p) =>
    p.kind === 'vote'
      ? `${p.id} vote opened at ${p.meetingId}${sessionWords(p.session)}: "${clip(p.text)}" (options ${p.options.join(', ')})`
      : `${p.id} writing prompt opened at ${p.meetingId}${sessionWords(p.session)}: "${clip(p.text)}"`,
  'meeting.prompt-revealed': (p, s) =>
    `${p.id} ${s.prompts[p.id]?.kind === 'vote' ? 'votes' : 'answers'} revealed to the room`,
  'meeting.prompt-closed': (p) => `${p.id} closed`,
  'meeting.contributed': (p) => {
    const about = p.correction
      ? ` to ${p.correction.target.id}`
      : p.about
        ? ` about ${itemWords(p.about)}`
        : '';
    return `${p.author} added ${ADDED[p.kind]} ${p.id}${about} at ${p.meetingId}`;
  },
  'meeting.voted': (p) =>
    `${p.author} voted on ${p.promptId}: ${p.choices.length > 0 ? p.choices.join(', ') : 'no choice'}`,
  'meeting.contribution-accepted': (p, s) =>
    `${contributionWords(s, p.id)} accepted${p.note ? `: ${clip(p.note)}` : ''}`,
  'meeting.contribution-declined': (p, s) => `${contributionWords(s, p.id)} declined`,
  'meeting.closed': ({ id, outcome: o }) => {
    const minutes = o.attendance.reduce((n, a) => n + a.minutes, 0);
    const people = o.attendance.length;
    return `${id} closed: ${people} ${people === 1 ? 'person' : 'people'} attended (${minutes} minutes in all); ${o.contributions} contribution${o.contributions === 1 ? '' : 's'}, ${o.accepted} accepted, ${o.declined} declined, ${o.undecided} not decided; ${o.dissent.length} dissent`;
  },
};

/** Whether the event is one of a live meeting's. */
export function isLiveMeetingEvent(
  event: ReviewEvent,
): event is Extract<ReviewEvent, { type: LiveMeetingEventType }> {
  return event.type in WORDS;
}

/**
 * A live meeting's event in words (`PT-2 added dissent MC-4 about KPE-3 at M-2`), read against
 * the review as it stood just before it; undefined for any other event.
 */
export function liveMeetingWords(event: ReviewEvent, before: ReviewState): string | undefined {
  if (!isLiveMeetingEvent(event)) return undefined;
  const words = WORDS[event.type] as (payload: unknown, state: ReviewState) => string;
  return words(event.payload, before);
}
