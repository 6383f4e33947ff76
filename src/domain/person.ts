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

/**
 * Fields of a person an edit may change; the id stays. A list given replaces
 * the old one; `null` clears a date of birth or an address.
 */
export const PersonChanges = PersonInput.extend({
  aliases: z.array(ShortText('an alias')),
  initials: z.array(ShortText('initials')),
  phones: z.array(ShortText('a phone number')),
  dateOfBirth: IsoDate.nullable(),
  address: LongText('the address').nullable(),
}).partial();
export type PersonChanges = z.infer<typeof PersonChanges>;
