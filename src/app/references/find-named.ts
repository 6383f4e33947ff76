/**
 * Records people name by id or by name: agencies, participants and people in
 * the register. An id may be typed in any case with leading zeros (`ag-02` is
 * `AG-2`); a name must be exact, case and spacing aside. A name that fits
 * several records is refused, naming them, rather than one picked at random.
 */
import { z } from 'zod';
import type { Agency } from '../../domain/agency.ts';
import { byId } from '../../domain/display-order.ts';
import { ValidationError } from '../../domain/errors.ts';
import { type Issue, issue } from '../../domain/issue.ts';
import { nearest } from '../../domain/nearest.ts';
import type { Participant } from '../../domain/participant.ts';
import type { Person } from '../../domain/person.ts';
import { ID_PREFIXES, normaliseStableId, refuseControls } from '../../domain/primitives.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { missing } from '../check-event/references.ts';

export type NamedKind = 'agency' | 'participant' | 'person';

/** A record as typed, by id or name, before it is resolved against the review. */
export const TypedName = z
  .string()
  .trim()
  .min(1, 'empty; give an id or a name')
  .superRefine(refuseControls('the name'));
export const TypedNames = z.array(TypedName);

interface NamedRecord {
  agency: Agency;
  participant: Participant;
  person: Person;
}

interface KindTerms<T> {
  records: (state: ReviewState) => Record<string, T>;
  /** The names a record answers to. */
  names: (record: T) => string[];
  /** How a record is shown in a list of candidates. */
  shown: (record: T) => string;
  /** The kind in words: "agency", "participant", "person in the register". */
  noun: string;
  plural: string;
  /** The accepted forms, for messages: `by id (AG-2) or by its name`. */
  forms: string;
}

const TERMS: { [K in NamedKind]: KindTerms<NamedRecord[K]> } = {
  agency: {
    records: (s) => s.agencies,
    names: (a) => [a.name],
    shown: (a) => `${a.id} "${a.name}"`,
    noun: 'agency',
    plural: 'agencies',
    forms: `by id (${ID_PREFIXES.agency}-2) or by its name`,
  },
  participant: {
    records: (s) => s.participants,
    names: (p) => [p.name],
    shown: (p) => `${p.id} "${p.name}"`,
    noun: 'participant',
    plural: 'participants',
    forms: `by id (${ID_PREFIXES.participant}-2) or by their name`,
  },
  person: {
    records: (s) => s.persons,
    // Reviewers know people by their real name or by the label the report gives them.
    names: (p) => [p.realName, p.publicationLabel],
    shown: (p) => `${p.id} "${p.publicationLabel}"`,
    noun: 'person in the register',
    plural: 'people in the register',
    forms: `by id (${ID_PREFIXES.person}-2), by their name or by their publication label`,
  },
};

/** Names compared as people mean them: case and runs of spaces aside. */
export const sameName = (a: string, b: string) => collapse(a) === collapse(b);
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Every record of a kind that `wanted` names: the one with that id, else those with that name. */
export function matchNamed<K extends NamedKind>(
  state: ReviewState,
  kind: K,
  wanted: string,
): NamedRecord[K][] {
  const terms = TERMS[kind] as KindTerms<NamedRecord[K]>;
  const records = terms.records(state);
  const id = normaliseStableId(wanted);
  const byTheId = id ? records[id] : undefined;
  if (byTheId) return [byTheId];
  return byId(records).filter((r) => terms.names(r).some((n) => sameName(n, wanted)));
}

/**
 * The record `wanted` names, or undefined when it names none; refused when a
 * name fits several.
 */
export function lookupNamed<K extends NamedKind>(
  state: ReviewState,
  kind: K,
  wanted: string,
  path: Issue['path'],
): NamedRecord[K] | undefined {
  const found = matchNamed(state, kind, wanted);
  if (found.length > 1) throw new ValidationError([ambiguousName(state, kind, wanted, path)]);
  return found[0];
}

/** The record `wanted` names; refused, listing what there is, when it names none or several. */
export function findNamed<K extends NamedKind>(
  state: ReviewState,
  kind: K,
  wanted: string,
  path: Issue['path'],
): NamedRecord[K] {
  const found = lookupNamed(state, kind, wanted, path);
  if (found) return found;
  throw new ValidationError([unknownName(state, kind, wanted, path)]);
}

/**
 * The ids of the records named, in the order given, without repeats; every
 * name that fits none or several is refused together, each at its position.
 */
export function findNamedIds(
  state: ReviewState,
  kind: NamedKind,
  wanted: readonly string[],
  path: Issue['path'],
): string[] {
  const ids: string[] = [];
  const issues: Issue[] = [];
  wanted.forEach((w, i) => {
    try {
      const { id } = findNamed(state, kind, w, [...path, i]);
      if (!ids.includes(id)) ids.push(id);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return ids;
}

/** The issue for a name or id that names nothing of its kind, listing what there is. */
export function unknownName(
  state: ReviewState,
  kind: NamedKind,
  wanted: string,
  path: Issue['path'],
): Issue {
  const terms = TERMS[kind] as KindTerms<NamedRecord[NamedKind]>;
  const records = byId(terms.records(state) as Record<string, NamedRecord[NamedKind]>);
  const known =
    records.length > 0
      ? `its ${terms.plural} are ${records.map(terms.shown).join(', ')}`
      : `it has no ${terms.plural} yet`;
  const id = normaliseStableId(wanted);
  // An id of the right kind: removed, or never there.
  if (id?.startsWith(`${ID_PREFIXES[kind]}-`)) {
    const gone = missing(state, id, path);
    if (gone.code === 'reference-removed') return gone;
    return issue(
      'reference-unknown',
      path,
      `${id} does not exist in review ${state.review.id}; give ${terms.noun === 'agency' ? 'an' : 'a'} ${terms.noun} ${terms.forms}; ${known}`,
      { ids: [id], fix: { kind: 'list', record: kind } },
    );
  }
  const guess = nearest(
    wanted,
    records.flatMap((r) => terms.names(r)),
  );
  return issue(
    kind === 'agency' ? 'agency-unknown' : 'reference-unknown',
    path,
    `review ${state.review.id} has no ${terms.noun} "${wanted}"${guess ? ` (did you mean "${guess}"?)` : ''}; give one ${terms.forms}; ${known}`,
    { fix: { kind: 'list', record: kind } },
  );
}

function ambiguousName(
  state: ReviewState,
  kind: NamedKind,
  wanted: string,
  path: Issue['path'],
): Issue {
  const terms = TERMS[kind] as KindTerms<NamedRecord[NamedKind]>;
  const found = matchNamed(state, kind, wanted);
  return issue(
    'reference-ambiguous',
    path,
    `"${wanted}" is the name of ${found.length} ${terms.plural} in review ${state.review.id} (${found.map(terms.shown).join(', ')}); give the one meant by its id`,
    { ids: found.map((r) => r.id), fix: { kind: 'list', record: kind } },
  );
}
