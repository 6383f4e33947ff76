/** Time spent on the review, so the real workload can be shown to those who plan it. */
import { z } from 'zod';
import { IsoDate, ModelId, ShortText, stableId } from './primitives.ts';

export const TimeLogInput = z.strictObject({
  participantId: stableId('participant'),
  activity: ShortText('the activity'),
  minutes: z
    .number()
    .int('minutes must be a whole number')
    .positive('minutes must be more than 0')
    .max(24 * 60, 'minutes must be at most 1440 (one day) per entry'),
  date: IsoDate,
  stage: ModelId.optional(),
});
export type TimeLogInput = z.input<typeof TimeLogInput>;

export const TimeLogEntry = TimeLogInput.extend({ id: stableId('timeLog') });
export type TimeLogEntry = z.infer<typeof TimeLogEntry>;

/** Fields of a time entry an edit may change; `stage: null` clears the stage. */
export const TimeLogChanges = TimeLogInput.extend({ stage: ModelId.nullable() }).partial();
export type TimeLogChanges = z.infer<typeof TimeLogChanges>;
