/**
 * The hash chain that makes tampering with a review's log detectable: each
 * event's hash covers its content and the previous event's hash.
 */
import { createHash } from 'node:crypto';
import { type Issue, issue } from '../domain/issue.ts';

/** The `prevHash` of a review's first event. */
export const GENESIS_HASH = '0'.repeat(64);

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

export function hashEvent(f: HashedFields): string {
  return createHash('sha256')
    .update(
      [f.reviewId, String(f.seq), f.type, f.actor, f.at, f.prevHash, f.payloadJson].join('\n'),
    )
    .digest('hex');
}

/**
 * Checks one review's events, in stored order, and returns the first break:
 * a gap or reordering in `seq`, a `prevHash` that does not match, or a hash
 * that does not match the content. An empty list means the chain is intact.
 */
export function verifyChain(
  events: (HashedFields & { hash: string })[],
  expectedHead?: { seq: number; hash: string },
): Issue[] {
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
    if (hashEvent(e) !== e.hash) {
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
