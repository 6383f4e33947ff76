/** A meeting of the review (type from the model), scheduled or held, with any dissent recorded. */
import { z } from 'zod';
import { IsoDate, LongText, ModelId, stableId } from './primitives.ts';

export const MeetingInput = z.strictObject({
  type: ModelId,
  date: IsoDate,
  status: z.enum(['scheduled', 'held']).default('held'),
  attendees: z.array(stableId('participant')).default([]),
  notes: LongText('the notes').optional(),
  /** Disagreement voiced at the meeting, kept rather than smoothed over. */
  dissent: LongText('the dissent').optional(),
});
export type MeetingInput = z.input<typeof MeetingInput>;

export const Meeting = MeetingInput.extend({ id: stableId('meeting') });
export type Meeting = z.infer<typeof Meeting>;
