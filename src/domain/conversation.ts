/**
 * A structured conversation with a case-group member, noted under the model's
 * conversation sections, and the excerpts from it that may be quoted as evidence.
 */
import { z } from 'zod';
import { IsoDate, LongText, ModelId, stableId } from './primitives.ts';

export const ConversationInput = z.strictObject({
  participantId: stableId('participant'),
  date: IsoDate,
  /** Planned, or held (only held conversations count toward gates). */
  status: z.enum(['scheduled', 'held']).default('held'),
  /** Participants who held the conversation (usually the lead reviewers). */
  conductedBy: z.array(stableId('participant')).default([]),
  /** Notes by conversation section id (from the model). */
  sections: z.record(ModelId, LongText('the section notes')).default({}),
});
export type ConversationInput = z.input<typeof ConversationInput>;

export const Conversation = ConversationInput.extend({ id: stableId('conversation') });
export type Conversation = z.infer<typeof Conversation>;

/**
 * What changed in a conversation (recorded as held, or corrected). Section
 * notes are merged in: a section given replaces its notes, `null` clears it,
 * and sections not given keep theirs.
 */
export const ConversationChanges = ConversationInput.extend({
  status: z.enum(['scheduled', 'held']),
  conductedBy: z.array(stableId('participant')),
  sections: z.record(ModelId, LongText('the section notes').nullable()),
}).partial();
export type ConversationChanges = z.infer<typeof ConversationChanges>;

export const ExcerptInput = z.strictObject({
  conversationId: stableId('conversation'),
  sectionId: ModelId,
  text: LongText('the excerpt'),
  /** Whether the participant agreed it may be quoted (pseudonymised) in the report. */
  quotable: z.boolean().default(false),
});
export type ExcerptInput = z.input<typeof ExcerptInput>;

export const Excerpt = ExcerptInput.extend({ id: stableId('excerpt') });
export type Excerpt = z.infer<typeof Excerpt>;

/** Fields of an excerpt an edit may change; without the input's default, so `quotable` left out stays. */
export const ExcerptChanges = ExcerptInput.extend({ quotable: z.boolean() }).partial();
export type ExcerptChanges = z.infer<typeof ExcerptChanges>;
