/**
 * Bundles: one review's whole log as a JSON file, to move a review between
 * workspaces or keep it safe. Import re-verifies the hash chain and re-checks
 * every event, so a bundle edited by hand is refused, not half-loaded.
 */
import { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';
import { parseEvent, type ReviewEvent } from '../domain/events.ts';
import { type Issue, issue } from '../domain/issue.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { issuesFromZod } from '../domain/zod-issues.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import type { EventStore } from '../store/event-store.ts';
import { applyEvent, initialState } from '../store/fold-events.ts';
import { canonicalJson, verifyChain } from '../store/hash-chain.ts';
import { checkEvent } from './check-event/check-event.ts';

export const BUNDLE_FORMAT = 'tunnelview-bundle';
export const BUNDLE_VERSION = 1;

const BundleShape = z.strictObject({
  format: z.literal(BUNDLE_FORMAT, {
    error: `not a bundle of a review's log: "format" must be "${BUNDLE_FORMAT}"`,
  }),
  version: z.literal(BUNDLE_VERSION, {
    error: `unsupported bundle version; only version ${BUNDLE_VERSION} can be read`,
  }),
  exportedAt: z.string(),
  reviewId: z.string(),
  /** The last event's place and hash, so a bundle cut short is caught. */
  head: z.strictObject({ seq: z.number().int().positive(), hash: z.string() }),
  events: z.array(z.unknown()).min(1, 'a bundle holds at least the review.created event'),
});

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  exportedAt: string;
  reviewId: string;
  head: { seq: number; hash: string };
  events: ReviewEvent[];
}

/** The bundle of a review's log. */
export async function exportBundle(
  store: EventStore,
  reviewId: string,
  exportedAt: string,
): Promise<Bundle> {
  const events = await store.readEvents(reviewId);
  const last = events.at(-1);
  const head = { seq: last?.seq ?? 0, hash: last?.hash ?? '' };
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt, reviewId, head, events };
}

/** A bundle that has been parsed, verified and checked event by event. */
export interface CheckedBundle {
  events: ReviewEvent[];
  state: ReviewState;
}

/**
 * Parses and checks a bundle's text completely, writing nothing: shape, every
 * event's schema, the hash chain, and every event against the model.
 * `fileName` names the file in every message.
 */
export function checkBundle(
  text: string,
  fileName: string,
  loadModel: (id: string) => MethodologyModel,
): CheckedBundle {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ValidationError([
      issue(
        'bundle-not-json',
        [fileName],
        `is not JSON (${(cause as Error).message}); give a bundle file as it was exported`,
      ),
    ]);
  }
  const shape = BundleShape.safeParse(json);
  if (!shape.success) throw new ValidationError(issuesFromZod(shape.error, [fileName]));

  const events: ReviewEvent[] = [];
  const issues: Issue[] = [];
  shape.data.events.forEach((raw, i) => {
    const parsed = parseEvent(raw);
    if (parsed.success) events.push(parsed.data);
    else issues.push(...issuesFromZod(parsed.error, [fileName, 'events', i]));
  });
  if (issues.length > 0) throw new ValidationError(issues);

  const reviewId = shape.data.reviewId;
  const strangers = events.filter((e) => e.reviewId !== reviewId);
  if (strangers.length > 0) {
    throw new ValidationError([
      issue(
        'bundle-mixed-reviews',
        [fileName, 'events'],
        `events ${strangers.map((e) => e.seq).join(', ')} belong to another review than ${reviewId}; a bundle holds one review`,
      ),
    ]);
  }
  const chain = verifyChain(
    events.map((e) => ({ ...e, payloadJson: canonicalJson(e.payload) })),
    shape.data.head,
  );
  if (chain.length > 0) {
    throw new ValidationError(
      chain.map((c) => ({
        ...c,
        path: [fileName, ...c.path],
        message: `${c.message}; the bundle was changed after export — import the original file`,
      })),
    );
  }
  const first = events[0] as ReviewEvent;
  if (first.type !== 'review.created') {
    throw new ValidationError([
      issue('bundle-no-review', [fileName, 'events', 0], 'the first event must be review.created'),
    ]);
  }
  const model = loadModel(first.payload.modelId);
  let state: ReviewState | undefined;
  for (const event of events) {
    const found = checkEvent(state, model, event);
    if (found.length > 0) {
      throw new ValidationError(
        found.map((f) => ({ ...f, path: [fileName, 'events', event.seq - 1, ...f.path] })),
      );
    }
    state ??= initialState(structuredClone(first.payload));
    applyEvent(state, event);
  }
  return { events, state: state as ReviewState };
}

/** Stores a checked bundle as a new review; refuses a review id the workspace already has. */
export async function storeBundle(
  store: EventStore,
  bundle: CheckedBundle,
  fileName: string,
): Promise<ReviewState> {
  const reviewId = bundle.state.review.id;
  if (await store.hasReview(reviewId)) {
    throw new ValidationError([
      issue(
        'review-exists',
        [fileName, 'reviewId'],
        `review ${reviewId} already exists in ${store.location}; import it into another workspace`,
        { fix: { kind: 'give', field: 'workspace' } },
      ),
    ]);
  }
  await store.insertReview(bundle.events);
  return bundle.state;
}
