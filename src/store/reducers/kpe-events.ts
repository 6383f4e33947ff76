/** Reducers for key practice episodes. */
import { removeRecord } from './detach.ts';
import { must, noteId, type Reducers, withChanges } from './reducer.ts';

export const kpeReducers: Reducers<'kpe.added' | 'kpe.edited' | 'kpe.removed'> = {
  'kpe.added': (state, { payload }) => {
    state.kpes[payload.id] = payload;
    noteId(state, payload.id);
  },
  'kpe.edited': (state, event) => {
    const { id, changes } = event.payload;
    state.kpes[id] = withChanges(must(state.kpes[id], id, event), changes);
  },
  // Its factor links go with it, whether or not the event lists them (older events do not).
  'kpe.removed': (state, event) => {
    removeRecord(state, state.kpes, event.payload.id, event.payload.reason, event);
  },
};
