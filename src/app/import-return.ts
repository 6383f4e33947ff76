/**
 * Imports one agency return into a review: reads the file, plans it against
 * the agency's saved mapping and the register, then appends every valid
 * entry in one transaction (or none). The file is read and checked whole
 * before the review is touched, so a bad file changes nothing.
 *
 * A return is imported once. The same return is the same agency and the same
 * file name (in any case); the same content is the same entries, record by
 * record — date (what it says, however written), text, author and source
 * reference, ignoring spacing, column order, encoding and byte-order mark.
 * - Every record already in the review (from this file or any other of the
 *   agency's): nothing is imported, and the report says which entries match.
 * - The same return again, corrected: the differences are shown (added,
 *   changed field by field, moved, removed) and, when asked (`apply`), applied
 *   as one `chronology.return-revised` event. Entries keep their ids; one
 *   that would go while a KPE, factor link or duplicate decision refers to it
 *   is refused, naming the links, and nothing changes.
 */
import { basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { DateFormatText } from '../chronology/date-format.ts';
import { diffReturn, isEmptyDiff, matchByContent } from '../chronology/diff-return.ts';
import { loadMappingFile } from '../chronology/load-mapping-file.ts';
import { type ImportPlan, planImport } from '../chronology/plan-import.ts';
import { readReturn } from '../chronology/read-return.ts';
import type { SourceTable } from '../chronology/source-table.ts';
import { AgencySector } from '../domain/agency.ts';
import { type ChronologyEntry, ColumnMapping } from '../domain/chronology-entry.ts';
import { chronologyLinks } from '../domain/chronology-links.ts';
import { byId } from '../domain/display-order.ts';
import { ValidationError } from '../domain/errors.ts';
import type { EventDraft } from '../domain/events.ts';
import { ImportLimitsInput, withDefaults } from '../domain/import-limits.ts';
import type { Person } from '../domain/person.ts';
import { compareIds, LongText } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { isFromReturn, stillLinked } from './check-event/chronology-events.ts';
import { importChronologyEntries } from './chronology.ts';
import type { AlreadyImported, ImportOutcome, RevisionOutcome } from './import-outcome.ts';
import type { Progress } from './progress.ts';
import { lookupNamed, unknownName } from './references/find-named.ts';
import { ukToday } from './uk-today.ts';
import type { IdAllocator, Workspace } from './workspace.ts';

export interface ApplyReturnInput {
  table: SourceTable;
  /** The agency, by id (AG-2) or by name. */
  agency: string;
  /** Given when the agency is new: it is added in the same transaction as its entries. */
  sector?: AgencySector;
  override?: { mapping: ColumnMapping; file: string };
  monthFirst?: boolean;
  /** How the date column writes its dates (`DD-MMM-YYYY HH:mm`), over what the mapping says. */
  dateFormat?: string;
  /** Import the valid records even when others have problems. */
  skipInvalid?: boolean;
  /** A corrected return: apply the differences as one revision (without it they are only shown). */
  apply?: boolean;
  /** Why the entries a corrected return no longer holds are removed (default: it names the return). */
  removalReason?: string;
  /** Told each step of a large import: reading, planning, comparing, appending. */
  progress?: Progress;
}

export interface ImportReturnInput
  extends Omit<ApplyReturnInput, 'table' | 'override' | 'sector' | 'removalReason' | 'dateFormat'> {
  /** The return: .csv, .xlsx, .docx or .json. */
  path: string;
  /** Limits raised for this file (`ImportLimitsInput`); the others keep their defaults. */
  limits?: unknown;
  /** Remove control characters and bidi overrides from the cells instead of refusing the file. */
  stripControls?: boolean;
  /** XLSX: the sheet to read (default: the first). */
  sheet?: string;
  /** Word: the table to read, counting from 1 (default: the first whose header row maps). */
  table?: unknown;
  /** A column mapping file that overrides the saved or detected one. */
  mappingPath?: string;
  /** A column mapping given as data (chosen on a form), which overrides the saved or detected one. */
  mapping?: unknown;
  sector?: unknown;
  removalReason?: unknown;
  /** How the date column writes its dates; checked to be a date format. */
  dateFormat?: unknown;
}

export interface AppliedReturn {
  plan: ImportPlan;
  outcome: ImportOutcome;
  persons: Person[];
}

const TableNumber = z
  .number({ error: 'the table is a whole number, counting the tables from 1' })
  .int('the table is a whole number, counting the tables from 1')
  .positive('the table is counted from 1');

/** Reads the return at `path` and imports it. */
export async function importReturn(
  ws: Workspace,
  reviewId: string,
  input: ImportReturnInput,
): Promise<AppliedReturn> {
  const limits = withDefaults(parseOrThrow(ImportLimitsInput, input.limits ?? {}));
  const tableNumber =
    input.table === undefined ? undefined : parseOrThrow(TableNumber, input.table, ['table']);
  // Read before the return: a Word return's table is the one whose header the mapping fits.
  const override = input.mappingPath
    ? { mapping: loadMappingFile(input.mappingPath), file: basename(input.mappingPath) }
    : input.mapping !== undefined
      ? {
          mapping: parseOrThrow(ColumnMapping, input.mapping, ['mapping']),
          file: 'the column mapping chosen',
        }
      : undefined;
  input.progress?.({ step: `reading ${basename(input.path)}` });
  const table = await readReturn(input.path, {
    limits,
    ...(input.sheet ? { sheet: input.sheet } : {}),
    ...(tableNumber !== undefined ? { table: tableNumber } : {}),
    ...(override ? { mappings: [override.mapping] } : {}),
    ...(input.stripControls ? { stripControls: true } : {}),
  });
  const sector =
    input.sector === undefined ? undefined : parseOrThrow(AgencySector, input.sector, ['sector']);
  const dateFormat =
    input.dateFormat === undefined
      ? undefined
      : parseOrThrow(DateFormatText, input.dateFormat, ['dateFormat']);
  const removalReason =
    input.removalReason === undefined
      ? undefined
      : parseOrThrow(LongText('the reason'), input.removalReason, ['removalReason']);
  return applyReturn(ws, reviewId, {
    table,
    agency: input.agency,
    ...(sector ? { sector } : {}),
    ...(override ? { override } : {}),
    ...(removalReason ? { removalReason } : {}),
    ...(dateFormat ? { dateFormat } : {}),
    ...(input.monthFirst !== undefined ? { monthFirst: input.monthFirst } : {}),
    ...(input.skipInvalid !== undefined ? { skipInvalid: input.skipInvalid } : {}),
    ...(input.apply !== undefined ? { apply: input.apply } : {}),
    ...(input.progress ? { progress: input.progress } : {}),
  });
}

/** The entries an earlier import of the plan's return (its file, and sheet) made for the agency. */
function entriesOfReturn(
  state: ReviewState,
  agencyId: string,
  plan: ImportPlan,
): ChronologyEntry[] {
  return Object.values(state.chronology).filter(
    (e) => e.agencyId === agencyId && isFromReturn(e.provenance, plan.file, plan.sheet),
  );
}

/** Imports a return already read into a table. */
export async function applyReturn(
  ws: Workspace,
  reviewId: string,
  input: ApplyReturnInput,
): Promise<AppliedReturn> {
  const { progress } = input;
  const state = await ws.load(reviewId);
  const existing = lookupNamed(state, 'agency', input.agency, ['agency']);
  if (!existing && input.sector === undefined) {
    const unknown = unknownName(state, 'agency', input.agency, ['agency']);
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
  progress?.({ step: `checking the ${input.table.rows.length} records of ${input.table.file}` });
  const plan = planImport({
    table: input.table,
    agencyName,
    ...(saved ? { saved } : {}),
    ...(input.override ? { override: input.override } : {}),
    monthFirst: Boolean(input.monthFirst),
    ...(input.dateFormat ? { dateFormat: input.dateFormat } : {}),
    // Dates after today (in the UK) are refused.
    today: ukToday(ws.clock()),
    persons,
  });
  const skipInvalid = Boolean(input.skipInvalid);
  const fileLevel = plan.problems.some((p) => p.record === null);
  const clean = skipInvalid || plan.problems.length === 0;
  const outcome: ImportOutcome = {
    result: 'nothing-imported',
    reviewId: state.review.id,
    agency: {
      ...(existing ? { id: existing.id } : {}),
      name: agencyName,
      ...(input.sector && !existing ? { sector: input.sector } : {}),
      created: !existing,
    },
    ids: [],
    skipInvalid,
    mappingSaved: false,
  };
  const done = (): AppliedReturn => ({ plan, persons, outcome });
  if (fileLevel || plan.entries.length === 0) return done();

  if (existing) {
    const earlier = entriesOfReturn(state, existing.id, plan);
    if (earlier.length > 0) {
      progress?.({ step: `comparing ${plan.file} with its earlier import` });
      const revision = await revise(ws, reviewId, existing.id, plan, input, clean);
      if (revision === 'unchanged') {
        outcome.result = 'already-imported';
        outcome.alreadyImported = alreadyImported(
          [...matchByContent(earlier, plan.entries).keys()],
          plan,
        );
      } else {
        outcome.revision = revision;
        outcome.result = revision.applied ? 'revised' : 'revision-shown';
        outcome.ids = revision.addedIds;
        outcome.mappingSaved = revision.applied && revision.mappingChanged;
      }
      return done();
    }
    // The same records under another file name are still the same records.
    const agencyEntries = Object.values(state.chronology).filter((e) => e.agencyId === existing.id);
    const matched = matchByContent(agencyEntries, plan.entries);
    if (matched.size === plan.entries.length) {
      outcome.result = 'already-imported';
      outcome.alreadyImported = alreadyImported([...matched.keys()], plan);
      return done();
    }
    if (matched.size > 0)
      outcome.overlap = alreadyImported([...matched.keys()], plan, matched.size);
  }
  if (!clean || !plan.mapping) return done();

  progress?.({ step: `adding ${plan.entries.length} entries` });
  const result = await importChronologyEntries(ws, reviewId, {
    ...(existing
      ? { agencyId: existing.id }
      : { agency: { name: agencyName, sector: input.sector } }),
    entries: plan.entries.map((e) => e.entry),
    mapping: plan.mapping,
  });
  for (const event of result.events) {
    if (event.type === 'chronology.entry-added') outcome.ids.push(event.payload.id);
    if (event.type === 'chronology.mapping-saved') outcome.mappingSaved = true;
    if (event.type === 'agency.added') outcome.agency.id = event.payload.id;
  }
  outcome.result = 'imported';
  return done();
}

function alreadyImported(
  entries: readonly ChronologyEntry[],
  plan: ImportPlan,
  records = plan.entries.length,
): AlreadyImported {
  return {
    records,
    ids: entries.map((e) => e.id).sort(compareIds),
    files: [...new Set(entries.map((e) => e.provenance.file ?? ''))].filter(Boolean).sort(),
  };
}

/**
 * Compares a return with its earlier import and, when asked and allowed,
 * appends the differences as one revision. Decided on the state the change is
 * appended to, so a concurrent change is compared afresh.
 */
async function revise(
  ws: Workspace,
  reviewId: string,
  agencyId: string,
  plan: ImportPlan,
  input: ApplyReturnInput,
  clean: boolean,
): Promise<RevisionOutcome | 'unchanged'> {
  const compare = (state: ReviewState): RevisionOutcome => {
    const earlier = entriesOfReturn(state, agencyId, plan);
    const diff = diffReturn(earlier, plan.entries, plan.invalidRecords);
    const links: RevisionOutcome['links'] = {};
    for (const { id } of [...diff.changed, ...diff.removed]) {
      const found = chronologyLinks(state, id);
      if (found.length > 0) links[id] = found;
    }
    const saved = state.chronologyMappings[agencyId];
    return {
      file: earlier[0]?.provenance.file ?? plan.file,
      ...(plan.sheet !== undefined ? { sheet: earlier[0]?.provenance.sheet ?? plan.sheet } : {}),
      diff,
      previous: Object.fromEntries(earlier.map((e) => [e.id, e])),
      links,
      blocked: diff.removed.filter((r) => links[r.id] !== undefined).map((r) => r.id),
      applied: false,
      addedIds: [],
      // Key order is not meaning: a mapping read back from the log may list its keys differently.
      mappingChanged: plan.mapping !== undefined && !isDeepStrictEqual(saved, plan.mapping),
    };
  };
  const shown = compare(await ws.load(reviewId));
  if (isEmptyDiff(shown.diff)) return 'unchanged';
  if (!input.apply || !clean) return shown;

  let decided = shown;
  const result = await ws.run(reviewId, (state, _model, allocate) => {
    decided = compare(state);
    const blocked = decided.diff.removed.filter((r) => decided.blocked.includes(r.id));
    if (blocked.length > 0) {
      throw new ValidationError(
        blocked.map((r) =>
          stillLinked(r.id, r.record, decided.file, decided.links[r.id] ?? [], [plan.file]),
        ),
      );
    }
    return [revisionEvent(decided, agencyId, plan, input, allocate)];
  });
  input.progress?.({ step: 'revised' });
  const event = result.events[0];
  return {
    ...decided,
    applied: true,
    addedIds:
      event?.type === 'chronology.return-revised' ? event.payload.added.map((a) => a.id) : [],
  };
}

function revisionEvent(
  revision: RevisionOutcome,
  agencyId: string,
  plan: ImportPlan,
  input: ApplyReturnInput,
  allocate: IdAllocator,
): EventDraft {
  const { diff } = revision;
  const reason =
    input.removalReason ?? `no longer in the corrected return ${plan.file} from the agency`;
  const changes = diff.added.length + diff.changed.length + diff.moved.length + diff.removed.length;
  input.progress?.({ step: `revising ${plan.file}: ${changes} changes` });
  return {
    type: 'chronology.return-revised',
    payload: {
      agencyId,
      file: revision.file,
      ...(revision.sheet !== undefined ? { sheet: revision.sheet } : {}),
      added: diff.added.map((a) => ({ ...a.entry, agencyId, id: allocate('chronology') })),
      changed: [
        ...diff.changed.map((c) => ({ id: c.id, changes: c.changes, at: c.record })),
        ...diff.moved.map((m) => ({
          id: m.id,
          changes: { record: { from: m.from, to: m.to } },
          at: m.to,
        })),
      ]
        .sort((a, b) => a.at - b.at)
        .map(({ id, changes }) => ({ id, changes })),
      removed: diff.removed.map((r) => ({
        id: r.id,
        ...(r.record !== undefined ? { record: r.record } : {}),
        reason,
      })),
      ...(revision.mappingChanged && plan.mapping ? { mapping: plan.mapping } : {}),
    },
  };
}
