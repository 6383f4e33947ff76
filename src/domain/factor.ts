/**
 * A contributory factor (under one head of the model's framework) and the
 * link that says it helped explain a KPE, with the evidence for saying so.
 */
import { z } from 'zod';
import { LongText, ModelId, stableId } from './primitives.ts';

export const FACTOR_SCOPES = ['case-specific', 'generic'] as const;
export const FactorScope = z.enum(FACTOR_SCOPES, {
  error: (iss) =>
    `unknown factor scope ${JSON.stringify(iss.input)}; use one of ${FACTOR_SCOPES.join(', ')}`,
});

export const FactorInput = z.strictObject({
  /** A head of the model's contributory-factor framework, e.g. `conditions-of-work`. */
  head: ModelId,
  text: LongText('the factor'),
  scope: FactorScope.default('case-specific'),
});
export type FactorInput = z.input<typeof FactorInput>;

export const Factor = FactorInput.extend({ id: stableId('factor') });
export type Factor = z.infer<typeof Factor>;

/** Without the input's default scope, so an edit that leaves scope out keeps it. */
export const FactorChanges = FactorInput.extend({ scope: FactorScope }).partial();
export type FactorChanges = z.infer<typeof FactorChanges>;

/** Evidence for a link: an excerpt from a conversation or a chronology entry. */
export const EvidenceRef = z.union([stableId('excerpt'), stableId('chronology')], {
  error: (iss) =>
    `evidence ${JSON.stringify(iss.input)} is neither an excerpt (EX-n) nor a chronology entry (CH-n)`,
});

export const KpeFactorLink = z.strictObject({
  kpeId: stableId('kpe'),
  factorId: stableId('factor'),
  evidence: z.array(EvidenceRef).default([]),
});
export type KpeFactorLink = z.infer<typeof KpeFactorLink>;
