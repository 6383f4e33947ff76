/**
 * The seam between the review service and wherever events are kept. SQLite
 * implements it today; a shared PostgreSQL store can implement it later, which
 * is why it is asynchronous and uses optimistic concurrency (`expectedSeq`).
 */
import type { KeyObject } from 'node:crypto';
import type { EventDraft, ReviewEvent } from '../domain/events.ts';
import type { Issue } from '../domain/issue.ts';
import type { ExpectedHead } from './expected-heads.ts';
import type { Seal, SealDraft } from './seal.ts';

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

/** Where a review's log ends: its last event's seq and hash. */
export interface ReviewHead {
  reviewId: string;
  seq: number;
  hash: string;
  /** The hash scheme the chain is hashed under. */
  hashScheme: number;
}

/** A review log that was once hashed under an earlier scheme, and where it ended then. */
export interface ChainMigration {
  fromScheme: 1;
  /** The review's head when it was re-hashed, and its hash under the earlier scheme. */
  seq: number;
  fromHeadHash: string;
  migratedAt: string;
}

export interface VerifyOptions {
  onReview?: VerifyProgress;
  /** Heads noted down elsewhere that each chain must still pass through. */
  expectedHeads?: readonly ExpectedHead[];
  /**
   * Public keys to check every seal's signature with. Without them each seal is still checked
   * to lie on its chain; with them, a seal made with any other key is reported too.
   */
  sealKeys?: readonly KeyObject[];
}

/** What a review brings with it into a workspace besides its events (import). */
export interface ReviewExtras {
  /** Set when the events were re-hashed from an earlier scheme on the way in. */
  migration?: ChainMigration;
  seals?: readonly SealDraft[];
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
  insertReview(events: readonly ReviewEvent[], extras?: ReviewExtras): Promise<void>;
  /**
   * Recomputes every chain (or one review's, and those the expected heads name); the first
   * break per review, every expected head not reached and every seal that does not hold, or
   * an empty list.
   */
  verify(reviewId?: string, options?: VerifyOptions): Promise<Issue[]>;
  /** Each review's head as recorded, without verifying the chain (`verify` does that). */
  heads(): Promise<ReviewHead[]>;
  /** Earlier hash schemes a review's log was migrated from (none for a log begun under the current one). */
  migrations(reviewId: string): Promise<ChainMigration[]>;
  /** Keeps a seal; refuses one whose head is not the event at its seq. */
  addSeal(seal: SealDraft): Promise<Seal>;
  /** Seals, oldest first: of one review, or of all. */
  seals(reviewId?: string): Promise<Seal[]>;
  close(): Promise<void>;
}

/** Told after each review's chain is checked: how many are done, of how many. */
export type VerifyProgress = (done: number, total: number) => void;
