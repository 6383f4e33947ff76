/**
 * The seam between the review service and wherever events are kept. SQLite
 * implements it today; a shared PostgreSQL store can implement it later, which
 * is why it is asynchronous and uses optimistic concurrency (`expectedSeq`).
 */
import type { EventDraft, ReviewEvent } from '../domain/events.ts';
import type { Issue } from '../domain/issue.ts';

export interface ReviewSummary {
  id: string;
  title: string;
  modelId: string;
  createdAt: string;
  /** The number of events in the review's log. */
  events: number;
}

export interface AppendMeta {
  actor: string;
  /** ISO timestamp the events are recorded at. */
  at: string;
}

export interface EventStore {
  /** Where the store lives, for messages (a file path, a connection name). */
  readonly location: string;
  listReviews(): Promise<ReviewSummary[]>;
  hasReview(reviewId: string): Promise<boolean>;
  /** A review's events after `afterSeq`, in order. */
  readEvents(reviewId: string, afterSeq?: number): Promise<ReviewEvent[]>;
  /**
   * Appends drafts as one transaction, chained after event `expectedSeq`.
   * Throws `ConcurrentChangeError` when someone else appended first.
   * A draft of type `review.created` with `expectedSeq` 0 creates the review.
   */
  append(
    reviewId: string,
    expectedSeq: number,
    drafts: readonly EventDraft[],
    meta: AppendMeta,
  ): Promise<ReviewEvent[]>;
  /** Stores a whole review's already-chained events (import); the review must not exist. */
  insertReview(events: readonly ReviewEvent[]): Promise<void>;
  /** Recomputes every chain (or one review's); the first break per review, or an empty list. */
  verify(reviewId?: string, onReview?: VerifyProgress): Promise<Issue[]>;
  close(): Promise<void>;
}

/** Told after each review's chain is checked: how many are done, of how many. */
export type VerifyProgress = (done: number, total: number) => void;
