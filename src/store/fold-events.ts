/**
 * State is a fold over events. `applyEvent` trusts its input: changes are
 * checked before they become events (`app/check-event/`), and bundles are
 * checked the same way on import. Each family of events has its reducers
 * (`reducers/`); this module dispatches, and the compiler insists that every
 * event type has one.
 */

import { InternalError } from '../domain/errors.ts';
import type { EventPayload, EventType, ReviewEvent } from '../domain/events.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { chronologyReducers } from './reducers/chronology-events.ts';
import { conversationReducers } from './reducers/conversation-events.ts';
import { factorReducers } from './reducers/factor-events.ts';
import { findingReducers } from './reducers/finding-events.ts';
import { kpeReducers } from './reducers/kpe-events.ts';
import { liveMeetingReducers } from './reducers/live-meeting-events.ts';
import { meetingReducers } from './reducers/meeting-events.ts';
import type { Reducer, Reducers } from './reducers/reducer.ts';
import { registerReducers } from './reducers/register-events.ts';
import { reviewReducers } from './reducers/review-events.ts';
import { workflowReducers } from './reducers/workflow-events.ts';

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
    rooms: {},
    invites: {},
    inviteSessions: {},
    prompts: {},
    contributions: {},
    timeLog: {},
    lastIds: {},
    removed: {},
    acceptedFlags: {},
    contentSeq: 0,
    leakChecks: [],
  };
}

const REDUCERS: Reducers<EventType> = {
  ...reviewReducers,
  ...registerReducers,
  ...chronologyReducers,
  ...conversationReducers,
  ...kpeReducers,
  ...factorReducers,
  ...findingReducers,
  ...meetingReducers,
  ...liveMeetingReducers,
  ...workflowReducers,
};

/** Events that change no text a report shows: a leak check stays valid across them. */
const NOT_CONTENT = new Set<EventType>([
  'workflow.advanced',
  'workflow.reopened',
  'publication.leak-check-passed',
  'time.logged',
  'time.edited',
  'time.removed',
  'language.flag-accepted',
  // Running a meeting changes no report text until a contribution is decided or the meeting closes.
  'meeting.started',
  'meeting.invited',
  'meeting.invite-redeemed',
  'meeting.invite-revoked',
  'meeting.left',
  'meeting.item-shown',
  'meeting.names-shown',
  'meeting.prompt-opened',
  'meeting.prompt-revealed',
  'meeting.prompt-closed',
  'meeting.contributed',
  'meeting.voted',
]);

/** Applies one event to `state` in place and returns it. */
export function applyEvent(state: ReviewState, event: ReviewEvent): ReviewState {
  const reduce = REDUCERS[event.type] as Reducer<EventType> | undefined;
  if (!reduce) throw new InternalError(`unhandled event type ${event.type}`);
  reduce(state, event as never);
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
