/** Someone taking part in the review: lead reviewer, review team, case group, family, Board. */
import { z } from 'zod';
import { ShortText, stableId } from './primitives.ts';

export const PARTICIPANT_ROLES = [
  'lead-reviewer',
  'review-team',
  'case-group',
  'family',
  'board',
] as const;

export const ParticipantRole = z.enum(PARTICIPANT_ROLES, {
  error: (iss) =>
    `unknown participant role ${JSON.stringify(iss.input)}; use one of ${PARTICIPANT_ROLES.join(', ')}`,
});
export type ParticipantRole = z.infer<typeof ParticipantRole>;

export const ParticipantInput = z.strictObject({
  name: ShortText('the participant name'),
  role: ParticipantRole,
  agencyId: stableId('agency').optional(),
  profession: ShortText('the profession').optional(),
  /** How they appear in a publication, e.g. "Health Visitor 1". */
  publicationLabel: ShortText('the publication label').optional(),
});
export type ParticipantInput = z.input<typeof ParticipantInput>;

export const Participant = ParticipantInput.extend({ id: stableId('participant') });
export type Participant = z.infer<typeof Participant>;

/** Fields of a participant an edit may change; `null` clears an optional one. */
export const ParticipantChanges = ParticipantInput.extend({
  agencyId: stableId('agency').nullable(),
  profession: ShortText('the profession').nullable(),
  publicationLabel: ShortText('the publication label').nullable(),
}).partial();
export type ParticipantChanges = z.infer<typeof ParticipantChanges>;
