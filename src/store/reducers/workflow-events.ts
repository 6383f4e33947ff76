/** Reducers for stage moves, accepted language flags and passed leak checks. */
import { acceptedFlagKey } from '../../domain/accepted-flag.ts';
import type { Reducers } from './reducer.ts';

export const workflowReducers: Reducers<
  | 'workflow.advanced'
  | 'workflow.reopened'
  | 'language.flag-accepted'
  | 'publication.leak-check-passed'
> = {
  'workflow.advanced': (state, event) => {
    state.stage = event.payload.to;
    state.stageHistory.push({
      stage: event.payload.to,
      at: event.payload.date ?? event.at,
      seq: event.seq,
      via: 'advance',
      ...(event.payload.outcome ? { outcome: event.payload.outcome } : {}),
    });
  },
  'workflow.reopened': (state, event) => {
    state.stage = event.payload.to;
    state.stageHistory.push({
      stage: event.payload.to,
      at: event.payload.date ?? event.at,
      seq: event.seq,
      via: 'reopen',
      reason: event.payload.reason,
    });
  },
  'language.flag-accepted': (state, event) => {
    const { field, rule, sentence } = event.payload;
    state.acceptedFlags[acceptedFlagKey(field, rule, sentence)] = {
      ...event.payload,
      by: event.actor,
      at: event.at,
      seq: event.seq,
    };
  },
  'publication.leak-check-passed': (state, event) => {
    state.leakChecks.push({ ...event.payload, seq: event.seq, at: event.at });
  },
};
