/**
 * Reads a pseudonym register from a table (CSV, XLSX or JSON, read like an
 * agency return): one person a row, aliases and phones separated by `|`, an
 * id (P-3) where the file gives one, kept as given. Every problem names the
 * file, record, column and fix; a table with any problem gives no people, so
 * a register is never half imported. The columns it does not read are listed.
 */
import { normaliseHeading } from '../chronology/heading-synonyms.ts';
import { type ImportProblem, importProblem } from '../chronology/import-problem.ts';
import { parseEventDate } from '../chronology/parse-event-date.ts';
import { isBlankRow, type SourceRow, type SourceTable } from '../chronology/source-table.ts';
import type { PersonInput } from '../domain/person.ts';
import { stableIdInput } from '../domain/primitives.ts';

type RegisterField =
  | 'id'
  | 'realName'
  | 'aliases'
  | 'initials'
  | 'dateOfBirth'
  | 'address'
  | 'phones'
  | 'roleInCase'
  | 'publicationLabel';

/** Normalised headings for each field; the first is the template's own heading. */
const REGISTER_HEADINGS: Record<RegisterField, readonly string[]> = {
  id: ['id', 'person id', 'register id'],
  realName: ['real name', 'name', 'full name', 'person'],
  aliases: ['aliases', 'alias', 'also known as', 'aka', 'other names', 'known as'],
  initials: ['initials'],
  dateOfBirth: ['date of birth', 'dob', 'born', 'birth date'],
  address: ['address', 'home address', 'last known address'],
  phones: ['phone', 'phones', 'telephone', 'phone number', 'mobile', 'contact number'],
  roleInCase: ['role', 'role in case', 'relationship', 'relationship to child'],
  publicationLabel: ['publication label', 'label', 'pseudonym', 'report label'],
};

const REQUIRED: RegisterField[] = ['realName', 'roleInCase', 'publicationLabel'];

/** A person of the register file, with its record and the id the file gives it, if any. */
export type RegisterPerson = PersonInput & { record: number; where?: string; id?: string };

export interface RegisterRead {
  persons: RegisterPerson[];
  problems: ImportProblem[];
  /** Which column each field was read from. */
  columns: Partial<Record<RegisterField, string>>;
  /** The file's columns no field is read from, in file order: nothing in them is imported. */
  unused: string[];
}

/** The headings the register reads, as the template spells them: for messages. */
export const REGISTER_COLUMNS = (Object.values(REGISTER_HEADINGS) as string[][]).map((names) =>
  (names[0] as string).replace(/ /g, '_'),
);

const list = (cell: string | undefined) =>
  (cell ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

export function readRegister(table: SourceTable): RegisterRead {
  const columns: Partial<Record<RegisterField, string>> = {};
  for (const [field, names] of Object.entries(REGISTER_HEADINGS) as [RegisterField, string[]][]) {
    const heading = table.headings.find((h) => names.includes(normaliseHeading(h)));
    if (heading) columns[field] = heading;
  }
  const read = new Set(Object.values(columns));
  const unused = table.headings.filter((h) => !read.has(h));
  const missing = REQUIRED.filter((f) => !columns[f]);
  if (missing.length > 0) {
    return {
      persons: [],
      columns,
      unused,
      problems: missing.map((f) =>
        importProblem({
          code: 'missing-column',
          file: table.file,
          record: null,
          column: null,
          problem: `no column for ${REGISTER_HEADINGS[f][0] as string} (headings found: ${table.headings.join(', ') || 'none'})`,
          advice: `add a column headed "${(REGISTER_HEADINGS[f][0] as string).replace(/ /g, '_')}"`,
        }),
      ),
    };
  }

  const persons: RegisterRead['persons'] = [];
  const problems: ImportProblem[] = [];
  const cell = (row: SourceRow, field: RegisterField) => {
    const heading = columns[field];
    return heading ? (row.cells.get(heading) ?? '').trim() : '';
  };
  const problem = (row: SourceRow, field: RegisterField, what: string, advice: string) =>
    problems.push(
      importProblem({
        code: 'invalid-field',
        file: table.file,
        record: row.record,
        column: columns[field] ?? null,
        ...(row.where ? { where: row.where } : {}),
        problem: what,
        advice,
      }),
    );

  /** Which record gave each id first, to name both when two give the same. */
  const idRecords = new Map<string, SourceRow>();
  /** The id the row gives, read as `--id` reads one (`p-03` is P-3); a problem when it is no person id or repeats one. */
  const readId = (row: SourceRow): string | undefined => {
    const written = cell(row, 'id');
    if (!written) return undefined;
    const parsed = stableIdInput('person').safeParse(written);
    if (!parsed.success) {
      problem(
        row,
        'id',
        `"${written}" is not a person id`,
        'write the id as P- and a number (P-3), or leave the cell empty to have one allocated',
      );
      return undefined;
    }
    const earlier = idRecords.get(parsed.data);
    if (earlier) {
      problems.push(
        importProblem({
          code: 'id-reused',
          file: table.file,
          record: row.record,
          column: columns.id ?? null,
          ...(row.where ? { where: row.where } : {}),
          problem: `${parsed.data} is also the id of record ${earlier.record}${earlier.where ? ` (${earlier.where})` : ''}`,
          advice: 'give each person their own id, or leave the cell empty to have one allocated',
        }),
      );
      return undefined;
    }
    idRecords.set(parsed.data, row);
    return parsed.data;
  };

  for (const row of table.rows) {
    if (isBlankRow(row)) continue;
    const before = problems.length;
    const id = readId(row);
    for (const field of REQUIRED) {
      if (!cell(row, field)) {
        problem(
          row,
          field,
          'the cell is empty',
          `write the person's ${REGISTER_HEADINGS[field][0]}`,
        );
      }
    }
    let dateOfBirth: string | undefined;
    const dob = cell(row, 'dateOfBirth');
    if (dob) {
      const parsed = parseEventDate(dob);
      if (!parsed.ok) {
        problem(row, 'dateOfBirth', parsed.message, 'write the date of birth as DD/MM/YYYY');
      } else if (parsed.date.precision !== 'day' || !parsed.date.start) {
        problem(
          row,
          'dateOfBirth',
          `"${dob}" is not a single day`,
          'write the full date of birth as DD/MM/YYYY, or leave the cell empty if it is not known',
        );
      } else {
        dateOfBirth = parsed.date.start;
      }
    }
    if (problems.length > before) continue;
    const address = cell(row, 'address');
    persons.push({
      record: row.record,
      ...(row.where ? { where: row.where } : {}),
      ...(id ? { id } : {}),
      realName: cell(row, 'realName'),
      aliases: list(cell(row, 'aliases')),
      initials: list(cell(row, 'initials')),
      phones: list(cell(row, 'phones')),
      roleInCase: cell(row, 'roleInCase'),
      publicationLabel: cell(row, 'publicationLabel'),
      ...(dateOfBirth ? { dateOfBirth } : {}),
      ...(address ? { address } : {}),
    });
  }
  return { persons: problems.length > 0 ? [] : persons, problems, columns, unused };
}
