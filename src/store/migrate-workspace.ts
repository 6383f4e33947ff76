/**
 * Workspace formats. Format 2: event hashes under scheme 2 (length-prefixed fields), a record of each
 * review's chain migration, and the table of seals. A format-1 workspace is migrated when it
 * is opened — only if every chain verifies under scheme 1, so a tampered log is never
 * laundered into a fresh chain — in one transaction, keeping each review's old head.
 * Format 3 adds the web workspace's accounts, roles, sessions and failed sign-ins.
 */
import type Database from 'better-sqlite3';
import { IntegrityError } from '../domain/errors.ts';
import { type Issue, issue } from '../domain/issue.ts';
import { GENESIS_HASH, type HashedFields, rechain, verifyChain } from './hash-chain.ts';

/** The tables format 2 adds to format 1, each append-only like the events. */
export const FORMAT_2_TABLES = `
CREATE TABLE chain_migrations (
  review_id TEXT NOT NULL,
  from_scheme INTEGER NOT NULL,
  to_scheme INTEGER NOT NULL,
  head_seq INTEGER NOT NULL,
  from_head_hash TEXT NOT NULL,
  to_head_hash TEXT NOT NULL,
  migrated_at TEXT NOT NULL,
  PRIMARY KEY (review_id, to_scheme)
) WITHOUT ROWID;
CREATE TRIGGER chain_migrations_append_only_update BEFORE UPDATE ON chain_migrations
BEGIN SELECT RAISE(ABORT, 'chain migrations are append-only'); END;
CREATE TRIGGER chain_migrations_append_only_delete BEFORE DELETE ON chain_migrations
BEGIN SELECT RAISE(ABORT, 'chain migrations are append-only'); END;
CREATE TABLE seals (
  id INTEGER PRIMARY KEY,
  review_id TEXT NOT NULL REFERENCES reviews(id),
  seq INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  hash_scheme INTEGER NOT NULL,
  sealed_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL,
  signature TEXT NOT NULL
);
CREATE INDEX seals_by_review ON seals (review_id, seq);
CREATE TRIGGER seals_append_only_update BEFORE UPDATE ON seals
BEGIN SELECT RAISE(ABORT, 'seals are append-only'); END;
CREATE TRIGGER seals_append_only_delete BEFORE DELETE ON seals
BEGIN SELECT RAISE(ABORT, 'seals are append-only'); END;
`;

/**
 * The tables format 3 adds to format 2: the web workspace's accounts, the roles each holds (on
 * one review, or with `review_id` NULL on every review), signed-in sessions (by the SHA-256 of
 * their token) and failed sign-in attempts (by the name tried, which need not be an account's).
 * Unlike the events, these change in place.
 */
export const FORMAT_3_TABLES = `
CREATE TABLE accounts (
  name TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_sign_in_at TEXT
) WITHOUT ROWID;
CREATE TABLE account_roles (
  id INTEGER PRIMARY KEY,
  account_name TEXT NOT NULL REFERENCES accounts(name) ON DELETE CASCADE,
  role TEXT NOT NULL,
  review_id TEXT REFERENCES reviews(id)
);
CREATE UNIQUE INDEX account_roles_once ON account_roles (account_name, role, coalesce(review_id, ''));
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_name TEXT NOT NULL REFERENCES accounts(name) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_account ON sessions (account_name);
CREATE TABLE sign_in_failures (
  id INTEGER PRIMARY KEY,
  account_name TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_by_name ON sign_in_failures (account_name, at);
`;

/** Events are append-only: the store's schema and the migration (which lifts them to re-hash) share these. */
export const EVENT_TRIGGERS = `
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
`;

/** An events row as SQLite returns it. */
export interface EventRow {
  review_id: string;
  seq: number;
  type: string;
  payload: string;
  actor: string;
  at: string;
  prev_hash: string;
  hash: string;
}

/** A stored row under the field names the hash covers. */
export function hashedFields(row: EventRow): HashedFields & { hash: string } {
  return {
    reviewId: row.review_id,
    seq: row.seq,
    type: row.type,
    actor: row.actor,
    at: row.at,
    prevHash: row.prev_hash,
    payloadJson: row.payload,
    hash: row.hash,
  };
}

/**
 * Migrates a format-1 workspace to format 2, or refuses with every chain that does not verify
 * under scheme 1 (the file is then left exactly as it was). Safe when two processes open the
 * file at once: the second finds the work done.
 */
export function migrateToFormat2(db: Database.Database, file: string, migratedAt: string): void {
  db.transaction(() => {
    if ((db.pragma('user_version', { simple: true }) as number) >= 2) return;
    const reviews = db.prepare('SELECT id, head_seq, head_hash FROM reviews ORDER BY id').all() as {
      id: string;
      head_seq: number;
      head_hash: string;
    }[];
    const readRows = db.prepare('SELECT * FROM events WHERE review_id = ? ORDER BY seq');
    const orphans = db
      .prepare(
        'SELECT DISTINCT review_id FROM events WHERE review_id NOT IN (SELECT id FROM reviews)',
      )
      .all() as { review_id: string }[];
    const problems: Issue[] = orphans.map((o) => ({
      code: 'review-unregistered',
      path: ['review', o.review_id],
      message: `review ${o.review_id} has events but no entry in the workspace's list of reviews: the workspace was edited outside tunnelview`,
    }));
    const rehashed: { id: string; rows: (HashedFields & { hash: string })[]; hashes: string[] }[] =
      [];
    for (const review of reviews) {
      const rows = (readRows.all(review.id) as EventRow[]).map(hashedFields);
      const broken = verifyChain(rows, { seq: review.head_seq, hash: review.head_hash }, 1);
      if (broken.length > 0) problems.push(...broken);
      else rehashed.push({ id: review.id, rows, hashes: rechain(rows, 2) });
    }
    if (problems.length > 0) {
      throw new IntegrityError(
        problems.map((p) => ({
          ...p,
          message: `${p.message}; ${file} was not upgraded to the new hash scheme, since that would seal the damage into a fresh chain — restore the workspace from a backup or a bundle`,
        })),
      );
    }
    db.exec('DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete;');
    const setHashes = db.prepare(
      'UPDATE events SET prev_hash = ?, hash = ? WHERE review_id = ? AND seq = ?',
    );
    const setHead = db.prepare('UPDATE reviews SET head_hash = ? WHERE id = ?');
    db.exec(FORMAT_2_TABLES);
    const record = db.prepare(
      'INSERT INTO chain_migrations (review_id, from_scheme, to_scheme, head_seq, from_head_hash, to_head_hash, migrated_at) VALUES (?, 1, 2, ?, ?, ?, ?)',
    );
    for (const { id, rows, hashes } of rehashed) {
      rows.forEach((row, i) => {
        setHashes.run(i === 0 ? GENESIS_HASH : hashes[i - 1], hashes[i], id, row.seq);
      });
      const last = rows.at(-1);
      if (!last) continue;
      const head = hashes.at(-1) as string;
      setHead.run(head, id);
      record.run(id, last.seq, last.hash, head, migratedAt);
    }
    db.exec(EVENT_TRIGGERS);
    db.pragma('user_version = 2');
  }).immediate();
}

/**
 * Migrates a format-2 workspace to format 3 by adding the account tables; nothing already in the
 * file changes. A tunnelview that reads only format 2 then refuses the file, saying to upgrade.
 * Safe when two processes open the file at once: the second finds the work done.
 */
export function migrateToFormat3(db: Database.Database): void {
  db.transaction(() => {
    if ((db.pragma('user_version', { simple: true }) as number) >= 3) return;
    db.exec(FORMAT_3_TABLES);
    db.pragma('user_version = 3');
  }).immediate();
}

/**
 * A migrated review's log against what was recorded when it was re-hashed: its events up to
 * the head then must still hash, under scheme 1, to the head they had then. (Someone who can
 * rewrite the file can rewrite this record too; a head noted outside the workspace is the
 * stronger check.)
 */
export function checkMigrations(
  reviewId: string,
  migrations: readonly { from_scheme: number; head_seq: number; from_head_hash: string }[],
  events: readonly HashedFields[],
  schemeOneHashes: () => readonly string[],
): Issue[] {
  for (const m of migrations) {
    const now = events.length < m.head_seq ? undefined : schemeOneHashes()[m.head_seq - 1];
    if (now !== m.from_head_hash) {
      return [
        issue(
          'chain-migration-mismatch',
          ['review', reviewId, 'event', m.head_seq],
          `review ${reviewId}'s log was re-hashed from scheme ${m.from_scheme} at event ${m.head_seq}, when its head under scheme ${m.from_scheme} was ${m.from_head_hash}; its events up to ${m.head_seq} now give ${now ?? 'no such event'}: they were altered after the migration`,
        ),
      ];
    }
  }
  return [];
}
