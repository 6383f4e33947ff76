/** Use-cases for structured conversations with case-group members and the excerpts taken from them. */
import { ConversationChanges, ConversationInput, ExcerptInput } from '../domain/conversation.ts';
import { byId } from '../domain/display-order.ts';
import { stableId } from '../domain/primitives.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import type { CommandResult, Workspace } from './workspace.ts';

/** Records a conversation, held or scheduled, with notes under the model's sections. */
export function recordConversation(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  const parsed = parseOrThrow(ConversationInput, input);
  return ws.run(reviewId, (_s, _m, allocate) => [
    { type: 'conversation.recorded', payload: { ...parsed, id: allocate('conversation', id) } },
  ]);
}

/** Records a scheduled conversation as held, or adds to its notes. */
export function updateConversation(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const conversationId = parseOrThrow(stableId('conversation'), id, ['id']);
  const parsed = parseOrThrow(ConversationChanges, changes);
  return ws.run(reviewId, () => [
    { type: 'conversation.updated', payload: { id: conversationId, changes: parsed } },
  ]);
}

export function addExcerpt(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  const parsed = parseOrThrow(ExcerptInput, input);
  return ws.run(reviewId, (_s, _m, allocate) => [
    { type: 'excerpt.added', payload: { ...parsed, id: allocate('excerpt', id) } },
  ]);
}

/** Conversations by id, each with its excerpts and the participant's name. */
export async function listConversations(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  const excerpts = byId(state.excerpts);
  return byId(state.conversations).map((c) => ({
    ...c,
    participantName: state.participants[c.participantId]?.name ?? c.participantId,
    excerpts: excerpts.filter((e) => e.conversationId === c.id),
  }));
}
