/** Reducers for the pseudonym register, the agencies and the participants. */
import { removeRecord } from './detach.ts';
import { must, noteId, type Reducers, withChanges } from './reducer.ts';

export const registerReducers: Reducers<
  | 'person.added'
  | 'person.edited'
  | 'person.removed'
  | 'agency.added'
  | 'agency.edited'
  | 'agency.removed'
  | 'participant.added'
  | 'participant.edited'
  | 'participant.removed'
> = {
  'person.added': (state, { payload }) => {
    state.persons[payload.id] = payload;
    noteId(state, payload.id);
  },
  'person.edited': (state, event) => {
    const { id, changes } = event.payload;
    state.persons[id] = withChanges(must(state.persons[id], id, event), changes);
  },
  'person.removed': (state, event) => {
    removeRecord(state, state.persons, event.payload.id, event.payload.reason, event);
  },
  'agency.added': (state, { payload }) => {
    state.agencies[payload.id] = payload;
    noteId(state, payload.id);
  },
  'agency.edited': (state, event) => {
    const { id, changes } = event.payload;
    state.agencies[id] = withChanges(must(state.agencies[id], id, event), changes);
  },
  'agency.removed': (state, event) => {
    const { id, reason } = event.payload;
    removeRecord(state, state.agencies, id, reason, event);
    // The agency's saved column mapping was for its returns alone.
    delete state.chronologyMappings[id];
  },
  'participant.added': (state, { payload }) => {
    state.participants[payload.id] = payload;
    noteId(state, payload.id);
  },
  'participant.edited': (state, event) => {
    const { id, changes } = event.payload;
    state.participants[id] = withChanges(must(state.participants[id], id, event), changes);
  },
  'participant.removed': (state, event) => {
    removeRecord(state, state.participants, event.payload.id, event.payload.reason, event);
  },
};
