// History that cannot be silently rewritten: someone who can edit the workspace file can drop
// the triggers, change an event and re-hash the whole chain (or cut the last events off and wind
// the recorded head back), and the chain then verifies on its own. A head noted down outside the
// workspace (`head`, a report's metadata) catches both, through `verify --expect-head`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addFactor } from '../../src/app/factors.ts';
import { reviewHeads } from '../../src/app/log.ts';
import { createReview } from '../../src/app/reviews.ts';
import { IntegrityError } from '../../src/domain/errors.ts';
import { openWorkspace } from '../../src/store/sqlite-event-store.ts';
import {
  buildSampleReview,
  openTestWorkspace,
  rehashLog,
  runCli,
  SAMPLE_REVIEW_EVENTS,
  tamper,
  tempDir,
  tempWorkspacePath,
  workspaceWithReview,
} from '../helpers/workspace.ts';

const LAST = 1 + SAMPLE_REVIEW_EVENTS;

/** A workspace with the sample review and a small second one, closed again, and its heads. */
async function noted() {
  const path = tempWorkspacePath();
  const { ws, store, reviewId } = await workspaceWithReview(path);
  await buildSampleReview(ws, reviewId);
  await createReview(ws, { title: 'Another review', kind: 'scr' }, 'R-OTHER');
  await addFactor(ws, 'R-OTHER', { head: 'family', text: 'A factor of the other review' });
  const heads = await reviewHeads(ws);
  await store.close();
  const head = heads.find((h) => h.review === reviewId);
  if (!head) throw new Error('the sample review has a head');
  return { path, reviewId, heads, head };
}

async function verifyAt(
  path: string,
  ...args: Parameters<ReturnType<typeof openWorkspace>['verify']>
) {
  const store = openWorkspace(path, { create: false });
  try {
    return await store.verify(...args);
  } finally {
    await store.close();
  }
}

/** The adversary: one KPE's account rewritten, then the whole chain re-hashed and the head moved. */
function rewriteKpe(path: string, reviewId: string): string {
  let head = '';
  tamper(path, (db) => {
    db.prepare(
      "UPDATE events SET payload = json_set(payload, '$.whatHappened', 'Nothing of note happened.') WHERE review_id = ? AND type = 'kpe.added'",
    ).run(reviewId);
    head = rehashLog(db, reviewId);
  });
  return head;
}

/** The adversary: the last event deleted and the recorded head wound back to the one before. */
function cutLast(path: string, reviewId: string): void {
  tamper(path, (db) => {
    db.prepare('DELETE FROM events WHERE review_id = ? AND seq = ?').run(reviewId, LAST);
    const before = db
      .prepare('SELECT hash FROM events WHERE review_id = ? AND seq = ?')
      .get(reviewId, LAST - 1) as { hash: string };
    db.prepare('UPDATE reviews SET head_seq = ?, head_hash = ? WHERE id = ?').run(
      LAST - 1,
      before.hash,
      reviewId,
    );
  });
}

describe('a log rewritten and re-hashed whole', () => {
  it('verifies on its own, but not against the head noted before: review, expected and actual named', async () => {
    const { path, reviewId, head } = await noted();
    const rewritten = rewriteKpe(path, reviewId);
    // The attack the chain alone cannot see.
    expect(await verifyAt(path)).toEqual([]);

    const issues = await verifyAt(path, undefined, {
      expectedHeads: [{ reviewId, seq: head.seq, hash: head.hash }],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'chain-head-unreached',
      path: ['review', reviewId, 'event', LAST],
    });
    expect(issues[0]?.message).toContain(
      `review ${reviewId} does not pass through the expected head: expected event ${LAST} with hash ${head.hash}, found hash ${rewritten}`,
    );
    expect(issues[0]?.message).toContain('rewritten and re-hashed since that head was noted');
  });

  it('is refused by tunnelview verify --expect-head and --expect-heads, exit 1', async () => {
    const { path, reviewId, head, heads } = await noted();
    const headsFile = join(tempDir(), 'heads.json');
    const printed = await runCli(['head', '--json', '--workspace', path]);
    expect(printed.code).toBe(0);
    writeFileSync(headsFile, printed.out);
    expect(printed.json()).toEqual(heads);

    const before = await runCli(['verify', '--expect-heads', headsFile, '--workspace', path]);
    expect(before.code).toBe(0);
    expect(before.out).toBe(
      `Intact: 2 review(s), ${LAST + 2} events, every hash chain verifies; every expected head (2) is on its chain.`,
    );

    const rewritten = rewriteKpe(path, reviewId);
    expect((await runCli(['verify', '--workspace', path])).code).toBe(0);
    for (const args of [
      ['--expect-head', `${reviewId}:${head.seq}:${head.hash}`],
      ['--expect-heads', headsFile],
    ]) {
      const run = await runCli(['verify', ...args, '--workspace', path]);
      expect(run.code).toBe(1);
      expect(run.stderr[0]).toBe('The hash chain does not verify:');
      expect(run.err).toContain(
        `review.${reviewId}.event.${LAST}: review ${reviewId} does not pass through the expected head: expected event ${LAST} with hash ${head.hash}, found hash ${rewritten}`,
      );
      // The other review was not touched and is not named.
      expect(run.err).not.toContain('R-OTHER');
    }
    // A bare hash, as copied from a report's metadata without the review.
    const bare = await runCli(['verify', '--expect-head', head.hash, '--workspace', path]);
    expect(bare.code).toBe(1);
    expect(bare.err).toContain("no review's log passes through the expected head (hash");
    expect(bare.err).toContain(`${reviewId} at event ${LAST}, hash ${rewritten}`);
  });
});

describe('a log cut back with its recorded head wound back', () => {
  it('verifies on its own, but not against the head noted before, which it no longer reaches', async () => {
    const { path, reviewId, head } = await noted();
    cutLast(path, reviewId);
    expect(await verifyAt(path)).toEqual([]);
    const issues = await verifyAt(path, undefined, {
      expectedHeads: [{ reviewId, seq: head.seq, hash: head.hash }],
    });
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'chain-head-unreached',
        path: ['review', reviewId, 'event', LAST],
      }),
    ]);
    expect(issues[0]?.message).toContain(
      `review ${reviewId} does not reach the expected head (event ${LAST} with hash ${head.hash}): its log ends now at event ${LAST - 1}`,
    );
    expect(issues[0]?.message).toContain(
      `Events after ${LAST - 1} were removed and the recorded head wound back`,
    );
    const run = await runCli([
      'verify',
      '--expect-head',
      `${reviewId}:${head.hash}`,
      '--workspace',
      path,
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`review ${reviewId} does not pass through the expected head`);
  });
});

describe('expected heads', () => {
  it('still hold after the log has grown past them', async () => {
    const { path, reviewId, head } = await noted();
    const { ws } = openTestWorkspace(path);
    await addFactor(ws, reviewId, { head: 'family', text: 'A later factor' });
    expect(await verifyAt(path, undefined, { expectedHeads: [{ hash: head.hash }] })).toEqual([]);
    expect(
      await verifyAt(path, reviewId, {
        expectedHeads: [{ reviewId, seq: head.seq, hash: head.hash }],
      }),
    ).toEqual([]);
  });

  it('are found in whichever review holds them, by the first 16 digits too', async () => {
    const { path, heads } = await noted();
    const other = heads.find((h) => h.review === 'R-OTHER');
    expect(
      await verifyAt(path, undefined, {
        expectedHeads: heads.map((h) => ({ hash: h.hash.slice(0, 16) })),
      }),
    ).toEqual([]);
    // Named with the wrong review, it is not found.
    const issues = await verifyAt(path, undefined, {
      expectedHeads: [{ reviewId: 'R-TEST01', hash: other?.hash ?? '' }],
    });
    expect(issues[0]?.code).toBe('chain-head-unreached');
  });

  it('name a review the workspace does not hold', async () => {
    const { path, head } = await noted();
    const issues = await verifyAt(path, undefined, {
      expectedHeads: [{ reviewId: 'R-NOPE01', hash: head.hash }],
    });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'chain-head-unreached', path: ['review', 'R-NOPE01'] }),
    ]);
    expect(issues[0]?.message).toContain('review R-NOPE01 is not in this workspace');
  });

  it('refuse a value that is not a head, or a heads file that is not one, naming it', async () => {
    const { path } = await noted();
    const dir = tempDir();
    const bad = await runCli(['verify', '--expect-head', 'abc123', '--workspace', path]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('"abc123" is not a head: give its hash (all 64 hex digits');
    writeFileSync(join(dir, 'heads.json'), JSON.stringify([{ review: 'R-TEST01', seq: 3 }]));
    const file = await runCli(['verify', '--expect-heads', 'heads.json', '--workspace', path], {
      cwd: dir,
    });
    expect(file.code).toBe(1);
    expect(file.err).toContain('heads.json.0.hash');
  });
});

describe('tunnelview head', () => {
  it('prints each review’s last event and full hash, as a table or as JSON', async () => {
    const { path, reviewId, heads } = await noted();
    expect(heads).toEqual([
      { review: 'R-OTHER', seq: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/), hashScheme: 2 },
      { review: reviewId, seq: LAST, hash: expect.stringMatching(/^[0-9a-f]{64}$/), hashScheme: 2 },
    ]);
    const one = await runCli(['head', '--review', reviewId, '--json', '--workspace', path]);
    expect(one.json()).toEqual(heads.filter((h) => h.review === reviewId));
    const table = await runCli(['head', '--workspace', path]);
    expect(table.code).toBe(0);
    expect(table.stdout[0]).toMatch(/^REVIEW\s+SEQ\s+HEAD HASH$/);
    expect(table.out).toContain(`${reviewId}`);
    expect(table.out).toContain(heads[1]?.hash);
  });

  it('refuses to give the head of a chain that does not verify', async () => {
    const { path, reviewId } = await noted();
    tamper(path, (db) =>
      db
        .prepare("UPDATE events SET actor = 'Mallory' WHERE review_id = ? AND seq = 5")
        .run(reviewId),
    );
    const run = await runCli(['head', '--workspace', path]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('The workspace failed its integrity check:');
    expect(run.err).toContain(`event 5 (`);
    const { ws } = openTestWorkspace(path);
    await expect(reviewHeads(ws)).rejects.toBeInstanceOf(IntegrityError);
  });
});
