/** Checks for structured conversations and the excerpts taken from them. */
import { checkConversationSection } from './model-terms.ts';
import { requireAll, requireFresh, requireOne } from './references.ts';
import { checkRemoval } from './removal.ts';
import type { Validators } from './validator.ts';

export const conversationValidators: Validators<
  | 'conversation.recorded'
  | 'conversation.updated'
  | 'conversation.removed'
  | 'excerpt.added'
  | 'excerpt.edited'
  | 'excerpt.removed'
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
    ...requireOne(state, p.changes.participantId, ['participantId']),
    ...requireAll(state, p.changes.conductedBy ?? [], ['conductedBy']),
    ...Object.keys(p.changes.sections ?? {}).flatMap((id) =>
      checkConversationSection(model, id, ['sections', id]),
    ),
  ],
  'conversation.removed': (p, { state }) => checkRemoval(state, p.id, []),
  'excerpt.added': (p, { state, model }) => [
    ...requireFresh(state, p.id, ['id']),
    ...requireOne(state, p.conversationId, ['conversationId']),
    ...checkConversationSection(model, p.sectionId, ['sectionId']),
  ],
  'excerpt.edited': (p, { state, model }) => [
    ...requireOne(state, p.id, ['id']),
    ...requireOne(state, p.changes.conversationId, ['conversationId']),
    ...(p.changes.sectionId === undefined
      ? []
      : checkConversationSection(model, p.changes.sectionId, ['sectionId'])),
  ],
  'excerpt.removed': (p, { state }) => checkRemoval(state, p.id, p.detached),
};
