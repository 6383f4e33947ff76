/** Use-cases for contributory factors and the links that say they helped explain a KPE. */
import { z } from 'zod';
import { byId } from '../domain/display-order.ts';
import { FactorChanges, FactorInput } from '../domain/factor.ts';
import { LongText, stableIdInput } from '../domain/primitives.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { factorHeads } from '../model/lookups.ts';
import { resolveEvidenceRefs } from './references/resolve-chronology-ref.ts';
import type { CommandResult, Workspace } from './workspace.ts';

export function addFactor(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  const parsed = parseOrThrow(FactorInput, input);
  return ws.run(reviewId, (_s, _m, allocate) => [
    { type: 'factor.added', payload: { ...parsed, id: allocate('factor', id) } },
  ]);
}

export function editFactor(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const factorId = parseOrThrow(stableIdInput('factor'), id, ['id']);
  const parsed = parseOrThrow(FactorChanges, changes);
  return ws.run(reviewId, () => [
    { type: 'factor.edited', payload: { id: factorId, changes: parsed } },
  ]);
}

export function removeFactor(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
): Promise<CommandResult> {
  const payload = parseOrThrow(
    z.strictObject({ id: stableIdInput('factor'), reason: LongText('the reason') }),
    { id, reason },
  );
  return ws.run(reviewId, () => [{ type: 'factor.removed', payload }]);
}

/**
 * Links a factor to the KPE it helps explain, with the evidence for saying
 * so: excerpts (EX-4) and chronology entries by id (CH-7), FILE#RECORD
 * (gp-practice.csv#12) or AGENCY#RECORD (AG-2#12).
 */
export function linkFactor(
  ws: Workspace,
  reviewId: string,
  input: unknown,
): Promise<CommandResult> {
  const parsed = parseOrThrow(
    z.strictObject({
      kpeId: stableIdInput('kpe'),
      factorId: stableIdInput('factor'),
      evidence: z.array(z.string().trim().min(1, 'empty; give an id or a citation')).default([]),
    }),
    input,
  );
  return ws.run(reviewId, (state) => [
    {
      type: 'factor.linked',
      payload: { ...parsed, evidence: resolveEvidenceRefs(state, parsed.evidence, ['evidence']) },
    },
  ]);
}

export function unlinkFactor(
  ws: Workspace,
  reviewId: string,
  input: unknown,
): Promise<CommandResult> {
  const payload = parseOrThrow(
    z.strictObject({ kpeId: stableIdInput('kpe'), factorId: stableIdInput('factor') }),
    input,
  );
  return ws.run(reviewId, () => [{ type: 'factor.unlinked', payload }]);
}

/** Factors by id, each with its head's name and the KPEs it is linked to. */
export async function listFactors(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  const heads = new Map(factorHeads(ws.modelOf(state)).map((h) => [h.id, h.name]));
  return byId(state.factors).map((f) => ({
    ...f,
    headName: heads.get(f.head) ?? f.head,
    kpeIds: Object.values(state.links)
      .filter((l) => l.factorId === f.id)
      .map((l) => l.kpeId),
  }));
}
