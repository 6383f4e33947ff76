/**
 * Imports the pseudonym register from a CSV, XLSX or JSON file: every person
 * or nobody. The whole file is read and checked before the review is touched.
 * Ids the file gives (P-3) are kept as given, the others allocated after the
 * highest; an id the review already used is refused, naming the file's record
 * and the person who holds it. The columns the register does not read are
 * listed, or refused when asked to be strict.
 */
import { type ImportProblem, importProblem } from '../chronology/import-problem.ts';
import { readReturn } from '../chronology/read-return.ts';
import type { StrippedControls } from '../chronology/source-table.ts';
import { ValidationError } from '../domain/errors.ts';
import type { EventDraft } from '../domain/events.ts';
import { ImportLimitsInput, withDefaults } from '../domain/import-limits.ts';
import { PersonInput } from '../domain/person.ts';
import { idNumber } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { REGISTER_COLUMNS, type RegisterPerson, readRegister } from '../publish/read-register.ts';
import type { CommandResult, IdAllocator, Workspace } from './workspace.ts';

export type RegisterImport = (
  | { file: string; imported: true; result: CommandResult }
  | { file: string; imported: false; problems: ImportProblem[] }
) & {
  /** What stripping control characters removed, when asked to. */
  stripped?: StrippedControls;
  /** The file's columns the register does not read, in file order: nothing in them was imported. */
  unusedColumns: string[];
};

export interface RegisterImportOptions {
  /** Limits raised for this file (`ImportLimitsInput`); the others keep their defaults. */
  limits?: unknown;
  /** Remove control characters and bidi overrides from the cells instead of refusing the file. */
  stripControls?: boolean;
  /** Refuse a file with columns the register does not read, instead of listing them. */
  strict?: boolean;
}

export async function importRegister(
  ws: Workspace,
  reviewId: string,
  path: string,
  options: RegisterImportOptions = {},
): Promise<RegisterImport> {
  const limits = withDefaults(parseOrThrow(ImportLimitsInput, options.limits ?? {}));
  const table = await readReturn(path, {
    limits,
    ...(options.stripControls ? { stripControls: true } : {}),
  });
  const read = readRegister(table);
  const shared = {
    file: table.file,
    unusedColumns: read.unused,
    ...(table.stripped ? { stripped: table.stripped } : {}),
  };
  const unused = options.strict ? read.unused.map((c) => unusedColumn(table.file, c)) : [];
  const problems = [...unused, ...read.problems];
  if (problems.length > 0) return { ...shared, imported: false, problems };

  let clashes: ImportProblem[] = [];
  try {
    const result = await ws.run(reviewId, (state, _model, allocate) => {
      clashes = idClashes(state, table.file, read.persons);
      if (clashes.length > 0) throw new ValidationError(clashes);
      return personEvents(state, read.persons, allocate);
    });
    return { ...shared, imported: true, result };
  } catch (error) {
    if (clashes.length > 0) return { ...shared, imported: false, problems: clashes };
    throw error;
  }
}

function unusedColumn(file: string, column: string): ImportProblem {
  return importProblem({
    code: 'unused-column',
    file,
    record: null,
    column,
    problem: `the register does not read the column "${column}", so nothing in it would be imported`,
    advice: `remove the column, or rename it to one the register reads (${REGISTER_COLUMNS.join(', ')})`,
    fix: { kind: 'omit', field: 'strict' },
  });
}

/** The highest person id the review has used or the file gives: allocation goes on after it. */
function highestPersonId(state: ReviewState, persons: readonly RegisterPerson[]): number {
  return Math.max(
    state.lastIds.person ?? 0,
    ...persons.flatMap((p) => (p.id ? [idNumber(p.id)] : [])),
  );
}

/** Each id the file gives that the review holds already, or held for someone since removed. */
function idClashes(
  state: ReviewState,
  file: string,
  persons: readonly RegisterPerson[],
): ImportProblem[] {
  const next = `P-${highestPersonId(state, persons) + 1}`;
  return persons.flatMap((p) => {
    if (!p.id) return [];
    const held = state.persons[p.id];
    const removed = state.removed[p.id];
    if (!held && !removed) return [];
    return [
      importProblem({
        code: 'id-reused',
        file,
        record: p.record,
        column: null,
        ...(p.where ? { where: p.where } : {}),
        problem: held
          ? `the record gives the id ${p.id} to ${p.realName} ("${p.publicationLabel}"), but the register already holds ${p.id}: ${held.realName} ("${held.publicationLabel}", ${held.roleInCase})`
          : `the record gives the id ${p.id} to ${p.realName} ("${p.publicationLabel}"), but ${p.id} was used for someone since removed from the register (${removed?.reason}); stable ids are never reused`,
        advice: `if this is someone else, give the record another id (the next free one is ${next}) or leave its id empty to have one allocated; if it is ${held ? 'the same person, leave the record out' : 'them again, leave the id empty'}`,
      }),
    ];
  });
}

/** One `person.added` a person, in file order: ids as given, the others after the highest. */
function personEvents(
  state: ReviewState,
  persons: readonly RegisterPerson[],
  allocate: IdAllocator,
): EventDraft[] {
  let next = highestPersonId(state, persons);
  const parsed = parseOrThrow(
    PersonInput.array().min(1, 'the register has no people to import'),
    persons.map(({ record: _record, where: _where, id: _id, ...person }) => person),
    ['persons'],
  );
  return parsed.map((person, i) => {
    const given = persons[i]?.id;
    next = given ? next : next + 1;
    return {
      type: 'person.added' as const,
      payload: { ...person, id: allocate('person', given ?? `P-${next}`) },
    };
  });
}
