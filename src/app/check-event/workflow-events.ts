/** Checks for stage moves, accepted language flags and passed leak checks. */
import { issue } from '../../domain/issue.ts';
import { checkFlagAcceptance } from '../../language/accept-flag.ts';
import type { Validators } from './validator.ts';

export const workflowValidators: Validators<
  | 'workflow.advanced'
  | 'workflow.reopened'
  | 'language.flag-accepted'
  | 'publication.leak-check-passed'
> = {
  'workflow.advanced': (payload, { state, model, workflow }) =>
    workflow.checkMove(state, model, { type: 'workflow.advanced', payload }),
  'workflow.reopened': (payload, { state, model, workflow }) =>
    workflow.checkMove(state, model, { type: 'workflow.reopened', payload }),
  'language.flag-accepted': (p, { state, model }) => checkFlagAcceptance(state, model.language, p),
  'publication.leak-check-passed': (p, { state }) =>
    p.checkedSeq <= state.seq
      ? []
      : [
          issue(
            'leak-check-ahead',
            ['checkedSeq'],
            `the check names event ${p.checkedSeq}, but the review has only ${state.seq} events`,
          ),
        ],
};
