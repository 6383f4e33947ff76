/** The review's research questions, by id. */
import { byId } from '../../../domain/display-order.ts';
import { type ContentBuilder, emptyNote } from './content-builder.ts';

export const researchQuestionsSection: ContentBuilder = ({ state }) => {
  const researchQuestions = byId(state.researchQuestions);
  return {
    researchQuestions,
    emptyNote: emptyNote(
      researchQuestions.length === 0,
      'No research questions have been recorded yet.',
    ),
  };
};
