/** Use-cases for key practice episodes: appraised, and explained apart from the appraisal. */
import { z } from 'zod';
import { orderedKpes } from '../domain/display-order.ts';
import { KpeChanges, KpeInput } from '../domain/kpe.ts';
import { LongText, stableId } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { requireRecord } from './references/require-record.ts';
import type { CommandResult, Workspace } from './workspace.ts';

export function addKpe(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  const parsed = parseOrThrow(KpeInput, input);
  return ws.run(reviewId, (_s, _m, allocate) => [
    { type: 'kpe.added', payload: { ...parsed, id: allocate('kpe', id) } },
  ]);
}

export function editKpe(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const kpeId = parseOrThrow(stableId('kpe'), id, ['id']);
  const parsed = parseOrThrow(KpeChanges, changes);
  return ws.run(reviewId, () => [{ type: 'kpe.edited', payload: { id: kpeId, changes: parsed } }]);
}

export function removeKpe(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
): Promise<CommandResult> {
  const payload = parseOrThrow(
    z.strictObject({ id: stableId('kpe'), reason: LongText('the reason') }),
    { id, reason },
  );
  return ws.run(reviewId, () => [{ type: 'kpe.removed', payload }]);
}

function factorsOf(state: ReviewState, kpeId: string): string[] {
  return Object.values(state.links)
    .filter((l) => l.kpeId === kpeId)
    .map((l) => l.factorId);
}

/** KPEs in time order, each with the factors linked to it. */
export async function listKpes(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  return orderedKpes(state.kpes).map((k) => ({ ...k, factorIds: factorsOf(state, k.id) }));
}

/** One KPE with its factor links and the chronology entries it draws on. */
export async function showKpe(ws: Workspace, reviewId: string, id: string) {
  const state = await ws.load(reviewId);
  const kpe = requireRecord(state, state.kpes, id);
  const links = Object.values(state.links)
    .filter((l) => l.kpeId === kpe.id)
    .map((l) => ({ ...l, factorText: state.factors[l.factorId]?.text ?? '' }));
  const chronology = kpe.chronologyRefs.flatMap((ref) => {
    const entry = state.chronology[ref];
    return entry
      ? [{ ...entry, agencyName: state.agencies[entry.agencyId]?.name ?? entry.agencyId }]
      : [];
  });
  const agencies = kpe.agencyIds.map((a) => ({ id: a, name: state.agencies[a]?.name ?? a }));
  return { ...kpe, agencies, links, chronology };
}
