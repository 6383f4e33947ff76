// Hash scheme 2 and the move to it. Scheme 1 joined an event's fields with newlines, so two
// different events could hash alike; scheme 2 length-prefixes every field after a domain tag.
// A workspace written under scheme 1 (format 1) is migrated when opened — only if every chain
// verifies — keeping each review's old head, so anchors printed before can still be checked.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkBundle, exportBundle, storeBundle } from '../../src/app/bundle.ts';
import { addFactor } from '../../src/app/factors.ts';
import { createReview } from '../../src/app/reviews.ts';
import { IntegrityError } from '../../src/domain/errors.ts';
import { loadModel } from '../../src/model/load-model.ts';
import {
  canonicalJson,
  GENESIS_HASH,
  type HashedFields,
  hashEvent,
  hashEventV1,
  lengthPrefixed,
  rechain,
} from '../../src/store/hash-chain.ts';
import { openWorkspace } from '../../src/store/sqlite-event-store.ts';
import {
  asFormatTwo,
  buildSampleReview,
  openTestWorkspace,
  PINNED_TIME,
  rehashLog,
  runCli,
  SAMPLE_REVIEW_EVENTS,
  tamper,
  tempDir,
  tempWorkspacePath,
  workspaceWithReview,
} from '../helpers/workspace.ts';

const LAST = 1 + SAMPLE_REVIEW_EVENTS;

describe('hash scheme 2', () => {
  const event: HashedFields = {
    reviewId: 'R-1',
    seq: 7,
    type: 'kpe.added',
    actor: 'Dana Ilić',
    at: '2026-01-15T10:00:00.000Z',
    prevHash: GENESIS_HASH,
    payloadJson: canonicalJson({ title: 'Visit' }),
  };

  it('hashes a domain tag and every field as its UTF-8 byte length, a colon and its bytes', () => {
    const text = [
      'tunnelview-event-v2',
      'R-1',
      '7',
      'kpe.added',
      'Dana Ilić',
      '2026-01-15T10:00:00.000Z',
      GENESIS_HASH,
      '{"title":"Visit"}',
    ]
      .map((part) => `${Buffer.byteLength(part)}:${part}`)
      .join('');
    expect(text).toContain('10:Dana Ilić');
    expect(hashEvent(event)).toBe(createHash('sha256').update(text).digest('hex'));
    expect(lengthPrefixed(['a:b', ''])).toBe('3:a:b0:');
  });

  it('tells apart events whose fields scheme 1 could not, moving text across a boundary', () => {
    const one = { ...event, actor: 'Dana\n2026', at: '01-15' };
    const other = { ...event, actor: 'Dana', at: '2026\n01-15' };
    expect(hashEventV1(one)).toBe(hashEventV1(other));
    expect(hashEvent(one)).not.toBe(hashEvent(other));
  });
});

/**
 * A workspace as the format-1 code wrote it: the sample review and a second one, hashed under
 * scheme 1, without the tables format 2 added. Returns each review's scheme-1 head.
 */
async function formatOneWorkspace() {
  const path = tempWorkspacePath();
  const { ws, store, reviewId } = await workspaceWithReview(path);
  await buildSampleReview(ws, reviewId);
  await createReview(ws, { title: 'Another review', kind: 'scr' }, 'R-OTHER');
  await addFactor(ws, 'R-OTHER', { head: 'family', text: 'A factor of the other review' });
  await store.close();
  const heads: Record<string, string> = {};
  tamper(path, (db) => {
    asFormatTwo(db);
    db.exec('DROP TABLE chain_migrations; DROP TABLE seals;');
    heads[reviewId] = rehashLog(db, reviewId, 1);
    heads['R-OTHER'] = rehashLog(db, 'R-OTHER', 1);
    db.exec(`
      CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;`);
    db.pragma('user_version = 1');
  });
  return { path, reviewId, heads };
}

function rawEvents(path: string, reviewId: string) {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT * FROM events WHERE review_id = ? ORDER BY seq').all(reviewId) as {
      seq: number;
      type: string;
      actor: string;
      at: string;
      payload: string;
      prev_hash: string;
      hash: string;
    }[];
  } finally {
    db.close();
  }
}

function formatOf(path: string): { version: number; tables: string[] } {
  const db = new Database(path, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      tables: (
        db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
          name: string;
        }[]
      ).map((t) => t.name),
    };
  } finally {
    db.close();
  }
}

describe('opening a workspace written under scheme 1', () => {
  it('re-hashes every chain under scheme 2 and keeps each review’s old head', async () => {
    const { path, reviewId, heads } = await formatOneWorkspace();
    expect(formatOf(path)).toEqual({ version: 1, tables: ['events', 'reviews'] });
    const before = rawEvents(path, reviewId);
    expect(before.at(-1)?.hash).toBe(heads[reviewId]);

    const { store, ws } = openTestWorkspace(path);
    // Migrated through format 2 to the current format, 3, which adds the account tables.
    expect(formatOf(path)).toEqual({
      version: 3,
      tables: [
        'account_roles',
        'accounts',
        'chain_migrations',
        'events',
        'reviews',
        'seals',
        'sessions',
        'sign_in_failures',
      ],
    });
    expect(await store.verify()).toEqual([]);
    const after = rawEvents(path, reviewId);
    // The content is as it was; only the hashes changed, to scheme 2's.
    expect(after.map(({ hash: _h, prev_hash: _p, ...rest }) => rest)).toEqual(
      before.map(({ hash: _h, prev_hash: _p, ...rest }) => rest),
    );
    const expected = rechain(
      before.map((r) => ({ ...r, reviewId, prevHash: r.prev_hash, payloadJson: r.payload })),
      2,
    );
    expect(after.map((r) => r.hash)).toEqual(expected);
    expect((await store.heads()).find((h) => h.reviewId === reviewId)?.hash).toBe(expected.at(-1));
    expect(await store.migrations(reviewId)).toEqual([
      { fromScheme: 1, seq: LAST, fromHeadHash: heads[reviewId], migratedAt: expect.any(String) },
    ]);
    // The review carries on, under scheme 2.
    await addFactor(ws, reviewId, { head: 'family', text: 'After the migration' });
    expect(await store.verify()).toEqual([]);
  });

  it('still checks the anchor a report printed before: the first 16 digits of the old head', async () => {
    const { path, reviewId, heads } = await formatOneWorkspace();
    const oldAnchor = heads[reviewId]?.slice(0, 16) ?? '';
    const run = await runCli(['verify', '--expect-head', oldAnchor, '--workspace', path]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('every expected head (1) is on its chain');
    const withPlace = await runCli([
      'verify',
      '--expect-head',
      `${reviewId}:${LAST}:${heads[reviewId]}`,
      '--workspace',
      path,
    ]);
    expect(withPlace.code).toBe(0);
  });

  it('catches a rewrite after the migration, against the old anchor and the migration record', async () => {
    const { path, reviewId, heads } = await formatOneWorkspace();
    await openTestWorkspace(path).store.close();
    tamper(path, (db) => {
      db.prepare(
        "UPDATE events SET payload = json_set(payload, '$.whatHappened', 'Nothing of note happened.') WHERE review_id = ? AND type = 'kpe.added'",
      ).run(reviewId);
      rehashLog(db, reviewId);
    });
    const store = openWorkspace(path, { create: false });
    const issues = await store.verify(undefined, {
      expectedHeads: [{ hash: heads[reviewId]?.slice(0, 16) ?? '' }],
    });
    await store.close();
    expect(issues.map((i) => i.code)).toEqual(['chain-migration-mismatch', 'chain-head-unreached']);
    expect(issues[0]?.message).toContain(
      `review ${reviewId}'s log was re-hashed from scheme 1 at event ${LAST}, when its head under scheme 1 was ${heads[reviewId]}`,
    );
  });

  it('refuses to migrate a chain that does not verify, and leaves the file as it was', async () => {
    const { path, reviewId } = await formatOneWorkspace();
    tamper(path, (db) =>
      db
        .prepare("UPDATE events SET actor = 'Mallory' WHERE review_id = ? AND seq = 9")
        .run(reviewId),
    );
    const bytes = readFileSync(path);
    let error: unknown;
    try {
      openWorkspace(path, { create: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IntegrityError);
    const [found] = (error as IntegrityError).issues;
    expect(found).toMatchObject({
      code: 'chain-hash-mismatch',
      path: ['review', reviewId, 'event', 9],
    });
    expect(found?.message).toContain('was not upgraded to the new hash scheme');
    expect(found?.message).toContain('restore the workspace from a backup or a bundle');
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(formatOf(path).version).toBe(1);
    const run = await runCli(['verify', '--workspace', path]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`event 9 (`);
  });
});

describe('a bundle exported under scheme 1', () => {
  it('is checked under scheme 1, re-hashed on import, and keeps its old head', async () => {
    const source = await workspaceWithReview();
    await buildSampleReview(source.ws, source.reviewId);
    const bundle = await exportBundle(source.store, source.reviewId, PINNED_TIME);
    // The bundle as format-1 code exported it: version 1, scheme-1 hashes, no seals.
    const hashes = rechain(
      bundle.events.map((e) => ({ ...e, payloadJson: canonicalJson(e.payload) })),
      1,
    );
    const old = {
      format: 'tunnelview-bundle',
      version: 1,
      exportedAt: PINNED_TIME,
      reviewId: source.reviewId,
      head: { seq: LAST, hash: hashes.at(-1) },
      events: bundle.events.map((e, i) => ({
        ...e,
        prevHash: i === 0 ? GENESIS_HASH : hashes[i - 1],
        hash: hashes[i],
      })),
    };
    const file = join(tempDir(), 'old.bundle.json');
    writeFileSync(file, JSON.stringify(old));

    const target = openTestWorkspace();
    const checked = checkBundle(
      readFileSync(file, 'utf8'),
      'old.bundle.json',
      loadModel,
      PINNED_TIME,
    );
    await storeBundle(target.store, checked, 'old.bundle.json');
    expect(await target.store.verify()).toEqual([]);
    expect((await target.store.readEvents(source.reviewId)).map((e) => e.hash)).toEqual(
      bundle.events.map((e) => e.hash),
    );
    expect(await target.store.migrations(source.reviewId)).toEqual([
      { fromScheme: 1, seq: LAST, fromHeadHash: hashes.at(-1), migratedAt: PINNED_TIME },
    ]);
    // Exported again, the bundle carries the old head, and imports elsewhere intact.
    const again = await exportBundle(target.store, source.reviewId, PINNED_TIME);
    expect(again.migrations).toHaveLength(1);
    const third = openTestWorkspace();
    await storeBundle(
      third.store,
      checkBundle(JSON.stringify(again), 'again.json', loadModel),
      'again.json',
    );
    expect(
      await third.store.verify(undefined, { expectedHeads: [{ hash: hashes.at(-1) ?? '' }] }),
    ).toEqual([]);

    // A scheme-1 bundle edited by hand is refused under its own scheme.
    (old.events[5] as { actor: string }).actor = 'Mallory';
    writeFileSync(file, JSON.stringify(old));
    const refused = await runCli(['import', file, '--workspace', tempWorkspacePath()]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('was altered after it was written');
  });
});
