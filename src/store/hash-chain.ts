/**
 * The hash chain that makes tampering with a review's log detectable: each
 * event's hash covers its content and the previous event's hash.
 *
 * Scheme 2 (the current one) hashes a domain tag and every field as
 * `<UTF-8 byte length>:<bytes>`, so no two different events encode alike
 * whatever their fields hold. Scheme 1 joined the fields with newlines, which
 * left the boundaries between fields ambiguous; it is kept only to check and
 * migrate logs written before scheme 2, and the anchors taken from them.
 */
import { createHash } from 'node:crypto';
import { type Issue, issue } from '../domain/issue.ts';

/** The `prevHash` of a review's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hash scheme new events are written with. */
export const HASH_SCHEME = 2;
export type HashScheme = 1 | 2;

/** What a scheme-2 event hash starts with, so it can never be taken for a hash of anything else. */
export const EVENT_HASH_TAG = 'tunnelview-event-v2';

/** The fields of an event that its hash covers; `payloadJson` is the stored canonical text. */
export interface HashedFields {
  reviewId: string;
  seq: number;
  type: string;
  actor: string;
  at: string;
  prevHash: string;
  payloadJson: string;
}

/** JSON with object keys sorted at every depth, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v as object).sort()) {
        sorted[k] = (v as Record<string, unknown>)[k];
      }
      return sorted;
    }
    return v;
  });
}

/**
 * Each part as `<UTF-8 byte length>:<part>`, one after the other: the encoding every
 * tunnelview hash and signature covers, unambiguous whatever the parts contain.
 *
 * @example lengthPrefixed(['a:b', '']) // '3:a:b0:'
 */
export function lengthPrefixed(parts: readonly string[]): string {
  let text = '';
  for (const part of parts) text += `${Buffer.byteLength(part, 'utf8')}:${part}`;
  return text;
}

const TAG_PREFIX = lengthPrefixed([EVENT_HASH_TAG]);

/** An event's hash under the current scheme (2). */
export function hashEvent(f: HashedFields): string {
  // One string, one update: cheaper than an update per field, or a copied hash state.
  const text =
    TAG_PREFIX +
    lengthPrefixed([f.reviewId, String(f.seq), f.type, f.actor, f.at, f.prevHash, f.payloadJson]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * An event's hash under scheme 1 (fields joined by newlines): only to check logs and
 * bundles written before scheme 2, and the anchors printed from them.
 */
export function hashEventV1(f: HashedFields): string {
  return createHash('sha256')
    .update(
      [f.reviewId, String(f.seq), f.type, f.actor, f.at, f.prevHash, f.payloadJson].join('\n'),
    )
    .digest('hex');
}

/** The hash function of a scheme. */
export function eventHasher(scheme: HashScheme): (f: HashedFields) => string {
  return scheme === 1 ? hashEventV1 : hashEvent;
}

/**
 * The hashes the events would have under `scheme`, chained from the genesis hash: to re-hash
 * a log under another scheme, or to find what its heads were under an earlier one.
 */
export function rechain(events: readonly HashedFields[], scheme: HashScheme): string[] {
  const hash = eventHasher(scheme);
  const hashes: string[] = [];
  let prevHash = GENESIS_HASH;
  for (const e of events) {
    prevHash = hash({ ...e, prevHash });
    hashes.push(prevHash);
  }
  return hashes;
}

/**
 * Checks one review's events, in stored order, and returns the first break:
 * a gap or reordering in `seq`, a `prevHash` that does not match, or a hash
 * that does not match the content. An empty list means the chain is intact.
 * `scheme` is the one the events were hashed with (the current one by default).
 */
export function verifyChain(
  events: readonly (HashedFields & { hash: string })[],
  expectedHead?: { seq: number; hash: string },
  scheme: HashScheme = HASH_SCHEME,
): Issue[] {
  const hash = eventHasher(scheme);
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as HashedFields & { hash: string };
    const where = ['review', e.reviewId, 'event', e.seq];
    if (e.seq !== i + 1) {
      return [
        issue(
          'chain-sequence-broken',
          where,
          `event ${i + 1} of review ${e.reviewId} is missing or out of order: found seq ${e.seq} where seq ${i + 1} was expected (an event was removed or the events were reordered)`,
        ),
      ];
    }
    if (e.prevHash !== prev) {
      return [
        issue(
          'chain-link-broken',
          where,
          `event ${e.seq} (${e.type}) of review ${e.reviewId} does not follow the event before it: its previous-hash does not match (an event before it was removed, reordered or altered)`,
        ),
      ];
    }
    if (hash(e) !== e.hash) {
      return [
        issue(
          'chain-hash-mismatch',
          where,
          `event ${e.seq} (${e.type}) of review ${e.reviewId} was altered after it was written: its content no longer matches its hash`,
        ),
      ];
    }
    prev = e.hash;
  }
  if (expectedHead) {
    const last = events.at(-1);
    if (!last || last.seq !== expectedHead.seq || last.hash !== expectedHead.hash) {
      return [
        issue(
          'chain-truncated',
          ['review', events[0]?.reviewId ?? '?', 'event', expectedHead.seq],
          `review log ends at event ${last?.seq ?? 0}, but its recorded last event is event ${expectedHead.seq}: events at the end were removed, or the record of the last event was altered`,
        ),
      ];
    }
  }
  return [];
}
