/**
 * Imports the pseudonym register from a CSV, XLSX or JSON file: every person
 * or nobody. The whole file is read and checked before the review is touched.
 */
import type { ImportProblem } from '../chronology/import-problem.ts';
import { readReturn } from '../chronology/read-return.ts';
import { readRegister } from '../publish/read-register.ts';
import { importPersons } from './register.ts';
import type { CommandResult, Workspace } from './workspace.ts';

export type RegisterImport =
  | { file: string; imported: true; result: CommandResult }
  | { file: string; imported: false; problems: ImportProblem[] };

export async function importRegister(
  ws: Workspace,
  reviewId: string,
  path: string,
): Promise<RegisterImport> {
  const table = await readReturn(path);
  const read = readRegister(table);
  if (read.problems.length > 0)
    return { file: table.file, imported: false, problems: read.problems };
  const result = await importPersons(
    ws,
    reviewId,
    read.persons.map(({ record: _record, ...person }) => person),
  );
  return { file: table.file, imported: true, result };
}
