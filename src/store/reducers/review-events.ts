/** Reducers for a review's settings, research questions and report text. */
import { removeRecord } from './detach.ts';
import { must, noteId, type Reducers, withChanges } from './reducer.ts';

export const reviewReducers: Reducers<
  | 'review.created'
  | 'review.updated'
  | 'review.question-added'
  | 'review.question-edited'
  | 'review.question-removed'
  | 'review.text-set'
> = {
  'review.created': (state, event) => {
    // A review entered under way started its stage on the day given, not the day it was recorded.
    const afterTheFact = event.payload.enteredAfterTheFact;
    state.stageHistory.push({
      stage: event.payload.startStage,
      at: afterTheFact?.since ?? event.at,
      seq: event.seq,
      via: 'start',
      ...(afterTheFact ? { recordedAt: event.at } : {}),
    });
  },
  'review.updated': (state, { payload }) => {
    const { keyDates, ...rest } = payload.changes;
    Object.assign(state.review, rest);
    if (keyDates) state.review.keyDates = { ...state.review.keyDates, ...keyDates };
  },
  'review.question-added': (state, { payload }) => {
    state.researchQuestions[payload.id] = payload;
    noteId(state, payload.id);
  },
  'review.question-edited': (state, event) => {
    const { id, changes } = event.payload;
    const question = must(state.researchQuestions[id], id, event);
    state.researchQuestions[id] = withChanges(question, changes);
  },
  'review.question-removed': (state, event) => {
    removeRecord(state, state.researchQuestions, event.payload.id, event.payload.reason, event);
  },
  'review.text-set': (state, { payload }) => {
    state.texts[payload.section] = payload.text;
  },
};
