/**
 * Imports one agency return into a review: reads the file, plans it against
 * the agency's saved mapping and the register, then appends every valid
 * entry in one transaction (or none). The file is read and checked whole
 * before the review is touched, so a bad file changes nothing.
 */
import { basename } from 'node:path';
import { loadMappingFile } from '../chronology/load-mapping-file.ts';
import { type ImportPlan, planImport } from '../chronology/plan-import.ts';
import { readReturn } from '../chronology/read-return.ts';
import type { SourceTable } from '../chronology/source-table.ts';
import { AgencySector } from '../domain/agency.ts';
import type { ColumnMapping } from '../domain/chronology-entry.ts';
import { byId } from '../domain/display-order.ts';
import { ValidationError } from '../domain/errors.ts';
import type { Person } from '../domain/person.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { importChronologyEntries } from './chronology.ts';
import type { ImportOutcome } from './import-outcome.ts';
import { lookupAgency, unknownAgency } from './references/find-agency.ts';
import { ukToday } from './uk-today.ts';
import type { Workspace } from './workspace.ts';

export interface ApplyReturnInput {
  table: SourceTable;
  /** The agency, by id (AG-2) or by name. */
  agency: string;
  /** Given when the agency is new: it is added in the same transaction as its entries. */
  sector?: AgencySector;
  override?: { mapping: ColumnMapping; file: string };
  monthFirst?: boolean;
  /** Import the valid records even when others have problems. */
  skipInvalid?: boolean;
}

export interface ImportReturnInput extends Omit<ApplyReturnInput, 'table' | 'override' | 'sector'> {
  /** The return: .csv, .xlsx or .json. */
  path: string;
  /** XLSX: the sheet to read (default: the first). */
  sheet?: string;
  /** A column mapping file that overrides the saved or detected one. */
  mappingPath?: string;
  sector?: unknown;
}

export interface AppliedReturn {
  plan: ImportPlan;
  outcome: ImportOutcome;
  persons: Person[];
}

/** Reads the return at `path` and imports it. */
export async function importReturn(
  ws: Workspace,
  reviewId: string,
  input: ImportReturnInput,
): Promise<AppliedReturn> {
  const table = await readReturn(input.path, input.sheet ? { sheet: input.sheet } : {});
  const override = input.mappingPath
    ? { mapping: loadMappingFile(input.mappingPath), file: basename(input.mappingPath) }
    : undefined;
  const sector =
    input.sector === undefined ? undefined : parseOrThrow(AgencySector, input.sector, ['sector']);
  return applyReturn(ws, reviewId, {
    table,
    agency: input.agency,
    ...(sector ? { sector } : {}),
    ...(override ? { override } : {}),
    ...(input.monthFirst !== undefined ? { monthFirst: input.monthFirst } : {}),
    ...(input.skipInvalid !== undefined ? { skipInvalid: input.skipInvalid } : {}),
  });
}

/** Imports a return already read into a table. */
export async function applyReturn(
  ws: Workspace,
  reviewId: string,
  input: ApplyReturnInput,
): Promise<AppliedReturn> {
  const state = await ws.load(reviewId);
  const existing = lookupAgency(state, input.agency);
  if (!existing && input.sector === undefined) {
    const unknown = unknownAgency(state, input.agency, ['agency']);
    throw new ValidationError([
      {
        ...unknown,
        fix: {
          kind: 'give',
          field: 'sector',
          example: 'health',
          purpose: 'add it with this import',
        },
      },
    ]);
  }
  const agencyName = existing?.name ?? input.agency.replace(/\s+/g, ' ').trim();
  const persons = byId(state.persons);
  const saved = existing ? state.chronologyMappings[existing.id] : undefined;
  const plan = planImport({
    table: input.table,
    agencyName,
    ...(saved ? { saved } : {}),
    ...(input.override ? { override: input.override } : {}),
    monthFirst: Boolean(input.monthFirst),
    // Dates after today (in the UK) are refused.
    today: ukToday(ws.clock()),
    persons,
  });
  const skipInvalid = Boolean(input.skipInvalid);
  const fileLevel = plan.problems.some((p) => p.record === null);
  const go = plan.entries.length > 0 && !fileLevel && (skipInvalid || plan.problems.length === 0);

  const ids: string[] = [];
  let mappingSaved = false;
  let agencyId = existing?.id;
  if (go && plan.mapping) {
    const result = await importChronologyEntries(ws, reviewId, {
      ...(existing
        ? { agencyId: existing.id }
        : { agency: { name: agencyName, sector: input.sector } }),
      entries: plan.entries.map((e) => e.entry),
      mapping: plan.mapping,
    });
    for (const event of result.events) {
      if (event.type === 'chronology.entry-added') ids.push(event.payload.id);
      if (event.type === 'chronology.mapping-saved') mappingSaved = true;
      if (event.type === 'agency.added') agencyId = event.payload.id;
    }
  }
  const earlierFromSameFile = existing
    ? Object.values(state.chronology).filter(
        (e) => e.agencyId === existing.id && e.provenance.file === plan.file && !ids.includes(e.id),
      ).length
    : 0;
  return {
    plan,
    persons,
    outcome: {
      reviewId: state.review.id,
      agency: {
        ...(agencyId ? { id: agencyId } : {}),
        name: agencyName,
        ...(input.sector && !existing ? { sector: input.sector } : {}),
        created: !existing,
      },
      ids,
      skipInvalid,
      mappingSaved,
      earlierFromSameFile,
    },
  };
}
