/** Reducers for chronology entries, corrected returns, saved column mappings and duplicate decisions. */
import type { EventPayload, ReviewEvent } from '../../domain/events.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { removeRecord } from './detach.ts';
import { must, noteId, type Reducers, withChanges } from './reducer.ts';

export const chronologyReducers: Reducers<
  | 'chronology.entry-added'
  | 'chronology.entry-edited'
  | 'chronology.entry-removed'
  | 'chronology.return-revised'
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
  'chronology.return-revised': (state, event) => reviseReturn(state, event.payload, event),
  'chronology.mapping-saved': (state, { payload }) => {
    state.chronologyMappings[payload.agencyId] = payload.mapping;
  },
  'chronology.duplicates-decided': (state, event) => {
    state.duplicateDecisions.push({ ...event.payload, seq: event.seq, at: event.at });
  },
};

/**
 * Applies a corrected return: new entries join, corrected ones change field by
 * field under their own ids, and entries the return no longer holds are
 * removed with the reason (their ids are never allocated again).
 */
function reviseReturn(
  state: ReviewState,
  revision: EventPayload<'chronology.return-revised'>,
  event: ReviewEvent,
): void {
  for (const entry of revision.added) {
    state.chronology[entry.id] = entry;
    noteId(state, entry.id);
  }
  for (const { id, changes } of revision.changed) {
    const entry = { ...must(state.chronology[id], id, event) };
    if (changes.date) entry.date = changes.date.to;
    if (changes.text) entry.text = changes.text.to;
    if (changes.extra) entry.extra = changes.extra.to;
    for (const field of ['author', 'sourceRef'] as const) {
      const change = changes[field];
      if (!change) continue;
      if (change.to === undefined) delete entry[field];
      else entry[field] = change.to;
    }
    if (changes.record) entry.provenance = { ...entry.provenance, record: changes.record.to };
    state.chronology[id] = entry;
  }
  for (const { id, reason } of revision.removed) {
    removeRecord(state, state.chronology, id, reason, event);
  }
  if (revision.mapping) state.chronologyMappings[revision.agencyId] = revision.mapping;
}
