/** Every key practice episode: what happened, its appraisal, explanation and factors. */
import { type ContentBuilder, emptyNote } from './content-builder.ts';

export const kpeTableSection: ContentBuilder = ({ kpes }) => ({
  emptyNote: emptyNote(kpes.length === 0, 'No key practice episodes have been recorded yet.'),
  kpeTable: kpes,
});
