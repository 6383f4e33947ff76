/** Use-cases for structured conversations with case-group members and the excerpts taken from them. */
import {
  ConversationChanges,
  ConversationInput,
  ExcerptChanges,
  ExcerptInput,
} from '../domain/conversation.ts';
import { byId } from '../domain/display-order.ts';
import { stableIdInput } from '../domain/primitives.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import {
  editPlain,
  type RemoveOptions,
  recordId,
  removalReason,
  removeDetaching,
  requireChanges,
} from './record-changes.ts';
import { findNamed, findNamedIds, TypedName, TypedNames } from './references/find-named.ts';
import { gather } from './references/gather.ts';
import { parseWithDays } from './references/read-day.ts';
import { requireRecord } from './references/require-record.ts';
import type { CommandResult, Workspace } from './workspace.ts';

/** Participants by id or name, resolved against the review; the date as people write it. */
const ConversationText = ConversationInput.extend({
  participantId: TypedName,
  conductedBy: TypedNames.default([]),
});
const ConversationChangesText = ConversationChanges.extend({
  participantId: TypedName,
  conductedBy: TypedNames,
}).partial();
const ExcerptText = ExcerptInput.extend({ conversationId: stableIdInput('conversation') });
const DAYS = [['date']] as const;

/** Records a conversation, held or scheduled, with notes under the model's sections. */
export function recordConversation(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  const parsed = parseWithDays(ConversationText, input, DAYS);
  return ws.run(reviewId, (state, _m, allocate) => {
    const [participant, conductedBy] = gather(
      () => findNamed(state, 'participant', parsed.participantId, ['participantId']),
      () => findNamedIds(state, 'participant', parsed.conductedBy, ['conductedBy']),
    );
    return [
      {
        type: 'conversation.recorded',
        payload: {
          ...parsed,
          participantId: participant.id,
          conductedBy,
          id: allocate('conversation', id),
        },
      },
    ];
  });
}

/** Records a scheduled conversation as held, or adds to its notes. */
export function updateConversation(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const conversationId = parseOrThrow(stableIdInput('conversation'), id, ['id']);
  const parsed = parseWithDays(ConversationChangesText, changes, DAYS);
  return ws.run(reviewId, (state) => {
    const conductedBy =
      parsed.conductedBy && findNamedIds(state, 'participant', parsed.conductedBy, ['conductedBy']);
    return [
      {
        type: 'conversation.updated',
        payload: {
          id: conversationId,
          changes: { ...parsed, ...(conductedBy ? { conductedBy } : {}) },
        },
      },
    ];
  });
}

export function addExcerpt(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  const parsed = parseOrThrow(ExcerptText, input);
  return ws.run(reviewId, (_s, _m, allocate) => [
    { type: 'excerpt.added', payload: { ...parsed, id: allocate('excerpt', id) } },
  ]);
}

/**
 * Corrects a conversation: who it was with, when, its status, who held it,
 * and its notes (a section given replaces its notes, `null` clears it).
 */
export function editConversation(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const conversationId = recordId('conversation', id);
  const typed = parseWithDays(ConversationChangesText, changes, DAYS);
  requireChanges(conversationId, typed);
  return ws.run(reviewId, (state) => {
    const [participant, conductedBy] = gather(
      () =>
        typed.participantId &&
        findNamed(state, 'participant', typed.participantId, ['participantId']),
      () =>
        typed.conductedBy && findNamedIds(state, 'participant', typed.conductedBy, ['conductedBy']),
    );
    const parsed = {
      ...typed,
      ...(participant ? { participantId: participant.id } : {}),
      ...(conductedBy ? { conductedBy } : {}),
    };
    return [{ type: 'conversation.updated', payload: { id: conversationId, changes: parsed } }];
  });
}

/** Removes a conversation; refused while excerpts taken from it remain. */
export function removeConversation(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
): Promise<CommandResult> {
  const payload = { id: recordId('conversation', id), reason: removalReason(reason) };
  return ws.run(reviewId, () => [{ type: 'conversation.removed', payload }]);
}

export function editExcerpt(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  return editPlain(
    ws,
    reviewId,
    { type: 'excerpt.edited', kind: 'excerpt', changes: ExcerptChanges },
    id,
    changes,
  );
}

/** Removes an excerpt; refused while factor links cite it as evidence, unless forced (which detaches it). */
export function removeExcerpt(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
  options: RemoveOptions = {},
): Promise<CommandResult> {
  return removeDetaching(
    ws,
    reviewId,
    { type: 'excerpt.removed', kind: 'excerpt' },
    id,
    reason,
    options,
  );
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

/** What a conversation form offers: the review's participants and the model's sections. */
export async function conversationChoices(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  const model = ws.modelOf(state);
  return {
    participants: byId(state.participants).map((p) => ({ id: p.id, name: p.name, role: p.role })),
    sections: model.conversation.sections.map((s) => ({ id: s.id, title: s.title })),
  };
}

/** One conversation with the participant's name, who held it, and its excerpts. */
export async function showConversation(ws: Workspace, reviewId: string, id: string) {
  const state = await ws.load(reviewId);
  const conversation = requireRecord(state, state.conversations, recordId('conversation', id));
  const name = (p: string) => state.participants[p]?.name ?? p;
  return {
    ...conversation,
    participantName: name(conversation.participantId),
    conductedByNames: conversation.conductedBy.map(name),
    excerpts: byId(state.excerpts).filter((e) => e.conversationId === conversation.id),
  };
}

/** One excerpt with the conversation it was taken from. */
export async function showExcerpt(ws: Workspace, reviewId: string, id: string) {
  const state = await ws.load(reviewId);
  const excerpt = requireRecord(state, state.excerpts, recordId('excerpt', id));
  const conversation = state.conversations[excerpt.conversationId];
  return {
    ...excerpt,
    participantName: conversation
      ? (state.participants[conversation.participantId]?.name ?? conversation.participantId)
      : '',
  };
}
