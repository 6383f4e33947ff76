/** `research-questions-agreed`: the questions the review will answer are recorded. */
import type { GateCheck } from '../gate-check.ts';

export const researchQuestionsAgreed: GateCheck = ({ state }) =>
  Object.keys(state.researchQuestions).length > 0
    ? []
    : [
        {
          message: 'no research questions have been recorded',
          fix: { kind: 'add', record: 'question' },
        },
      ];
