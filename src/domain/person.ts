/**
 * A person in the pseudonym register: the real identifiers that must never
 * reach a publication, and the label ("Child A", "Mother") that replaces them.
 */
import { z } from 'zod';
import { IsoDate, LongText, ShortText, stableId } from './primitives.ts';

export const PersonInput = z.strictObject({
  realName: ShortText('the real name'),
  aliases: z.array(ShortText('an alias')).default([]),
  initials: z.array(ShortText('initials')).default([]),
  dateOfBirth: IsoDate.optional(),
  address: LongText('the address').optional(),
  phones: z.array(ShortText('a phone number')).default([]),
  /** Their part in the case, e.g. "subject child", "mother's partner". */
  roleInCase: ShortText('the role in the case'),
  publicationLabel: ShortText('the publication label'),
});
export type PersonInput = z.input<typeof PersonInput>;

export const Person = PersonInput.extend({ id: stableId('person') });
export type Person = z.infer<typeof Person>;
