/**
 * What every edit and removal use-case shares: the record named in any case
 * (`ag-02` is `AG-2`), an edit that changes at least one field, and a removal
 * that detaches what still names the record only when forced to.
 */
import type { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';
import type { EventDraft } from '../domain/events.ts';
import { issue } from '../domain/issue.ts';
import { type IdKind, LongText, stableIdInput } from '../domain/primitives.ts';
import { isOwned, linksTo, type RecordLink } from '../domain/record-links.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import type { CommandResult, Workspace } from './workspace.ts';

/** A removal as the user asks for it: why, and whether to detach what still names the record. */
export interface RemoveOptions {
  /** Detach every reference to the record in the same change, instead of refusing. */
  force?: boolean;
}

/** The stable id of the record to change, as a person typed it. */
export function recordId(kind: IdKind, id: unknown): string {
  return parseOrThrow(stableIdInput(kind), id, ['id']);
}

export function removalReason(reason: unknown): string {
  return parseOrThrow(LongText('the reason'), reason, ['reason']);
}

/** Refuses an edit that gives no field to change: it would record nothing. */
export function requireChanges(id: string, changes: object): void {
  const given = Object.entries(changes).filter(([, v]) => v !== undefined);
  if (given.length > 0) return;
  throw new ValidationError([
    issue('nothing-to-change', [], `nothing to change in ${id}; give at least one field`, {
      ids: [id],
    }),
  ]);
}

/**
 * A nested field after a partial edit: the fields given replace the old
 * ones, `null` clears one, the rest stay (editing only an appraisal's rating
 * keeps its text).
 */
export function mergeFields(
  old: Record<string, unknown> | undefined,
  given: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...old };
  for (const [field, value] of Object.entries(given)) {
    if (value === null) delete merged[field];
    else if (value !== undefined) merged[field] = value;
  }
  return merged;
}

/**
 * The references a removal of `id` detaches: every one that can be detached
 * when forced, none otherwise (so the check names them and refuses).
 */
export function detachedBy(state: ReviewState, id: string, options: RemoveOptions): RecordLink[] {
  if (!options.force) return [];
  return linksTo(state, id).filter((link) => !isOwned(link));
}

/** Removals of records that others may name: each event carries what it detached. */
type DetachingRemoval =
  | 'agency.removed'
  | 'participant.removed'
  | 'chronology.entry-removed'
  | 'excerpt.removed'
  | 'kpe.removed'
  | 'factor.removed';

/**
 * Removes a record others may name: refused (by the event's check) while
 * something names it, unless forced, when the same event detaches those links.
 */
export function removeDetaching(
  ws: Workspace,
  reviewId: string,
  change: { type: DetachingRemoval; kind: IdKind },
  id: unknown,
  reason: unknown,
  options: RemoveOptions,
): Promise<CommandResult> {
  const recordIdOf = recordId(change.kind, id);
  const why = removalReason(reason);
  return ws.run(reviewId, (state) => [
    // Every type in DetachingRemoval has this one payload shape.
    {
      type: change.type,
      payload: { id: recordIdOf, reason: why, detached: detachedBy(state, recordIdOf, options) },
    } as EventDraft,
  ]);
}

/** Edits whose changes are the record's own fields, with nothing to resolve against the review. */
type PlainEdit = 'agency.edited' | 'excerpt.edited' | 'factor.edited' | 'finding.edited';

/** Changes a record's own fields: those given replace the old values, the rest stay. */
export function editPlain(
  ws: Workspace,
  reviewId: string,
  change: { type: PlainEdit; kind: IdKind; changes: z.ZodType<object> },
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const recordIdOf = recordId(change.kind, id);
  const parsed = parseOrThrow(change.changes, changes);
  requireChanges(recordIdOf, parsed);
  return ws.run(reviewId, () => [
    // Every type in PlainEdit has this one payload shape, its changes parsed by its own schema.
    { type: change.type, payload: { id: recordIdOf, changes: parsed } } as EventDraft,
  ]);
}
