/** Use-cases for who is in the case: the pseudonym register, agencies and participants. */

import { z } from 'zod';
import { AgencyChanges, AgencyInput } from '../domain/agency.ts';
import { byId } from '../domain/display-order.ts';
import { ParticipantChanges, ParticipantInput } from '../domain/participant.ts';
import { PersonChanges, PersonInput } from '../domain/person.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { knownTerms } from '../publish/check-publication.ts';
import { findLeaks } from '../publish/find-leaks.ts';
import { publicationState } from '../publish/publication-state.ts';
import { recordIn, versionOf } from './edit-version.ts';
import {
  editPlain,
  type RemoveOptions,
  recordId,
  removalReason,
  removeDetaching,
  requireChanges,
} from './record-changes.ts';
import { findNamed, TypedName } from './references/find-named.ts';
import { parseWithDays } from './references/read-day.ts';
import { memoOnState } from './state-memo.ts';
import type { CommandResult, Workspace } from './workspace.ts';

export function addPerson(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  const parsed = parseWithDays(PersonInput, input, [['dateOfBirth']]);
  return ws.run(reviewId, (_s, _m, allocate) => [
    { type: 'person.added', payload: { ...parsed, id: allocate('person', id) } },
  ]);
}

export async function listPersons(ws: Workspace, reviewId: string) {
  return byId((await ws.load(reviewId)).persons);
}

export function addAgency(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  const parsed = parseOrThrow(AgencyInput, input);
  return ws.run(reviewId, (_s, _m, allocate) => [
    { type: 'agency.added', payload: { ...parsed, id: allocate('agency', id) } },
  ]);
}

export async function listAgencies(ws: Workspace, reviewId: string) {
  return byId((await ws.load(reviewId)).agencies);
}

export function addParticipant(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  // The agency by id or name.
  const parsed = parseOrThrow(ParticipantInput.extend({ agencyId: TypedName.optional() }), input);
  return ws.run(reviewId, (state, _m, allocate) => [
    {
      type: 'participant.added',
      payload: {
        ...parsed,
        ...(parsed.agencyId
          ? { agencyId: findNamed(state, 'agency', parsed.agencyId, ['agencyId']).id }
          : {}),
        id: allocate('participant', id),
      },
    },
  ]);
}

/** Participants by id, each with the name of their agency. */
export async function listParticipants(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  return byId(state.participants).map((p) => ({
    ...p,
    agencyName: p.agencyId ? (state.agencies[p.agencyId]?.name ?? p.agencyId) : undefined,
  }));
}

/** Corrects someone in the register; they keep their id. Lists given replace the old ones. */
export function editPerson(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const personId = recordId('person', id);
  const parsed = parseWithDays(PersonChanges, changes, [['dateOfBirth']]);
  requireChanges(personId, parsed);
  return ws.run(reviewId, () => [
    { type: 'person.edited', payload: { id: personId, changes: parsed } },
  ]);
}

/** Takes someone out of the register, for a reason kept in the log; their id is never used again. */
export function removePerson(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
): Promise<CommandResult> {
  const payload = { id: recordId('person', id), reason: removalReason(reason) };
  return ws.run(reviewId, () => [{ type: 'person.removed', payload }]);
}

export function editAgency(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  return editPlain(
    ws,
    reviewId,
    { type: 'agency.edited', kind: 'agency', changes: AgencyChanges },
    id,
    changes,
  );
}

/**
 * Removes an agency. Refused while KPEs or participants name it, unless
 * forced (which detaches them), and while chronology entries belong to it.
 */
export function removeAgency(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
  options: RemoveOptions = {},
): Promise<CommandResult> {
  return removeDetaching(
    ws,
    reviewId,
    { type: 'agency.removed', kind: 'agency' },
    id,
    reason,
    options,
  );
}

/** Corrects a participant; the agency may be named by id or by name, and `null` clears a field. */
export function editParticipant(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const participantId = recordId('participant', id);
  const given = parseOrThrow(
    ParticipantChanges.extend({ agencyId: z.string().nullable().optional() }),
    changes,
  );
  requireChanges(participantId, given);
  return ws.run(reviewId, (state) => {
    const { agencyId, ...rest } = given;
    const agency =
      typeof agencyId === 'string'
        ? findNamed(state, 'agency', agencyId, ['agencyId']).id
        : agencyId;
    const parsed = parseOrThrow(ParticipantChanges, {
      ...rest,
      ...(agency === undefined ? {} : { agencyId: agency }),
    });
    return [{ type: 'participant.edited', payload: { id: participantId, changes: parsed } }];
  });
}

/**
 * Removes a participant. Refused while conversations they held or meetings
 * they attended name them, unless forced (which detaches them), and while
 * their own conversations or time entries remain.
 */
export function removeParticipant(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
  options: RemoveOptions = {},
): Promise<CommandResult> {
  return removeDetaching(
    ws,
    reviewId,
    { type: 'participant.removed', kind: 'participant' },
    id,
    reason,
    options,
  );
}

/** A name found in the review's text that the register does not hold, and where it stands. */
export interface UnregisteredName {
  /** The name as written, e.g. "Kyle Marsh". */
  name: string;
  /** The texts it appears in ("KPE-3 appraisal", "texts.case-summary"), each with its record's id. */
  places: { field: string; id: string | null }[];
}

/**
 * Capitalised names in every text of the review (as written, before pseudonymisation) that
 * are not in the register, nor agencies, nor named participants — judged as the publication's
 * leak check judges them, over the whole review at once, in order of first appearance.
 */
const unregisteredNames = memoOnState(findUnregisteredNames);

/** The names in the review's text that the register lacks, with the fields each stands in. */
export function unregisteredNamesIn(state: ReviewState): UnregisteredName[] {
  return unregisteredNames(state, '');
}

function findUnregisteredNames(state: ReviewState): UnregisteredName[] {
  const publication = publicationState(state);
  const starts: number[] = [];
  let length = 0;
  for (const f of publication.fields) {
    starts.push(length);
    length += f.original.length + 2;
  }
  const text = publication.fields.map((f) => f.original).join('\n\n');
  const { warnings } = findLeaks(text, publication.variants, {
    source: 'review',
    knownTerms: knownTerms(publication),
  });
  const found = new Map<string, UnregisteredName>();
  for (const w of warnings) {
    let index = starts.length - 1;
    while (index > 0 && (starts[index] ?? 0) > w.offset) index -= 1;
    const field = publication.fields[index];
    if (!field) continue;
    const entry = found.get(w.text) ?? { name: w.text, places: [] };
    if (!entry.places.some((p) => p.field === field.field)) {
      entry.places.push({ field: field.field, id: field.ids[0] ?? null });
    }
    found.set(w.text, entry);
  }
  return [...found.values()];
}

/**
 * Everything the register's page shows: agencies with how many chronology entries each
 * contributed, participants with their agency's name, the register, each record with the
 * version an edit form carries, and the names in the text the register lacks.
 */
export async function registerOverview(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  const entries = new Map<string, number>();
  for (const e of Object.values(state.chronology)) {
    entries.set(e.agencyId, (entries.get(e.agencyId) ?? 0) + 1);
  }
  return {
    review: state.review,
    agencies: byId(state.agencies).map((a) => ({
      ...a,
      entries: entries.get(a.id) ?? 0,
      version: versionOf(a),
    })),
    participants: byId(state.participants).map((p) => ({
      ...p,
      agencyName: p.agencyId ? (state.agencies[p.agencyId]?.name ?? p.agencyId) : undefined,
      version: versionOf(p),
    })),
    persons: byId(state.persons).map((p) => ({ ...p, version: versionOf(p) })),
    unregistered: unregisteredNamesIn(state),
  };
}

/** One agency, participant or person with the version an edit form carries; undefined if absent. */
export async function registerRecord(ws: Workspace, reviewId: string, id: string) {
  const state = await ws.load(reviewId);
  const record = recordIn(state, id);
  if (!record || !/^(AG|PT|P)-\d+$/.test(id)) return undefined;
  return {
    record,
    version: versionOf(record),
    agencies: byId(state.agencies).map((a) => ({ id: a.id, name: a.name })),
  };
}
