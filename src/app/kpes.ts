/** Use-cases for key practice episodes: appraised, and explained apart from the appraisal. */
import { z } from 'zod';
import { orderedKpes } from '../domain/display-order.ts';
import { KpeChanges, KpeInput } from '../domain/kpe.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import {
  detachedBy,
  mergeFields,
  type RemoveOptions,
  recordId,
  removalReason,
  requireChanges,
} from './record-changes.ts';
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

const Fields = z.record(z.string(), z.unknown());

/** An edit as given: the period, appraisal and explanation may be partial; `null` clears. */
const KpeEdit = z
  .strictObject({
    title: z.unknown(),
    period: Fields,
    agencyIds: z.unknown(),
    chronologyRefs: z.unknown(),
    whatHappened: z.unknown(),
    appraisal: Fields.nullable(),
    explanation: Fields.nullable(),
  })
  .partial();

/**
 * Changes a KPE's fields; a field not given stays as it is. The period,
 * appraisal and explanation merge into the old ones: editing only the
 * appraisal rating keeps the appraisal text. `appraisal: null` clears it.
 */
export function editKpe(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const kpeId = recordId('kpe', id);
  const edit = parseOrThrow(KpeEdit, changes);
  requireChanges(kpeId, edit);
  return ws.run(reviewId, (state) => {
    const kpe = requireRecord(state, state.kpes, kpeId);
    const nested = (old: object | undefined, given: Record<string, unknown> | null | undefined) =>
      given === undefined || given === null ? given : mergeFields({ ...old }, given);
    const merged = {
      ...edit,
      ...(edit.period === undefined ? {} : { period: nested(kpe.period, edit.period) }),
      ...(edit.appraisal === undefined ? {} : { appraisal: nested(kpe.appraisal, edit.appraisal) }),
      ...(edit.explanation === undefined
        ? {}
        : { explanation: nested(kpe.explanation, edit.explanation) }),
    };
    const parsed = parseOrThrow(KpeChanges, merged);
    return [{ type: 'kpe.edited', payload: { id: kpe.id, changes: parsed } }];
  });
}

/**
 * Removes a KPE, for a reason kept in the log; its id is never used again.
 * Refused while factors are linked to it, unless forced (which unlinks them).
 */
export function removeKpe(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
  options: RemoveOptions = {},
): Promise<CommandResult> {
  const kpeId = recordId('kpe', id);
  const why = removalReason(reason);
  return ws.run(reviewId, (state) => [
    {
      type: 'kpe.removed',
      payload: { id: kpeId, reason: why, detached: detachedBy(state, kpeId, options) },
    },
  ]);
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
