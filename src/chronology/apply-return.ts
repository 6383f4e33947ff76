/**
 * Imports one agency return into a review: plans it against the agency's
 * saved mapping and the register, then appends every valid entry in one
 * transaction (or none). Shared by `chronology import` and the demo builder.
 */
import type { Agency, AgencySector } from '../domain/agency.ts';
import type { ColumnMapping } from '../domain/chronology-entry.ts';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import type { Person } from '../domain/person.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { nearest } from '../model/load-model.ts';
import { byId } from '../service/display-order.ts';
import type { ReviewService } from '../service/review-service.ts';
import type { ImportOutcome } from './format-import-report.ts';
import { type ImportPlan, planImport } from './plan-import.ts';
import type { SourceTable } from './source-table.ts';

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
  /** Today (YYYY-MM-DD, UK): later dates are refused. */
  today: string;
}

export interface AppliedReturn {
  plan: ImportPlan;
  outcome: ImportOutcome;
  persons: Person[];
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The agency named by id or by name, case and spacing aside. */
export function findAgency(state: ReviewState, wanted: string): Agency | undefined {
  const agencies = Object.values(state.agencies);
  return (
    agencies.find((a) => a.id.toLowerCase() === wanted.trim().toLowerCase()) ??
    agencies.find((a) => collapse(a.name) === collapse(wanted))
  );
}

function unknownAgency(state: ReviewState, wanted: string): ValidationError {
  const agencies = byId(state.agencies);
  const guess = nearest(
    wanted,
    agencies.map((a) => a.name),
  );
  const known =
    agencies.length > 0
      ? `its agencies are ${agencies.map((a) => `${a.id} "${a.name}"`).join(', ')}`
      : 'it has no agencies yet';
  return new ValidationError([
    issue(
      'agency-unknown',
      ['--agency'],
      `review ${state.review.id} has no agency "${wanted}"${guess ? ` (did you mean "${guess}"?)` : ''}; ${known}. To add it with this import, give its sector too: --sector health`,
    ),
  ]);
}

export async function applyReturn(
  service: ReviewService,
  reviewId: string,
  input: ApplyReturnInput,
): Promise<AppliedReturn> {
  const state = await service.load(reviewId);
  const existing = findAgency(state, input.agency);
  if (!existing && input.sector === undefined) throw unknownAgency(state, input.agency);
  const agencyName = existing?.name ?? input.agency.replace(/\s+/g, ' ').trim();
  const persons = byId(state.persons);
  const saved = existing ? state.chronologyMappings[existing.id] : undefined;
  const plan = planImport({
    table: input.table,
    agencyName,
    ...(saved ? { saved } : {}),
    ...(input.override ? { override: input.override } : {}),
    monthFirst: Boolean(input.monthFirst),
    today: input.today,
    persons,
  });
  const skipInvalid = Boolean(input.skipInvalid);
  const fileLevel = plan.problems.some((p) => p.record === null);
  const go = plan.entries.length > 0 && !fileLevel && (skipInvalid || plan.problems.length === 0);

  const ids: string[] = [];
  let mappingSaved = false;
  let agencyId = existing?.id;
  if (go && plan.mapping) {
    const result = await service.importChronology(reviewId, {
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
      reviewId,
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
