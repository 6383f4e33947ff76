/** A meeting of the review (type from the model), scheduled or held, with any dissent recorded. */
import { z } from 'zod';
import { IsoDate, LongText, ModelId, stableId } from './primitives.ts';

export const MeetingInput = z.strictObject({
  type: ModelId,
  date: IsoDate,
  status: z.enum(['scheduled', 'held']).default('held'),
  attendees: z.array(stableId('participant')).default([]),
  notes: LongText('the notes').optional(),
  /** What the meeting decided or concluded. */
  outcome: LongText('the outcome').optional(),
  /** Disagreement voiced at the meeting, kept rather than smoothed over. */
  dissent: LongText('the dissent').optional(),
});
export type MeetingInput = z.input<typeof MeetingInput>;

export const Meeting = MeetingInput.extend({ id: stableId('meeting') });
export type Meeting = z.infer<typeof Meeting>;

/**
 * Recording a meeting that was scheduled, or correcting one: what changed.
 * No defaults, so nothing is reset; `null` clears notes, outcome or dissent.
 */
export const MeetingChanges = MeetingInput.extend({
  status: z.enum(['scheduled', 'held']),
  attendees: z.array(stableId('participant')),
  notes: LongText('the notes').nullable(),
  outcome: LongText('the outcome').nullable(),
  dissent: LongText('the dissent').nullable(),
}).partial();
export type MeetingChanges = z.infer<typeof MeetingChanges>;
