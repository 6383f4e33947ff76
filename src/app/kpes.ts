/** Use-cases for key practice episodes: appraised, and explained apart from the appraisal. */
import { z } from 'zod';
import { chronologyCitation } from '../domain/chronology-citation.ts';
import { orderedChronology, orderedKpes } from '../domain/display-order.ts';
import { KpeChanges, KpeInput } from '../domain/kpe.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { caseGroupWordsOn } from './case-group-words.ts';
import {
  mergeFields,
  type RemoveOptions,
  recordId,
  removeDetaching,
  requireChanges,
} from './record-changes.ts';
import { citeAll } from './references/cite-evidence.ts';
import { findNamedIds, TypedNames } from './references/find-named.ts';
import { gather } from './references/gather.ts';
import { parseWithDays } from './references/read-day.ts';
import { requireRecord } from './references/require-record.ts';
import { resolveChronologyRefs } from './references/resolve-chronology-ref.ts';
import type { CommandResult, Workspace } from './workspace.ts';

/** Agencies and chronology entries as typed: resolved to ids against the review. */
const KpeText = KpeInput.extend({
  agencyIds: TypedNames.default([]),
  chronologyRefs: TypedNames.default([]),
});
const KpeChangesText = KpeChanges.extend({
  agencyIds: TypedNames,
  chronologyRefs: TypedNames,
}).partial();
const DAYS = [
  ['period', 'from'],
  ['period', 'to'],
] as const;

/** Agencies by id or name, chronology entries by id, FILE#RECORD or AGENCY#RECORD, as ids. */
function resolveRefs<T extends { agencyIds?: string[]; chronologyRefs?: string[] }>(
  state: ReviewState,
  fields: T,
): T {
  const [agencyIds, chronologyRefs] = gather(
    () => fields.agencyIds && findNamedIds(state, 'agency', fields.agencyIds, ['agencyIds']),
    () =>
      fields.chronologyRefs &&
      resolveChronologyRefs(state, fields.chronologyRefs, ['chronologyRefs']),
  );
  return {
    ...fields,
    ...(agencyIds ? { agencyIds } : {}),
    ...(chronologyRefs ? { chronologyRefs } : {}),
  };
}

/**
 * Adds a KPE. Its period takes days as people write them (14/03/2023 or
 * 2023-03-14); its agencies are given by id or name, its chronology entries
 * by id (CH-7), FILE#RECORD (gp-practice.csv#12) or AGENCY#RECORD (AG-2#12).
 */
export function addKpe(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  const parsed = parseWithDays(KpeText, input, DAYS);
  return ws.run(reviewId, (state, _m, allocate) => [
    { type: 'kpe.added', payload: { ...resolveRefs(state, parsed), id: allocate('kpe', id) } },
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
    // Days as people write them, agencies by name, chronology by FILE#RECORD: read after merging.
    const parsed = parseWithDays(KpeChangesText, merged, DAYS);
    return [{ type: 'kpe.edited', payload: { id: kpe.id, changes: resolveRefs(state, parsed) } }];
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
  return removeDetaching(ws, reviewId, { type: 'kpe.removed', kind: 'kpe' }, id, reason, options);
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

/**
 * One KPE with its factor links and the chronology entries it draws on; each
 * entry and each link's evidence (`cited`) with its agency and, for an
 * imported entry, its citation (`gp-practice.csv#12`); and what the case group
 * said about it at live meetings (see `caseGroupWordsOn`).
 */
export async function showKpe(ws: Workspace, reviewId: string, id: string) {
  const state = await ws.load(reviewId);
  const kpe = requireRecord(state, state.kpes, id);
  const links = Object.values(state.links)
    .filter((l) => l.kpeId === kpe.id)
    .map((l) => ({
      ...l,
      factorText: state.factors[l.factorId]?.text ?? '',
      cited: citeAll(state, l.evidence),
    }));
  const chronology = kpe.chronologyRefs.flatMap((ref) => {
    const entry = state.chronology[ref];
    const citation = entry && chronologyCitation(entry.provenance);
    return entry
      ? [
          {
            ...entry,
            agencyName: state.agencies[entry.agencyId]?.name ?? entry.agencyId,
            ...(citation ? { citation } : {}),
          },
        ]
      : [];
  });
  const agencies = kpe.agencyIds.map((a) => ({ id: a, name: state.agencies[a]?.name ?? a }));
  const caseGroup = caseGroupWordsOn(state, ws.modelOf(state), kpe.id);
  return { ...kpe, agencies, links, chronology, caseGroup };
}

/** What a KPE form offers to choose from: the review's agencies and chronology entries. */
export async function kpeChoices(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  const agencies = Object.values(state.agencies)
    .map((a) => ({ id: a.id, name: a.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const chronology = orderedChronology(state.chronology).map((e) => ({
    id: e.id,
    date: e.date.original,
    agencyName: state.agencies[e.agencyId]?.name ?? e.agencyId,
    text: e.text,
  }));
  return { agencies, chronology };
}
