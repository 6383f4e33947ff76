/**
 * Imports the pseudonym register from a CSV, XLSX or JSON file: every person
 * or nobody. The whole file is read and checked before the review is touched.
 */
import type { ImportProblem } from '../chronology/import-problem.ts';
import { readReturn } from '../chronology/read-return.ts';
import type { StrippedControls } from '../chronology/source-table.ts';
import { ImportLimitsInput, withDefaults } from '../domain/import-limits.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { readRegister } from '../publish/read-register.ts';
import { importPersons } from './register.ts';
import type { CommandResult, Workspace } from './workspace.ts';

export type RegisterImport = (
  | { file: string; imported: true; result: CommandResult }
  | { file: string; imported: false; problems: ImportProblem[] }
) & {
  /** What stripping control characters removed, when asked to. */
  stripped?: StrippedControls;
};

export interface RegisterImportOptions {
  /** Limits raised for this file (`ImportLimitsInput`); the others keep their defaults. */
  limits?: unknown;
  /** Remove control characters and bidi overrides from the cells instead of refusing the file. */
  stripControls?: boolean;
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
  const stripped = table.stripped ? { stripped: table.stripped } : {};
  const read = readRegister(table);
  if (read.problems.length > 0)
    return { file: table.file, imported: false, problems: read.problems, ...stripped };
  const result = await importPersons(
    ws,
    reviewId,
    read.persons.map(({ record: _record, ...person }) => person),
  );
  return { file: table.file, imported: true, result, ...stripped };
}
