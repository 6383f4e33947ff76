/** Use-cases for agencies' chronologies: entries one at a time, duplicate decisions, the merged list. */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { parseEventDate } from '../chronology/parse-event-date.ts';
import { AgencyInput } from '../domain/agency.ts';
import { chronologyCitation } from '../domain/chronology-citation.ts';
import {
  ChronologyEntryChanges,
  ChronologyEntryInput,
  ColumnMapping,
  DuplicateDecision,
} from '../domain/chronology-entry.ts';
import { orderedChronology } from '../domain/display-order.ts';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { refuseControls, stableId } from '../domain/primitives.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { type RemoveOptions, recordId, removeDetaching, requireChanges } from './record-changes.ts';
import { findNamed, TypedName, TypedNames } from './references/find-named.ts';
import { gather } from './references/gather.ts';
import { resolveChronologyRef } from './references/resolve-chronology-ref.ts';
import type { CommandResult, Workspace } from './workspace.ts';

/**
 * Adds one entry. `date` may be given as an agency writes it ("14/03/2023
 * 10:30", "?/04/2023", "early May 2023") and is read with its precision;
 * the agency by id or name.
 */
export function addChronologyEntry(
  ws: Workspace,
  reviewId: string,
  input: Record<string, unknown> & { date?: unknown },
  id?: string,
): Promise<CommandResult> {
  const date = typeof input.date === 'string' ? readDate(input.date) : input.date;
  const parsed = parseOrThrow(ChronologyEntryInput.extend({ agencyId: TypedName }), {
    ...input,
    date,
  });
  return ws.run(reviewId, (state, _m, allocate) => [
    {
      type: 'chronology.entry-added',
      payload: {
        ...parsed,
        agencyId: findNamed(state, 'agency', parsed.agencyId, ['agencyId']).id,
        id: allocate('chronology', id),
      },
    },
  ]);
}

/** A date as written: refused with its own message if it holds control characters, before it is read. */
const DateText = z.string().superRefine(refuseControls('the date'));

function readDate(text: string) {
  const parsed = parseEventDate(parseOrThrow(DateText, text, ['date']));
  if (!parsed.ok) throw new ValidationError([issue('invalid-date', ['date'], parsed.message)]);
  return parsed.date;
}

/**
 * Adds a whole agency return in one transaction — every entry or none —
 * and saves the column mapping it used for the agency's next return. With
 * `agency` instead of `agencyId`, the agency is created in the same
 * transaction, so a refused import leaves no empty agency behind.
 */
export function importChronologyEntries(
  ws: Workspace,
  reviewId: string,
  input: { agencyId?: unknown; agency?: unknown; entries: unknown; mapping?: unknown },
): Promise<CommandResult> {
  const parsed = parseOrThrow(
    z
      .strictObject({
        agencyId: stableId('agency').optional(),
        agency: AgencyInput.optional(),
        entries: z
          .array(
            ChronologyEntryInput.omit({ agencyId: true }).extend({
              agencyId: stableId('agency').optional(),
            }),
          )
          .min(1, 'the return has no entries to import'),
        mapping: ColumnMapping.optional(),
      })
      .refine((i) => (i.agencyId === undefined) !== (i.agency === undefined), {
        message: 'give either the id of an existing agency or a new agency, not both',
        path: ['agencyId'],
      }),
    input,
  );
  return ws.run(reviewId, (state, _m, allocate) => {
    const newAgency = parsed.agency
      ? [{ type: 'agency.added' as const, payload: { ...parsed.agency, id: allocate('agency') } }]
      : [];
    const agencyId = newAgency[0]?.payload.id ?? (parsed.agencyId as string);
    const saved = state.chronologyMappings[agencyId];
    // Key order is not meaning: a mapping read back from the log may list its keys differently.
    const mapping =
      parsed.mapping && !isDeepStrictEqual(saved, parsed.mapping)
        ? [
            {
              type: 'chronology.mapping-saved' as const,
              payload: { agencyId, mapping: parsed.mapping },
            },
          ]
        : [];
    const entries = parsed.entries.map((entry) => ({
      type: 'chronology.entry-added' as const,
      payload: { ...entry, agencyId, id: allocate('chronology') },
    }));
    return [...newAgency, ...mapping, ...entries];
  });
}

/**
 * Records a reviewer's decision that entries are one event (confirmed) or
 * not (split); entries by id (CH-7), FILE#RECORD or AGENCY#RECORD.
 */
export function decideDuplicates(
  ws: Workspace,
  reviewId: string,
  decision: unknown,
): Promise<CommandResult> {
  const parsed = parseOrThrow(
    DuplicateDecision.extend({
      entryIds: TypedNames.min(2, 'a cluster has at least two entries'),
    }),
    decision,
  );
  return ws.run(reviewId, (state) => {
    // Each resolved in its place, repeats kept, so an entry named twice is refused as such.
    const entryIds = gather(
      ...parsed.entryIds.map((text, i) => () => resolveChronologyRef(state, text, ['entryIds', i])),
    );
    return [{ type: 'chronology.duplicates-decided', payload: { ...parsed, entryIds } }];
  });
}

/**
 * The merged chronology in time order, optionally one agency's (by id or
 * name), with agency names and, for imported entries, the citation
 * (`gp-practice.csv#12`) that names them.
 */
export async function listChronology(ws: Workspace, reviewId: string, agency?: string) {
  const state = await ws.load(reviewId);
  const only = agency === undefined ? undefined : findNamed(state, 'agency', agency, ['agency']);
  return orderedChronology(state.chronology)
    .filter((e) => !only || e.agencyId === only.id)
    .map((e) => {
      const citation = chronologyCitation(e.provenance);
      return {
        ...e,
        agencyName: state.agencies[e.agencyId]?.name ?? e.agencyId,
        ...(citation ? { citation } : {}),
      };
    });
}

/**
 * Corrects an entry: its agency (by id or name), date (as an agency writes
 * it), text, author or reference; `null` clears the author or the reference.
 */
export function editChronologyEntry(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: Record<string, unknown>,
): Promise<CommandResult> {
  const entryId = recordId('chronology', id);
  const date = typeof changes.date === 'string' ? readDate(changes.date) : changes.date;
  const given = parseOrThrow(ChronologyEntryChanges.extend({ agencyId: z.string().optional() }), {
    ...changes,
    ...(date === undefined ? {} : { date }),
  });
  requireChanges(entryId, given);
  return ws.run(reviewId, (state) => {
    const { agencyId, ...rest } = given;
    const agency =
      agencyId === undefined
        ? {}
        : { agencyId: findNamed(state, 'agency', agencyId, ['agencyId']).id };
    return [
      {
        type: 'chronology.entry-edited',
        payload: { id: entryId, changes: { ...rest, ...agency } },
      },
    ];
  });
}

/**
 * Removes an entry. Refused while KPEs, factor evidence or duplicate
 * decisions name it, unless forced (which detaches them).
 */
export function removeChronologyEntry(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
  options: RemoveOptions = {},
): Promise<CommandResult> {
  return removeDetaching(
    ws,
    reviewId,
    { type: 'chronology.entry-removed', kind: 'chronology' },
    id,
    reason,
    options,
  );
}
