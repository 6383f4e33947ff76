/**
 * Bundles: one review's whole log as a JSON file, to move a review between
 * workspaces or keep it safe. Import re-verifies the hash chain against the
 * head the bundle records, the seals, and every event, so a bundle edited by
 * hand is refused, not half-loaded. A version-1 bundle (hash scheme 1) is
 * checked under its own scheme and re-hashed on the way in.
 */
import { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';
import { parseRecordedEvent, type ReviewEvent } from '../domain/events.ts';
import { type Issue, issue } from '../domain/issue.ts';
import { parseJsonText } from '../domain/json-text.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { issuesFromZod } from '../domain/zod-issues.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import type { ChainMigration, EventStore, ReviewExtras } from '../store/event-store.ts';
import { applyEvent, initialState } from '../store/fold-events.ts';
import {
  canonicalJson,
  HASH_SCHEME,
  type HashScheme,
  rechain,
  verifyChain,
} from '../store/hash-chain.ts';
import type { SealDraft } from '../store/seal.ts';
import { checkEvent } from './check-event/check-event.ts';

export const BUNDLE_FORMAT = 'tunnelview-bundle';
export const BUNDLE_VERSION = 2;

const HEX_HASH = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in hex');

const SealShape = z.strictObject({
  seq: z.number().int().positive(),
  headHash: HEX_HASH,
  hashScheme: z.literal(HASH_SCHEME),
  sealedAt: z.string(),
  actor: z.string(),
  keyFingerprint: z.string(),
  signature: z.string(),
});

const MigrationShape = z.strictObject({
  fromScheme: z.literal(1),
  seq: z.number().int().positive(),
  fromHeadHash: HEX_HASH,
  migratedAt: z.string(),
});

const BundleShape = z.strictObject({
  format: z.literal(BUNDLE_FORMAT, {
    error: `not a bundle of a review's log: "format" must be "${BUNDLE_FORMAT}"`,
  }),
  version: z.union([z.literal(1), z.literal(BUNDLE_VERSION)], {
    error: `unsupported bundle version; versions 1 and ${BUNDLE_VERSION} can be read`,
  }),
  exportedAt: z.string(),
  reviewId: z.string(),
  /** Version 2: the scheme the events are hashed under. */
  hashScheme: z.literal(HASH_SCHEME).optional(),
  /** The last event's place and hash, so a bundle cut short is caught. */
  head: z.strictObject({ seq: z.number().int().positive(), hash: z.string() }),
  events: z.array(z.unknown()).min(1, 'a bundle holds at least the review.created event'),
  seals: z.array(SealShape).optional(),
  migrations: z.array(MigrationShape).optional(),
});

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  exportedAt: string;
  reviewId: string;
  hashScheme: typeof HASH_SCHEME;
  head: { seq: number; hash: string };
  events: ReviewEvent[];
  /** Seals of the review's heads, checked again with a public key after import (`verify`). */
  seals: Omit<SealDraft, 'reviewId'>[];
  /** Earlier hash schemes the log was re-hashed from, with its head under each. */
  migrations: ChainMigration[];
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
  const seals = (await store.seals(reviewId)).map(({ id: _id, reviewId: _r, ...seal }) => seal);
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt,
    reviewId,
    hashScheme: HASH_SCHEME,
    head,
    events,
    seals,
    migrations: await store.migrations(reviewId),
  };
}

/** A bundle that has been parsed, verified and checked event by event. */
export interface CheckedBundle {
  /** The events under the current hash scheme (re-hashed when the bundle was of scheme 1). */
  events: ReviewEvent[];
  state: ReviewState;
  /** What the review brings besides its events: its seals, and any earlier scheme's head. */
  extras: ReviewExtras;
}

/**
 * Parses and checks a bundle's text completely, writing nothing: shape, every
 * event's schema, the hash chain, and every event against the model.
 * `fileName` names the file in every message; `now` is when a bundle of the earlier hash
 * scheme is recorded as re-hashed.
 */
export function checkBundle(
  text: string,
  fileName: string,
  loadModel: (id: string) => MethodologyModel,
  now: string = new Date().toISOString(),
): CheckedBundle {
  const json = parseJsonText(
    text,
    fileName,
    'bundle-not-json',
    'give a bundle file as it was exported',
  );
  const shape = BundleShape.safeParse(json);
  if (!shape.success) throw new ValidationError(issuesFromZod(shape.error, [fileName]));

  const events: ReviewEvent[] = [];
  const issues: Issue[] = [];
  shape.data.events.forEach((raw, i) => {
    const parsed = parseRecordedEvent(raw);
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
  const scheme: HashScheme = shape.data.version === 1 ? 1 : HASH_SCHEME;
  const hashed = events.map((e) => ({ ...e, payloadJson: canonicalJson(e.payload) }));
  const chain = verifyChain(hashed, shape.data.head, scheme);
  const changed = (found: Issue[]) =>
    new ValidationError(
      found.map((c) => ({
        ...c,
        path: [fileName, ...c.path],
        message: `${c.message}; the bundle was changed after export — import the original file`,
      })),
    );
  if (chain.length > 0) throw changed(chain);
  const extras = bundleExtras(shape.data, hashed, fileName, now);
  if (scheme !== HASH_SCHEME) rehash(events, hashed);
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
  return { events, state: state as ReviewState, extras };
}

/**
 * The seals and earlier heads a bundle carries, each checked against its chain: a seal must
 * name an event of the chain with its hash, an earlier head must be where the chain was then.
 */
function bundleExtras(
  bundle: z.infer<typeof BundleShape>,
  events: readonly (ReviewEvent & { payloadJson: string })[],
  fileName: string,
  now: string,
): ReviewExtras {
  const reviewId = bundle.reviewId;
  const issues: Issue[] = [];
  (bundle.seals ?? []).forEach((seal, i) => {
    const at = events[seal.seq - 1];
    if (at?.hash !== seal.headHash) {
      issues.push(
        issue(
          'seal-off-chain',
          [fileName, 'seals', i],
          `the seal of event ${seal.seq} (${seal.sealedAt}) vouches for hash ${seal.headHash}, which is not the bundle's event ${seal.seq}; the bundle was changed after export — import the original file`,
        ),
      );
    }
  });
  const migrations = bundle.migrations ?? [];
  if (migrations.length > 0) {
    const earlier = rechain(events, 1);
    migrations.forEach((m, i) => {
      if (earlier[m.seq - 1] !== m.fromHeadHash) {
        issues.push(
          issue(
            'chain-migration-mismatch',
            [fileName, 'migrations', i],
            `the log was re-hashed from scheme 1 at event ${m.seq}, when its head was ${m.fromHeadHash}, but its events up to ${m.seq} do not give that head; the bundle was changed after export — import the original file`,
          ),
        );
      }
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const last = events.at(-1) as ReviewEvent;
  const migration: ChainMigration | undefined =
    bundle.version === 1
      ? { fromScheme: 1, seq: last.seq, fromHeadHash: last.hash, migratedAt: now }
      : migrations.at(-1);
  return {
    ...(migration ? { migration } : {}),
    seals: (bundle.seals ?? []).map((seal) => ({ ...seal, reviewId })),
  };
}

/** Re-hashes a verified log under the current scheme, in place. */
function rehash(events: ReviewEvent[], hashed: readonly (ReviewEvent & { payloadJson: string })[]) {
  const hashes = rechain(hashed, HASH_SCHEME);
  events.forEach((e, i) => {
    e.prevHash = i === 0 ? e.prevHash : (hashes[i - 1] as string);
    e.hash = hashes[i] as string;
  });
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
  await store.insertReview(bundle.events, bundle.extras);
  return bundle.state;
}
