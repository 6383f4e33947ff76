/** Checks for meetings and the time logged on the review. */
import { checkMeetingType, checkStage } from './model-terms.ts';
import { requireAll, requireFresh, requireOne } from './references.ts';
import type { Validators } from './validator.ts';

export const meetingValidators: Validators<'meeting.recorded' | 'meeting.updated' | 'time.logged'> =
  {
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
    'time.logged': (p, { state, model }) => [
      ...requireFresh(state, p.id, ['id']),
      ...requireOne(state, p.participantId, ['participantId']),
      ...checkStage(model, p.stage, ['stage']),
    ],
  };
