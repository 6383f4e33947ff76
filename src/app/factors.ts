/** Use-cases for contributory factors and the links that say they helped explain a KPE. */
import { z } from 'zod';
import { byId } from '../domain/display-order.ts';
import { EvidenceRef, FactorChanges, FactorInput } from '../domain/factor.ts';
import { LongText, stableId } from '../domain/primitives.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { factorHeads } from '../model/lookups.ts';
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
  const factorId = parseOrThrow(stableId('factor'), id, ['id']);
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
    z.strictObject({ id: stableId('factor'), reason: LongText('the reason') }),
    { id, reason },
  );
  return ws.run(reviewId, () => [{ type: 'factor.removed', payload }]);
}

/** Links a factor to the KPE it helps explain, with the evidence for saying so. */
export function linkFactor(
  ws: Workspace,
  reviewId: string,
  input: unknown,
): Promise<CommandResult> {
  const payload = parseOrThrow(
    z.strictObject({
      kpeId: stableId('kpe'),
      factorId: stableId('factor'),
      evidence: z.array(EvidenceRef).default([]),
    }),
    input,
  );
  return ws.run(reviewId, () => [{ type: 'factor.linked', payload }]);
}

export function unlinkFactor(
  ws: Workspace,
  reviewId: string,
  input: unknown,
): Promise<CommandResult> {
  const payload = parseOrThrow(
    z.strictObject({ kpeId: stableId('kpe'), factorId: stableId('factor') }),
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
