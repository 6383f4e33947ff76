/** Checks for meetings and the time logged on the review. */
import { checkMeetingType, checkStage } from './model-terms.ts';
import { requireAll, requireFresh, requireOne } from './references.ts';
import { checkRemoval } from './removal.ts';
import type { Validators } from './validator.ts';

export const meetingValidators: Validators<
  | 'meeting.recorded'
  | 'meeting.updated'
  | 'meeting.removed'
  | 'time.logged'
  | 'time.edited'
  | 'time.removed'
> = {
  'meeting.recorded': (p, { state, model }) => [
    ...requireFresh(state, p.id, ['id']),
    ...requireAll(state, p.attendees, ['attendees']),
    ...checkMeetingType(model, p.type, ['type']),
  ],
  'meeting.updated': (p, { state, model }) => [
    ...requireOne(state, p.id, ['id']),
    ...requireAll(state, p.changes.attendees ?? [], ['attendees']),
    ...checkMeetingType(model, p.changes.type, ['type']),
  ],
  'meeting.removed': (p, { state }) => checkRemoval(state, p.id, []),
  'time.logged': (p, { state, model }) => [
    ...requireFresh(state, p.id, ['id']),
    ...requireOne(state, p.participantId, ['participantId']),
    ...checkStage(model, p.stage, ['stage']),
  ],
  'time.edited': (p, { state, model }) => [
    ...requireOne(state, p.id, ['id']),
    ...requireOne(state, p.changes.participantId, ['participantId']),
    ...checkStage(model, p.changes.stage ?? undefined, ['stage']),
  ],
  'time.removed': (p, { state }) => checkRemoval(state, p.id, []),
};
