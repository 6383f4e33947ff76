/** Reducers for meetings and the time logged on the review. */
import { removeRecord } from './detach.ts';
import { must, noteId, type Reducers, withChanges } from './reducer.ts';

export const meetingReducers: Reducers<
  | 'meeting.recorded'
  | 'meeting.updated'
  | 'meeting.removed'
  | 'time.logged'
  | 'time.edited'
  | 'time.removed'
> = {
  'meeting.recorded': (state, { payload }) => {
    state.meetings[payload.id] = payload;
    noteId(state, payload.id);
  },
  'meeting.updated': (state, event) => {
    const { id, changes } = event.payload;
    state.meetings[id] = withChanges(must(state.meetings[id], id, event), changes);
  },
  'meeting.removed': (state, event) => {
    removeRecord(state, state.meetings, event.payload.id, event.payload.reason, event);
  },
  'time.logged': (state, { payload }) => {
    state.timeLog[payload.id] = payload;
    noteId(state, payload.id);
  },
  'time.edited': (state, event) => {
    const { id, changes } = event.payload;
    state.timeLog[id] = withChanges(must(state.timeLog[id], id, event), changes);
  },
  'time.removed': (state, event) => {
    removeRecord(state, state.timeLog, event.payload.id, event.payload.reason, event);
  },
};
