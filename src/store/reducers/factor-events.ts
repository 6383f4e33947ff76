/** Reducers for contributory factors and their links to KPEs. */
import { linkKey } from '../../domain/review-state.ts';
import { removeRecord } from './detach.ts';
import { must, noteId, type Reducers, withChanges } from './reducer.ts';

export const factorReducers: Reducers<
  'factor.added' | 'factor.edited' | 'factor.removed' | 'factor.linked' | 'factor.unlinked'
> = {
  'factor.added': (state, { payload }) => {
    state.factors[payload.id] = payload;
    noteId(state, payload.id);
  },
  'factor.edited': (state, event) => {
    const { id, changes } = event.payload;
    state.factors[id] = withChanges(must(state.factors[id], id, event), changes);
  },
  // Its KPE links and its place in findings go with it (older events do not list them).
  'factor.removed': (state, event) => {
    removeRecord(state, state.factors, event.payload.id, event.payload.reason, event);
  },
  'factor.linked': (state, { payload }) => {
    const key = linkKey(payload.kpeId, payload.factorId);
    const existing = state.links[key];
    // Linking again adds evidence rather than replacing it.
    const evidence = existing
      ? [...new Set([...existing.evidence, ...payload.evidence])]
      : payload.evidence;
    state.links[key] = { ...payload, evidence };
  },
  'factor.unlinked': (state, { payload }) => {
    delete state.links[linkKey(payload.kpeId, payload.factorId)];
  },
};
