/** Reducers for chronology entries, saved column mappings and duplicate decisions. */
import { removeRecord } from './detach.ts';
import { must, noteId, type Reducers, withChanges } from './reducer.ts';

export const chronologyReducers: Reducers<
  | 'chronology.entry-added'
  | 'chronology.entry-edited'
  | 'chronology.entry-removed'
  | 'chronology.mapping-saved'
  | 'chronology.duplicates-decided'
> = {
  'chronology.entry-added': (state, { payload }) => {
    state.chronology[payload.id] = payload;
    noteId(state, payload.id);
  },
  'chronology.entry-edited': (state, event) => {
    const { id, changes } = event.payload;
    state.chronology[id] = withChanges(must(state.chronology[id], id, event), changes);
  },
  'chronology.entry-removed': (state, event) => {
    removeRecord(state, state.chronology, event.payload.id, event.payload.reason, event);
  },
  'chronology.mapping-saved': (state, { payload }) => {
    state.chronologyMappings[payload.agencyId] = payload.mapping;
  },
  'chronology.duplicates-decided': (state, event) => {
    state.duplicateDecisions.push({ ...event.payload, seq: event.seq, at: event.at });
  },
};
