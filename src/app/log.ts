/** Use-cases over the event log itself: reading it, verifying every chain, and bundles in and out. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { IntegrityError, ValidationError } from '../domain/errors.ts';
import {
  DEFAULT_BUNDLE_MEGABYTES,
  fileSizeIssue,
  ImportLimitsInput,
} from '../domain/import-limits.ts';
import { issue } from '../domain/issue.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { type Bundle, checkBundle, exportBundle, storeBundle } from './bundle.ts';
import { type LoggedEvent, withFieldChanges } from './log-changes.ts';
import type { Progress } from './progress.ts';
import { readExpectedHeads, readHeadsFile } from './read-expected-heads.ts';
import { readSealPublicKey } from './seal.ts';
import type { Workspace } from './workspace.ts';

/**
 * A review's log, oldest first; with `limit`, only the last events. Each edit
 * carries `changes`: every field it changed, with the old value and the new.
 */
export async function reviewLog(
  ws: Workspace,
  reviewId: string,
  options: { limit?: number } = {},
): Promise<LoggedEvent[]> {
  const events = withFieldChanges(await ws.log(reviewId));
  return options.limit ? events.slice(-options.limit) : events;
}

/** What a verification checks besides the chains themselves. */
export interface VerifyRequest {
  /** Heads noted down elsewhere, as text: `HASH`, `REVIEW:HASH` or `REVIEW:SEQ:HASH`. */
  expectHeads?: readonly string[];
  /** Files holding a JSON list of heads, as `reviewHeads` gives them. */
  expectHeadsFiles?: readonly string[];
  /** Public key files to check every seal's signature with. */
  publicKeyFiles?: readonly string[];
}

/**
 * Recomputes every review's hash chain (or one review's); the first break per review, every
 * expected head no chain passes through, and every seal that does not hold.
 */
export async function verifyWorkspace(
  ws: Workspace,
  reviewId?: string,
  progress?: Progress,
  request: VerifyRequest = {},
) {
  const expectedHeads = [
    ...readExpectedHeads(request.expectHeads ?? []),
    ...(await Promise.all((request.expectHeadsFiles ?? []).map(readHeadsFileAt))).flat(),
  ];
  const sealKeys = (request.publicKeyFiles ?? []).map((file) => readSealPublicKey(file));
  const reviews = await ws.listReviews();
  const id = reviewId === undefined ? undefined : (await ws.load(reviewId)).review.id;
  const issues = await ws.store.verify(id, {
    ...(progress && {
      onReview: (done, total) => progress({ step: 'checking the hash chains', done, total }),
    }),
    expectedHeads,
    ...(sealKeys.length > 0 ? { sealKeys } : {}),
  });
  const seals = await ws.store.seals(id);
  return {
    ok: issues.length === 0,
    reviews: reviews.length,
    events: reviews.reduce((n, r) => n + r.events, 0),
    /** Heads checked against the chains. */
    expectedHeads: expectedHeads.length,
    /** Seals found; their signatures were checked when public keys were given. */
    seals: seals.length,
    signaturesChecked: sealKeys.length > 0,
    issues,
  };
}

async function readHeadsFileAt(path: string) {
  const fileName = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ValidationError([
      issue('unreadable-file', [fileName], `cannot read ${path}: ${(cause as Error).message}`),
    ]);
  }
  return readHeadsFile(text, fileName);
}

/** One entry of the list of heads: what to note down to check the log against later. */
export interface HeadRecord {
  review: string;
  seq: number;
  hash: string;
  hashScheme: number;
}

/**
 * Each review's head (or one review's), after verifying its chain: a head is only worth
 * noting down from a log that holds.
 */
export async function reviewHeads(ws: Workspace, reviewId?: string): Promise<HeadRecord[]> {
  const id = reviewId === undefined ? undefined : (await ws.load(reviewId)).review.id;
  const issues = await ws.store.verify(id);
  if (issues.length > 0) throw new IntegrityError(issues);
  return (await ws.store.heads())
    .filter((h) => id === undefined || h.reviewId === id)
    .map((h) => ({ review: h.reviewId, seq: h.seq, hash: h.hash, hashScheme: h.hashScheme }));
}

/** The review's whole log as a bundle, to move it to another workspace or keep it safe. */
export async function exportReview(ws: Workspace, reviewId: string): Promise<Bundle> {
  const state = await ws.load(reviewId);
  return exportBundle(ws.store, state.review.id, ws.clock().toISOString());
}

/**
 * Adds a review from a bundle file, after checking its shape, every event
 * and its hash chain; nothing is written unless all of it holds.
 */
export async function importBundle(
  ws: Workspace,
  path: string,
  options: { limits?: unknown } = {},
): Promise<ReviewState> {
  const fileName = basename(path);
  const { maxFileMegabytes } = parseOrThrow(
    ImportLimitsInput.pick({ maxFileMegabytes: true }),
    options.limits ?? {},
  );
  let text: string;
  try {
    const tooLarge = fileSizeIssue(
      fileName,
      (await stat(path)).size,
      maxFileMegabytes ?? DEFAULT_BUNDLE_MEGABYTES,
      { what: 'a review bundle' },
    );
    if (tooLarge) throw new ValidationError([tooLarge]);
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if (cause instanceof ValidationError) throw cause;
    throw new ValidationError([
      issue('unreadable-file', [fileName], `cannot read ${path}: ${(cause as Error).message}`),
    ]);
  }
  const bundle = checkBundle(text, fileName, (id) => ws.model(id), ws.clock().toISOString());
  return storeBundle(ws.store, bundle, fileName);
}
