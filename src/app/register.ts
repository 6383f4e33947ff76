/** Use-cases for who is in the case: the pseudonym register, agencies and participants. */
import { z } from 'zod';
import { AgencyInput } from '../domain/agency.ts';
import { byId } from '../domain/display-order.ts';
import { ParticipantInput } from '../domain/participant.ts';
import { PersonInput } from '../domain/person.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { findNamed, TypedName } from './references/find-named.ts';
import { parseWithDays } from './references/read-day.ts';
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

/** Adds a whole register in one transaction: every person or none. */
export function importPersons(
  ws: Workspace,
  reviewId: string,
  persons: unknown,
): Promise<CommandResult> {
  const parsed = parseOrThrow(
    z.array(PersonInput).min(1, 'the register has no people to import'),
    persons,
    ['persons'],
  );
  return ws.run(reviewId, (_s, _m, allocate) =>
    parsed.map((person) => ({
      type: 'person.added' as const,
      payload: { ...person, id: allocate('person') },
    })),
  );
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
