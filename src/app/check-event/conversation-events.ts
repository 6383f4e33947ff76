/** Checks for structured conversations and the excerpts taken from them. */
import { checkConversationSection } from './model-terms.ts';
import { requireAll, requireFresh, requireOne } from './references.ts';
import type { Validators } from './validator.ts';

export const conversationValidators: Validators<
  'conversation.recorded' | 'conversation.updated' | 'excerpt.added'
> = {
  'conversation.recorded': (p, { state, model }) => [
    ...requireFresh(state, p.id, ['id']),
    ...requireOne(state, p.participantId, ['participantId']),
    ...requireAll(state, p.conductedBy, ['conductedBy']),
    ...Object.keys(p.sections).flatMap((id) =>
      checkConversationSection(model, id, ['sections', id]),
    ),
  ],
  'conversation.updated': (p, { state, model }) => [
    ...requireOne(state, p.id, ['id']),
    ...requireAll(state, p.changes.conductedBy ?? [], ['conductedBy']),
    ...Object.keys(p.changes.sections ?? {}).flatMap((id) =>
      checkConversationSection(model, id, ['sections', id]),
    ),
  ],
  'excerpt.added': (p, { state, model }) => [
    ...requireFresh(state, p.id, ['id']),
    ...requireOne(state, p.conversationId, ['conversationId']),
    ...checkConversationSection(model, p.sectionId, ['sectionId']),
  ],
};
