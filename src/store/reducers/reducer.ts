/** The shape every event family's reducers share, and the small helpers they use. */
import { InternalError } from '../../domain/errors.ts';
import type { EventType, ReviewEvent } from '../../domain/events.ts';
import { type IdKind, idKind, idNumber } from '../../domain/primitives.ts';
import type { ReviewState } from '../../domain/review-state.ts';

/** Folds one event of type `T` into `state`, in place. Trusts the event: it was checked first. */
export type Reducer<T extends EventType> = (
  state: ReviewState,
  event: Extract<ReviewEvent, { type: T }>,
) => void;

/** The reducers of a family of events, by event type. */
export type Reducers<T extends EventType> = { [K in T]: Reducer<K> };

/** Records that an id was allocated, so new ids count on from the highest ever given. */
export function noteId(state: ReviewState, id: string): void {
  const kind = idKind(id) as IdKind;
  const n = idNumber(id);
  if (n > (state.lastIds[kind] ?? 0)) state.lastIds[kind] = n;
}

/** The record an event names; a log that names a missing one is corrupt, not a user's mistake. */
export function must<T>(value: T | undefined, what: string, event: ReviewEvent): T {
  if (value === undefined) {
    throw new InternalError(
      `event ${event.seq} (${event.type}) of review ${event.reviewId} refers to ${what}, which does not exist`,
    );
  }
  return value;
}

/**
 * The record with an edit's changes applied: a field given replaces the old
 * value, a field given as `null` is cleared, a field left out stays.
 */
export function withChanges<T extends object>(record: T, changes: object): T {
  const next = { ...record } as Record<string, unknown>;
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  return next as T;
}

/** Texts by section merged in: a section given replaces its text, `null` clears it. */
export function withSections(
  sections: Record<string, string>,
  changes: Record<string, string | null> | undefined,
): Record<string, string> {
  if (!changes) return sections;
  return withChanges(sections, changes);
}
