/** Reducers for structured conversations and the excerpts taken from them. */
import { removeRecord } from './detach.ts';
import { must, noteId, type Reducers, withChanges, withSections } from './reducer.ts';

export const conversationReducers: Reducers<
  | 'conversation.recorded'
  | 'conversation.updated'
  | 'conversation.removed'
  | 'excerpt.added'
  | 'excerpt.edited'
  | 'excerpt.removed'
> = {
  'conversation.recorded': (state, { payload }) => {
    state.conversations[payload.id] = payload;
    noteId(state, payload.id);
  },
  'conversation.updated': (state, event) => {
    const { id, changes } = event.payload;
    const conversation = must(state.conversations[id], id, event);
    const { sections, ...rest } = changes;
    state.conversations[id] = {
      ...withChanges(conversation, rest),
      sections: withSections(conversation.sections, sections),
    };
  },
  'conversation.removed': (state, event) => {
    removeRecord(state, state.conversations, event.payload.id, event.payload.reason, event);
  },
  'excerpt.added': (state, { payload }) => {
    state.excerpts[payload.id] = payload;
    noteId(state, payload.id);
  },
  'excerpt.edited': (state, event) => {
    const { id, changes } = event.payload;
    state.excerpts[id] = withChanges(must(state.excerpts[id], id, event), changes);
  },
  'excerpt.removed': (state, event) => {
    removeRecord(state, state.excerpts, event.payload.id, event.payload.reason, event);
  },
};
