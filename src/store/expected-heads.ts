/**
 * Heads noted down outside the workspace (printed by `head`, in a report's metadata, in a
 * bundle) that a chain must still pass through. A chain that verifies on its own can still
 * have been rewritten and re-hashed, or cut back with its recorded head rewound; only a head
 * kept elsewhere shows it.
 */
import { type Issue, issue } from '../domain/issue.ts';

/** A head someone noted down: the chain must still pass through it. */
export interface ExpectedHead {
  /** The review it is a head of; any review checked when left out. */
  reviewId?: string;
  /** Its place in the log, when known. */
  seq?: number;
  /**
   * The event's hash in lower-case hex: all 64 digits, or at least the first 16 (the anchors
   * printed before full hashes were).
   */
  hash: string;
}

interface Place {
  seq: number;
  hash: string;
}

/** Where an expected head was found, and under which scheme. */
interface Found {
  reviewId: string;
  seq: number;
  scheme: 1 | 2;
}

/**
 * Looks for every expected head in the chains it is shown, one review at a time, then names
 * those no chain passed through, with where each chain ends now.
 */
export class ExpectedHeadSearch {
  private readonly found = new Map<ExpectedHead, Found>();
  /** The hash at the expected seq of an expected head, for the message when it differs. */
  private readonly atSeq = new Map<ExpectedHead, string>();

  constructor(private readonly expected: readonly ExpectedHead[]) {}

  /** The reviews the expected heads name. */
  reviewIds(): string[] {
    return [...new Set(this.expected.flatMap((e) => (e.reviewId ? [e.reviewId] : [])))];
  }

  /**
   * Looks in one review's chain: its stored hashes, then — for a review whose log was once
   * hashed under scheme 1 — the hashes its events had then (computed only if still needed).
   */
  visit(reviewId: string, chain: readonly Place[], schemeOneHashes?: () => readonly string[]) {
    const open = this.expected.filter(
      (e) => !this.found.has(e) && (e.reviewId === undefined || e.reviewId === reviewId),
    );
    if (open.length === 0) return;
    this.match(open, reviewId, chain, 2);
    const left = open.filter((e) => !this.found.has(e));
    if (left.length > 0 && schemeOneHashes) {
      const hashes = schemeOneHashes();
      this.match(
        left,
        reviewId,
        hashes.map((hash, i) => ({ seq: i + 1, hash })),
        1,
      );
    }
  }

  private match(
    open: readonly ExpectedHead[],
    reviewId: string,
    chain: readonly Place[],
    scheme: 1 | 2,
  ) {
    for (const e of open) {
      if (e.seq !== undefined) {
        const place =
          chain[e.seq - 1]?.seq === e.seq ? chain[e.seq - 1] : chain.find((p) => p.seq === e.seq);
        if (place?.hash.startsWith(e.hash)) {
          this.found.set(e, { reviewId, seq: e.seq, scheme });
        } else if (place && scheme === 2 && e.reviewId === reviewId) {
          this.atSeq.set(e, place.hash);
        }
        continue;
      }
      const place =
        e.hash.length === 64
          ? chain.find((p) => p.hash === e.hash)
          : chain.find((p) => p.hash.startsWith(e.hash));
      if (place) this.found.set(e, { reviewId, seq: place.seq, scheme });
    }
  }

  /**
   * One issue per expected head that no chain passed through. `heads` are the chains' ends
   * now, by review, for the reviews searched.
   */
  unreached(heads: ReadonlyMap<string, Place>): Issue[] {
    return this.expected
      .filter((e) => !this.found.has(e))
      .map((e) => this.unreachedIssue(e, heads));
  }

  private unreachedIssue(e: ExpectedHead, heads: ReadonlyMap<string, Place>): Issue {
    const expected = `${e.seq === undefined ? '' : `event ${e.seq} with `}hash ${e.hash}`;
    const reviewId = e.reviewId ?? (heads.size === 1 ? [...heads.keys()][0] : undefined);
    if (reviewId === undefined) {
      const now = [...heads].map(([id, h]) => `${id} at event ${h.seq}, hash ${h.hash}`);
      return issue(
        'chain-head-unreached',
        ['heads'],
        `no review's log passes through the expected head (${expected}); their logs end now: ${now.join('; ') || 'no reviews'}. The history was rewritten or cut back since that head was noted, or it is the head of another workspace`,
      );
    }
    const head = heads.get(reviewId);
    const where = ['review', reviewId, ...(e.seq === undefined ? [] : ['event', e.seq])];
    if (!head) {
      return issue(
        'chain-head-unreached',
        ['review', reviewId],
        `review ${reviewId} is not in this workspace, so its log cannot reach the expected head (${expected})`,
      );
    }
    const now = `its log ends now at event ${head.seq}, hash ${head.hash}`;
    if (e.seq !== undefined && e.seq > head.seq) {
      return issue(
        'chain-head-unreached',
        where,
        `review ${reviewId} does not reach the expected head (${expected}): ${now}. Events after ${head.seq} were removed and the recorded head wound back`,
      );
    }
    const actual = this.atSeq.get(e);
    if (actual !== undefined) {
      return issue(
        'chain-head-unreached',
        where,
        `review ${reviewId} does not pass through the expected head: expected event ${e.seq} with hash ${e.hash}, found hash ${actual} (${now}). The log up to event ${e.seq} was rewritten and re-hashed since that head was noted`,
      );
    }
    return issue(
      'chain-head-unreached',
      where,
      `review ${reviewId} does not pass through the expected head (${expected}): ${now}. The log was rewritten and re-hashed, or cut back, since that head was noted`,
    );
  }
}
