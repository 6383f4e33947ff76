// The hash chain: pure checks on hand-built chains, then real workspace files tampered with
// behind tunnelview's back (triggers dropped first) and found out by `verify`.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addFactor } from '../../src/app/factors.ts';
import { createReview } from '../../src/app/reviews.ts';
import { IntegrityError } from '../../src/domain/errors.ts';
import {
  canonicalJson,
  GENESIS_HASH,
  type HashedFields,
  hashEvent,
  verifyChain,
} from '../../src/store/hash-chain.ts';
import { openWorkspace } from '../../src/store/sqlite-event-store.ts';
import {
  buildSampleReview,
  openTestWorkspace,
  runCli,
  SAMPLE_REVIEW_EVENTS,
  tamper,
  tempWorkspacePath,
  workspaceWithReview,
} from '../helpers/workspace.ts';

type ChainedEvent = HashedFields & { hash: string };

/** A correctly chained log of `n` small events for review R-1. */
function chain(n: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: HashedFields = {
      reviewId: 'R-1',
      seq,
      type: seq === 1 ? 'review.created' : 'kpe.added',
      actor: 'Dana',
      at: '2026-01-15T10:00:00.000Z',
      prevHash,
      payloadJson: canonicalJson({ n: seq, text: `event ${seq}` }),
    };
    const hash = hashEvent(fields);
    events.push({ ...fields, hash });
    prevHash = hash;
  }
  return events;
}

describe('canonicalJson', () => {
  it('writes equal values the same way whatever the key order, at every depth', () => {
    const a = { b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } };
    const b = { a: { c: 'x', d: [1, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('keeps array order, because order in a list means something', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and one that ends where the workspace says it ends', () => {
    const events = chain(5);
    expect(verifyChain(events)).toEqual([]);
    expect(verifyChain(events, { seq: 5, hash: (events[4] as ChainedEvent).hash })).toEqual([]);
  });

  it('starts every review from the genesis hash', () => {
    expect((chain(1)[0] as ChainedEvent).prevHash).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('finds an event whose content changed after it was hashed', () => {
    const events = chain(4);
    (events[2] as ChainedEvent).payloadJson = canonicalJson({ n: 3, text: 'rewritten' });
    const [found, ...rest] = verifyChain(events);
    expect(rest).toEqual([]);
    expect(found?.code).toBe('chain-hash-mismatch');
    expect(found?.path).toEqual(['review', 'R-1', 'event', 3]);
    expect(found?.message).toContain('event 3 (kpe.added) of review R-1 was altered');
  });

  it('finds a change to who recorded an event, not only to its payload', () => {
    const events = chain(3);
    (events[1] as ChainedEvent).actor = 'Someone else';
    expect(verifyChain(events)[0]?.code).toBe('chain-hash-mismatch');
  });

  it('finds a gap in the sequence', () => {
    const events = chain(4);
    events.splice(1, 1);
    const [found] = verifyChain(events);
    expect(found?.code).toBe('chain-sequence-broken');
    expect(found?.message).toContain('found seq 3 where seq 2 was expected');
  });

  it('finds an event that does not follow the one before it', () => {
    const events = chain(3);
    (events[1] as ChainedEvent).prevHash = 'f'.repeat(64);
    const [found] = verifyChain(events);
    expect(found?.code).toBe('chain-link-broken');
    expect(found?.message).toContain('event 2 (kpe.added) of review R-1 does not follow');
  });

  it('finds a log cut short against the head the workspace recorded', () => {
    const events = chain(4);
    const head = { seq: 4, hash: (events[3] as ChainedEvent).hash };
    const [found] = verifyChain(events.slice(0, 3), head);
    expect(found?.code).toBe('chain-truncated');
    expect(found?.message).toContain('ends at event 3');
    expect(found?.message).toContain('recorded last event is event 4');
  });

  it('reports only the first break', () => {
    const events = chain(5);
    (events[1] as ChainedEvent).payloadJson = '{}';
    (events[3] as ChainedEvent).payloadJson = '{}';
    const found = verifyChain(events);
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toEqual(['review', 'R-1', 'event', 2]);
  });
});

/** A workspace with the sample review (37 events) and a second, small review; closed again. */
async function sampleWorkspace() {
  const path = tempWorkspacePath();
  const { ws, store, reviewId } = await workspaceWithReview(path);
  await buildSampleReview(ws, reviewId);
  await createReview(ws, { title: 'Another review', kind: 'scr' }, 'R-OTHER');
  await addFactor(ws, 'R-OTHER', { head: 'family', text: 'A factor of the other review' });
  expect(await store.verify()).toEqual([]);
  await store.close();
  return { path, reviewId };
}

/** The seq of the first event of `type` in review `reviewId`. */
function seqOf(path: string, reviewId: string, type: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const row = db
      .prepare('SELECT seq FROM events WHERE review_id = ? AND type = ? ORDER BY seq LIMIT 1')
      .get(reviewId, type) as { seq: number } | undefined;
    if (!row) throw new Error(`no ${type} event in ${reviewId}`);
    return row.seq;
  } finally {
    db.close();
  }
}

/** Opens the workspace again and verifies every review. */
async function verifyWorkspace(path: string) {
  const store = openWorkspace(path, { create: false });
  try {
    return await store.verify();
  } finally {
    await store.close();
  }
}

describe('verify on a workspace file edited behind tunnelview’s back', () => {
  it('finds a payload altered in place and names its seq and review', async () => {
    const { path, reviewId } = await sampleWorkspace();
    const seq = seqOf(path, reviewId, 'kpe.added');
    tamper(path, (db) =>
      db
        .prepare(
          "UPDATE events SET payload = json_set(payload, '$.whatHappened', 'Nothing of note happened.') WHERE review_id = ? AND seq = ?",
        )
        .run(reviewId, seq),
    );
    const issues = await verifyWorkspace(path);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'chain-hash-mismatch',
      path: ['review', reviewId, 'event', seq],
    });
    expect(issues[0]?.message).toContain(
      `event ${seq} (kpe.added) of review ${reviewId} was altered after it was written`,
    );
  });

  it('finds an event deleted from the middle of the log', async () => {
    const { path, reviewId } = await sampleWorkspace();
    tamper(path, (db) =>
      db.prepare('DELETE FROM events WHERE review_id = ? AND seq = 14').run(reviewId),
    );
    const issues = await verifyWorkspace(path);
    expect(issues).toHaveLength(1);
    // The path points at the event where the break was found (15); the message names the gap.
    expect(issues[0]).toMatchObject({
      code: 'chain-sequence-broken',
      path: ['review', reviewId, 'event', 15],
    });
    expect(issues[0]?.message).toContain(
      `event 14 of review ${reviewId} is missing or out of order: found seq 15 where seq 14 was expected`,
    );
  });

  it('finds the last event deleted, through the head the reviews table recorded', async () => {
    const { path, reviewId } = await sampleWorkspace();
    const last = 1 + SAMPLE_REVIEW_EVENTS;
    tamper(path, (db) =>
      db.prepare('DELETE FROM events WHERE review_id = ? AND seq = ?').run(reviewId, last),
    );
    const issues = await verifyWorkspace(path);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'chain-truncated',
      path: ['review', reviewId, 'event', last],
    });
    expect(issues[0]?.message).toContain(
      `review log ends at event ${last - 1}, but its recorded last event is event ${last}`,
    );
  });

  it('finds two events that swapped places', async () => {
    const { path, reviewId } = await sampleWorkspace();
    tamper(path, (db) => {
      const move = db.prepare('UPDATE events SET seq = ? WHERE review_id = ? AND seq = ?');
      db.transaction(() => {
        move.run(-1, reviewId, 13);
        move.run(13, reviewId, 14);
        move.run(14, reviewId, -1);
      })();
    });
    const issues = await verifyWorkspace(path);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'chain-link-broken',
      path: ['review', reviewId, 'event', 13],
    });
    // The event now stored at 13 is the KPE that used to be 14.
    expect(issues[0]?.message).toContain(
      `event 13 (kpe.added) of review ${reviewId} does not follow the event before it`,
    );
  });

  it('names the first bad event when several were altered, and only the review concerned', async () => {
    const { path, reviewId } = await sampleWorkspace();
    tamper(path, (db) => {
      const alter = db.prepare(
        "UPDATE events SET actor = 'Mallory' WHERE review_id = ? AND seq IN (9, 20, 30)",
      );
      alter.run(reviewId);
    });
    const issues = await verifyWorkspace(path);
    expect(issues.map((i) => i.path)).toEqual([['review', reviewId, 'event', 9]]);
    const store = openWorkspace(path, { create: false });
    try {
      expect(await store.verify('R-OTHER')).toEqual([]);
      expect(await store.verify(reviewId)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('finds events of a review the list of reviews does not know', async () => {
    const { path } = await sampleWorkspace();
    tamper(path, (db) => {
      db.pragma('foreign_keys = OFF');
      db.prepare("DELETE FROM reviews WHERE id = 'R-OTHER'").run();
    });
    const issues = await verifyWorkspace(path);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('review-unregistered');
    expect(issues[0]?.message).toContain('review R-OTHER has events but no entry');
  });
});

describe('an event that is not even JSON', () => {
  it('stops the read naming the event, and asks for the whole workspace to be verified', async () => {
    const { path, store, reviewId } = await workspaceWithReview();
    await store.close();
    tamper(path, (db) =>
      db
        .prepare("UPDATE events SET payload = '{not json' WHERE review_id = ? AND seq = 1")
        .run(reviewId),
    );
    const reopened = openTestWorkspace(path);
    const error = await reopened.store.readEvents(reviewId).then(
      () => undefined,
      (e: unknown) => e,
    );
    await reopened.store.close();
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as IntegrityError).issues).toEqual([
      {
        code: 'event-unreadable',
        path: ['review', reviewId, 'event', 1],
        message: `event 1 of review ${reviewId} is not valid JSON; the workspace was damaged`,
        fix: { kind: 'verify' },
      },
    ]);
    const shown = await runCli(['kpe', 'list', '--workspace', path]);
    expect(shown.code).toBe(1);
    expect(shown.err).toContain(
      `event 1 of review ${reviewId} is not valid JSON; the workspace was damaged; check the workspace with: tunnelview verify`,
    );
  });
});

describe('the append-only triggers', () => {
  it('refuse UPDATE and DELETE on events through plain SQL, and the log stays intact', async () => {
    const { path, store, reviewId } = await workspaceWithReview();
    await store.close();
    const db = new Database(path);
    try {
      expect(() =>
        db.prepare("UPDATE events SET payload = '{}' WHERE review_id = ?").run(reviewId),
      ).toThrow(/events are append-only/);
      expect(() => db.prepare('DELETE FROM events WHERE review_id = ?').run(reviewId)).toThrow(
        /events are append-only/,
      );
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/events are append-only/);
    } finally {
      db.close();
    }
    const again = openTestWorkspace(path);
    expect(await again.store.verify()).toEqual([]);
    expect(await again.store.readEvents(reviewId)).toHaveLength(1);
  });
});
