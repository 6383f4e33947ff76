/** Use-cases over the event log itself: reading it, verifying every chain, and bundles in and out. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ValidationError } from '../domain/errors.ts';
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

/** Recomputes every review's hash chain (or one review's); the first break per review. */
export async function verifyWorkspace(ws: Workspace, reviewId?: string, progress?: Progress) {
  const reviews = await ws.listReviews();
  const id = reviewId === undefined ? undefined : (await ws.load(reviewId)).review.id;
  const issues = await ws.store.verify(
    id,
    progress && ((done, total) => progress({ step: 'checking the hash chains', done, total })),
  );
  return {
    ok: issues.length === 0,
    reviews: reviews.length,
    events: reviews.reduce((n, r) => n + r.events, 0),
    issues,
  };
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
  const bundle = checkBundle(text, fileName, (id) => ws.model(id));
  return storeBundle(ws.store, bundle, fileName);
}
