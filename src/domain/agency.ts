/** An agency that worked with the family and contributes records to the review. */
import { z } from 'zod';
import { ShortText, stableId } from './primitives.ts';

export const AGENCY_SECTORS = [
  'health',
  'children-social-care',
  'adult-social-care',
  'police',
  'education',
  'early-years',
  'housing',
  'probation',
  'voluntary',
  'other',
] as const;

export const AgencySector = z.enum(AGENCY_SECTORS, {
  error: (iss) =>
    `unknown sector ${JSON.stringify(iss.input)}; use one of ${AGENCY_SECTORS.join(', ')}`,
});
export type AgencySector = z.infer<typeof AgencySector>;

export const AgencyInput = z.strictObject({
  name: ShortText('the agency name'),
  sector: AgencySector,
});
export type AgencyInput = z.input<typeof AgencyInput>;

export const Agency = AgencyInput.extend({ id: stableId('agency') });
export type Agency = z.infer<typeof Agency>;

/** Fields of an agency an edit may change; a field left out stays as it is. */
export const AgencyChanges = AgencyInput.partial();
export type AgencyChanges = z.infer<typeof AgencyChanges>;
