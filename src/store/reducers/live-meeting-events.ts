/** Reducers for meetings run live: the room, invite links, prompts, votes and contributions. */
import type { MeetingRoom } from '../../domain/live-meeting.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { must, noteId, type Reducers } from './reducer.ts';

function roomOf(state: ReviewState, meetingId: string): MeetingRoom {
  let room = state.rooms[meetingId];
  if (!room) {
    room = { meetingId, namesShown: false };
    state.rooms[meetingId] = room;
  }
  return room;
}

export const liveMeetingReducers: Reducers<
  | 'meeting.started'
  | 'meeting.invited'
  | 'meeting.invite-redeemed'
  | 'meeting.invite-revoked'
  | 'meeting.left'
  | 'meeting.item-shown'
  | 'meeting.names-shown'
  | 'meeting.prompt-opened'
  | 'meeting.prompt-revealed'
  | 'meeting.prompt-closed'
  | 'meeting.contributed'
  | 'meeting.voted'
  | 'meeting.contribution-accepted'
  | 'meeting.contribution-declined'
  | 'meeting.closed'
> = {
  'meeting.started': (state, { payload, at }) => {
    const room = roomOf(state, payload.id);
    room.startedAt ??= at;
    room.session = payload.session;
  },
  'meeting.invited': (state, { payload, at, actor }) => {
    state.invites[payload.id] = { ...payload, issuedAt: at, issuedBy: actor };
    noteId(state, payload.id);
  },
  'meeting.invite-redeemed': (state, event) => {
    const { id, sessionHash } = event.payload;
    const invite = must(state.invites[id], id, event);
    state.invites[id] = { ...invite, redeemedAt: event.at, sessionHash };
    state.inviteSessions[sessionHash] = id;
  },
  'meeting.invite-revoked': (state, event) => {
    const { id, reason } = event.payload;
    const invite = must(state.invites[id], id, event);
    state.invites[id] = { ...invite, revokedAt: event.at, revokeReason: reason };
  },
  'meeting.left': (state, event) => {
    const id = event.payload.id;
    state.invites[id] = { ...must(state.invites[id], id, event), leftAt: event.at };
  },
  'meeting.item-shown': (state, { payload, at, seq }) => {
    const room = roomOf(state, payload.meetingId);
    room.shown = { item: payload.item, at, seq };
    if (payload.item.kind !== 'prompt') room.record = payload.item;
  },
  'meeting.names-shown': (state, { payload }) => {
    roomOf(state, payload.meetingId).namesShown = payload.shown;
  },
  'meeting.prompt-opened': (state, { payload, at, seq }) => {
    state.prompts[payload.id] = { ...payload, openedAt: at, seq, votes: {} };
    noteId(state, payload.id);
  },
  'meeting.prompt-revealed': (state, event) => {
    const id = event.payload.id;
    state.prompts[id] = { ...must(state.prompts[id], id, event), revealedAt: event.at };
  },
  'meeting.prompt-closed': (state, event) => {
    const id = event.payload.id;
    state.prompts[id] = { ...must(state.prompts[id], id, event), closedAt: event.at };
  },
  'meeting.contributed': (state, { payload, at, seq }) => {
    state.contributions[payload.id] = { ...payload, at, seq };
    noteId(state, payload.id);
  },
  'meeting.voted': (state, event) => {
    const { promptId, author, choices } = event.payload;
    const prompt = must(state.prompts[promptId], promptId, event);
    state.prompts[promptId] = {
      ...prompt,
      votes: { ...prompt.votes, [author]: { choices, at: event.at } },
    };
  },
  'meeting.contribution-accepted': (state, event) => {
    const { id, note } = event.payload;
    const decision = {
      outcome: 'accepted' as const,
      ...(note === undefined ? {} : { note }),
      by: event.actor,
      at: event.at,
      seq: event.seq,
    };
    state.contributions[id] = { ...must(state.contributions[id], id, event), decision };
  },
  'meeting.contribution-declined': (state, event) => {
    const { id, reason } = event.payload;
    const decision = {
      outcome: 'declined' as const,
      reason,
      by: event.actor,
      at: event.at,
      seq: event.seq,
    };
    state.contributions[id] = { ...must(state.contributions[id], id, event), decision };
  },
  'meeting.closed': (state, { payload, at }) => {
    const room = roomOf(state, payload.id);
    room.closedAt = at;
    room.outcome = payload.outcome;
  },
};
