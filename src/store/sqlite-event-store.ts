/**
 * The workspace: one SQLite file (WAL) holding every review's hash-chained,
 * append-only event log. Triggers refuse UPDATE and DELETE on events, so only
 * someone editing the file behind tunnelview's back can change history — and
 * `verify` then finds it.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  ConcurrentChangeError,
  IntegrityError,
  InternalError,
  ValidationError,
} from '../domain/errors.ts';
import { type EventDraft, parseRecordedEvent, type ReviewEvent } from '../domain/events.ts';
import type { Fix } from '../domain/fix.ts';
import { type Issue, issue } from '../domain/issue.ts';
import type { AccountStore } from './account-store.ts';
import type {
  AppendMeta,
  ChainMigration,
  EventStore,
  ReviewExtras,
  ReviewHead,
  ReviewSummary,
  VerifyOptions,
} from './event-store.ts';
import { ExpectedHeadSearch } from './expected-heads.ts';
import {
  canonicalJson,
  GENESIS_HASH,
  HASH_SCHEME,
  hashEvent,
  rechain,
  verifyChain,
} from './hash-chain.ts';
import {
  checkMigrations,
  EVENT_TRIGGERS,
  type EventRow,
  FORMAT_2_TABLES,
  FORMAT_3_TABLES,
  hashedFields,
  migrateToFormat2,
  migrateToFormat3,
} from './migrate-workspace.ts';
import { createPrivateFile, workspaceNotPrivate } from './private-file.ts';
import { checkSeals, type Seal, type SealDraft, sealKeysByFingerprint } from './seal.ts';
import { SqliteAccountStore } from './sqlite-account-store.ts';
import {
  DEFAULT_BUSY_TIMEOUT_MS,
  isBusy,
  refusingAsUser,
  sqliteRefusal,
} from './sqlite-refusal.ts';

/** "TVEW": marks a SQLite file as a tunnelview workspace. */
const APPLICATION_ID = 0x54564557;
/**
 * 2: event hashes under scheme 2, chain migrations and seals; 3: accounts, roles, sessions and
 * failed sign-ins. Older formats are migrated on open — after which a tunnelview that reads only
 * an older format refuses the file, saying to upgrade.
 */
export const SCHEMA_VERSION = 3;

const SCHEMA = `
CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  model_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  head_seq INTEGER NOT NULL,
  head_hash TEXT NOT NULL
);
CREATE TABLE events (
  review_id TEXT NOT NULL REFERENCES reviews(id),
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (review_id, seq)
) WITHOUT ROWID;
${EVENT_TRIGGERS}`;

/** A row's columns under the event's field names, with its payload already read. */
function rowFields(row: EventRow, payload: unknown) {
  return {
    reviewId: row.review_id,
    seq: row.seq,
    type: row.type,
    payload,
    actor: row.actor,
    at: row.at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface OpenWorkspaceOptions {
  /** Create the file when it does not exist (commands that write); reads refuse instead. */
  create: boolean;
  /** How long to wait for another program to let go of the workspace before refusing. */
  busyTimeoutMs?: number;
  /** Told of what is wrong with the workspace but does not stop it being used (others may read it). */
  onWarning?: (warning: Issue) => void;
}

/** Another workspace file: the usual remedy for a path that is not one. */
const OTHER_WORKSPACE: Fix = { kind: 'give', field: 'workspace', purpose: 'use another workspace' };

function workspaceError(
  path: string,
  message: string,
  fix: Fix | undefined,
  cause?: unknown,
): ValidationError {
  const error = new ValidationError([
    issue('workspace-unusable', [path], message, fix ? { fix } : {}),
  ]);
  if (cause) error.cause = cause;
  return error;
}

/** Opens (or creates) the workspace file at `path`, refusing anything that is not one. */
export function openWorkspace(path: string, options: OpenWorkspaceOptions): SqliteEventStore {
  const file = resolve(path);
  const folder = dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw workspaceError(
      file,
      `the folder ${folder} does not exist; create it first (mkdir -p ${folder})`,
      OTHER_WORKSPACE,
    );
  }
  const exists = existsSync(file);
  if (exists && statSync(file).isDirectory()) {
    throw workspaceError(file, `${file} is a folder, not a workspace file; name a file in it`, {
      kind: 'give',
      field: 'workspace',
      example: `${file}/tunnelview.db`,
    });
  }
  if (!exists && !options.create) {
    throw workspaceError(
      file,
      `there is no workspace at ${file}; create a review there first, or name the workspace that holds the review`,
      { kind: 'create-review', workspace: path },
    );
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  // Looked at before SQLite adds a -wal and -shm of its own, which go when it closes.
  const warning = exists ? workspaceNotPrivate(file) : undefined;
  let db: Database.Database;
  try {
    // Created private before SQLite opens it; SQLite gives its -wal and -shm the same mode.
    if (!exists) createPrivateFile(file);
    db = new Database(file, { timeout: busyTimeoutMs });
  } catch (cause) {
    const refusal = sqliteRefusal(file, cause, busyTimeoutMs);
    if (refusal) throw refusal;
    throw workspaceError(
      file,
      `${file} could not be opened: ${(cause as Error).message}`,
      OTHER_WORKSPACE,
      cause,
    );
  }
  try {
    refusingAsUser(file, busyTimeoutMs, () => prepareSchema(db, file));
  } catch (error) {
    db.close();
    throw error;
  }
  if (warning) options.onWarning?.(warning);
  return new SqliteEventStore(db, file, busyTimeoutMs);
}

function prepareSchema(db: Database.Database, file: string): void {
  let appId: number;
  let tables: number;
  try {
    // Read together, from one snapshot, while another program may be creating the workspace.
    [appId, tables] = db.transaction((): [number, number] => [
      db.pragma('application_id', { simple: true }) as number,
      (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n,
    ])();
  } catch (cause) {
    if (isBusy(cause)) throw cause;
    throw workspaceError(
      file,
      `${file} is not a workspace: it is not a SQLite database, or it is corrupt (${(cause as Error).message}); restore the file from a backup or a bundle`,
      OTHER_WORKSPACE,
      cause,
    );
  }
  if (appId === 0 && tables === 0) {
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      // Another program may have made it a workspace since it was read above.
      if ((db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n > 0) {
        return;
      }
      db.exec(SCHEMA);
      db.exec(FORMAT_2_TABLES);
      db.exec(FORMAT_3_TABLES);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  } else if (appId !== APPLICATION_ID) {
    throw workspaceError(
      file,
      `${file} is a SQLite database of another application, not a workspace`,
      OTHER_WORKSPACE,
    );
  } else {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw workspaceError(
        file,
        `${file} was written by a newer tunnelview (workspace format ${version}, this one reads ${SCHEMA_VERSION}); upgrade tunnelview`,
        undefined,
      );
    }
    db.pragma('journal_mode = WAL');
    if (version < SCHEMA_VERSION) migrate(db, file);
  }
  // NORMAL in WAL mode survives a crash of the process; only a power cut can
  // lose the last commits, and the hash chain stays consistent either way.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

// Runs inside prepareSchema, whose caller turns a busy or read-only file into a user's refusal.
function migrate(db: Database.Database, file: string): void {
  migrateToFormat2(db, file, new Date().toISOString());
  migrateToFormat3(db);
}

interface SealRow {
  id: number;
  review_id: string;
  seq: number;
  head_hash: string;
  hash_scheme: number;
  sealed_at: string;
  actor: string;
  key_fingerprint: string;
  signature: string;
}

function sealOf(r: SealRow): Seal {
  return {
    id: r.id,
    reviewId: r.review_id,
    seq: r.seq,
    headHash: r.head_hash,
    hashScheme: r.hash_scheme,
    sealedAt: r.sealed_at,
    actor: r.actor,
    keyFingerprint: r.key_fingerprint,
    signature: r.signature,
  };
}

export class SqliteEventStore implements EventStore {
  private readonly statements;
  private accountStore: SqliteAccountStore | undefined;

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
    /** How long SQLite waits for another writer (better-sqlite3's `timeout`), for the refusal to say. */
    private readonly busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS,
  ) {
    this.statements = {
      listReviews: db.prepare(
        'SELECT id, title, model_id, created_at, head_seq FROM reviews ORDER BY created_at, id',
      ),
      head: db.prepare('SELECT head_seq, head_hash FROM reviews WHERE id = ?'),
      events: db.prepare('SELECT * FROM events WHERE review_id = ? AND seq > ? ORDER BY seq'),
      insertReview: db.prepare(
        'INSERT INTO reviews (id, title, model_id, created_at, head_seq, head_hash) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      updateHead: db.prepare(
        'UPDATE reviews SET head_seq = ?, head_hash = ?, title = coalesce(?, title) WHERE id = ?',
      ),
      insertEvent: db.prepare(
        'INSERT INTO events (review_id, seq, type, payload, actor, at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      reviewIds: db.prepare('SELECT id, head_seq, head_hash FROM reviews ORDER BY id'),
      eventReviewIds: db.prepare('SELECT DISTINCT review_id FROM events ORDER BY review_id'),
      eventAt: db.prepare(
        'SELECT seq, type, actor, at FROM events WHERE review_id = ? AND seq = ?',
      ),
      eventHash: db.prepare('SELECT hash FROM events WHERE review_id = ? AND seq = ?'),
      migrations: db.prepare(
        'SELECT from_scheme, head_seq, from_head_hash, migrated_at FROM chain_migrations WHERE review_id = ? ORDER BY to_scheme',
      ),
      insertMigration: db.prepare(
        'INSERT INTO chain_migrations (review_id, from_scheme, to_scheme, head_seq, from_head_hash, to_head_hash, migrated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      seals: db.prepare('SELECT * FROM seals ORDER BY id'),
      reviewSeals: db.prepare('SELECT * FROM seals WHERE review_id = ? ORDER BY id'),
      insertSeal: db.prepare(
        'INSERT INTO seals (review_id, seq, head_hash, hash_scheme, sealed_at, actor, key_fingerprint, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  /** Runs store work, turning SQLite's refusals about the file into the user's to put right. */
  private guarded<T>(work: () => T): T {
    return refusingAsUser(this.location, this.busyTimeoutMs, work);
  }

  /** The workspace's accounts, roles, sessions and failed sign-ins, in the same file. */
  accounts(): AccountStore {
    this.accountStore ??= new SqliteAccountStore(this.db, (work) => this.guarded(work));
    return this.accountStore;
  }

  async listReviews(): Promise<ReviewSummary[]> {
    const rows = this.guarded(() => this.statements.listReviews.all()) as {
      id: string;
      title: string;
      model_id: string;
      created_at: string;
      head_seq: number;
    }[];
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      modelId: r.model_id,
      createdAt: r.created_at,
      events: r.head_seq,
    }));
  }

  async hasReview(reviewId: string): Promise<boolean> {
    return this.guarded(() => this.statements.head.get(reviewId)) !== undefined;
  }

  async readEvents(reviewId: string, afterSeq = 0): Promise<ReviewEvent[]> {
    const rows = this.guarded(() => this.statements.events.all(reviewId, afterSeq)) as EventRow[];
    return rows.map((row) => this.rowToEvent(row));
  }

  /**
   * Rows this version wrote are trusted on replay: every payload was parsed
   * with zod before it was appended, and the open checked the workspace's
   * application id and format version. Parsing 100,000 payloads again would
   * more than double replay time, so full parsing happens in `verify` and on
   * import instead. A row that is not even JSON is still caught here.
   */
  private rowToEvent(row: EventRow): ReviewEvent {
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch {
      throw new IntegrityError([
        issue(
          'event-unreadable',
          ['review', row.review_id, 'event', row.seq],
          `event ${row.seq} of review ${row.review_id} is not valid JSON; the workspace was damaged`,
          { fix: { kind: 'verify' } },
        ),
      ]);
    }
    return rowFields(row, payload) as ReviewEvent;
  }

  /** Parses a stored row in full with the event schemas: the check `verify` adds to the chain. */
  private checkRowSchema(row: EventRow): Issue | undefined {
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch {
      payload = undefined;
    }
    const parsed = parseRecordedEvent(rowFields(row, payload));
    if (parsed.success) return undefined;
    return issue(
      'event-invalid',
      ['review', row.review_id, 'event', row.seq],
      `event ${row.seq} (${row.type}) of review ${row.review_id} does not match its schema (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}); the workspace was damaged or written by another version`,
    );
  }

  async append(
    reviewId: string,
    expectedSeq: number,
    drafts: readonly EventDraft[],
    meta: AppendMeta,
  ): Promise<ReviewEvent[]> {
    if (drafts.length === 0) return [];
    return this.guarded(() => this.appendNow(reviewId, expectedSeq, drafts, meta));
  }

  private appendNow(
    reviewId: string,
    expectedSeq: number,
    drafts: readonly EventDraft[],
    meta: AppendMeta,
  ): ReviewEvent[] {
    // IMMEDIATE: the write lock is taken before the head is read, so SQLite can
    // wait for another writer (busy timeout) instead of failing on the upgrade.
    const write = this.db.transaction(() => {
      const head = this.statements.head.get(reviewId) as
        | { head_seq: number; head_hash: string }
        | undefined;
      const actualSeq = head?.head_seq ?? 0;
      if (actualSeq !== expectedSeq) {
        const first = this.statements.eventAt.get(reviewId, expectedSeq + 1) as
          | { seq: number; type: string; actor: string; at: string }
          | undefined;
        throw new ConcurrentChangeError(reviewId, expectedSeq, actualSeq, first);
      }
      let prevHash = head?.head_hash ?? GENESIS_HASH;
      let seq = actualSeq;
      let title: string | null = null;
      const written: ReviewEvent[] = [];
      for (const draft of drafts) {
        seq += 1;
        const payloadJson = canonicalJson(draft.payload);
        const fields = {
          reviewId,
          seq,
          type: draft.type,
          actor: meta.actor,
          at: meta.at,
          prevHash,
          payloadJson,
        };
        const hash = hashEvent(fields);
        if (draft.type === 'review.created') {
          if (seq !== 1) throw new InternalError('review.created must be the first event');
          this.statements.insertReview.run(
            reviewId,
            draft.payload.title,
            draft.payload.modelId,
            draft.payload.createdAt,
            0,
            GENESIS_HASH,
          );
        } else if (seq === 1) {
          throw new InternalError(`review ${reviewId} does not exist`);
        }
        if (draft.type === 'review.updated' && draft.payload.changes.title) {
          title = draft.payload.changes.title;
        }
        this.statements.insertEvent.run(
          reviewId,
          seq,
          draft.type,
          payloadJson,
          meta.actor,
          meta.at,
          prevHash,
          hash,
        );
        written.push({ ...draft, reviewId, seq, actor: meta.actor, at: meta.at, prevHash, hash });
        prevHash = hash;
      }
      this.statements.updateHead.run(seq, prevHash, title, reviewId);
      return written;
    });
    return write.immediate();
  }

  async insertReview(events: readonly ReviewEvent[], extras: ReviewExtras = {}): Promise<void> {
    const first = events[0];
    if (first?.type !== 'review.created') {
      throw new InternalError('a review log must start with review.created');
    }
    const last = events.at(-1) as ReviewEvent;
    let title = first.payload.title;
    const insert = this.db.transaction(() => {
      this.statements.insertReview.run(
        first.reviewId,
        title,
        first.payload.modelId,
        first.payload.createdAt,
        0,
        GENESIS_HASH,
      );
      for (const e of events) {
        if (e.type === 'review.updated' && e.payload.changes.title) title = e.payload.changes.title;
        this.statements.insertEvent.run(
          e.reviewId,
          e.seq,
          e.type,
          canonicalJson(e.payload),
          e.actor,
          e.at,
          e.prevHash,
          e.hash,
        );
      }
      this.statements.updateHead.run(last.seq, last.hash, title, first.reviewId);
      const { migration, seals = [] } = extras;
      if (migration) {
        const migrated = events.find((e) => e.seq === migration.seq);
        if (!migrated)
          throw new InternalError(`no event ${migration.seq} to record a migration at`);
        this.statements.insertMigration.run(
          first.reviewId,
          migration.fromScheme,
          HASH_SCHEME,
          migration.seq,
          migration.fromHeadHash,
          migrated.hash,
          migration.migratedAt,
        );
      }
      for (const seal of seals) this.insertSeal(seal);
    });
    this.guarded(() => insert.immediate());
  }

  async verify(reviewId?: string, options: VerifyOptions = {}): Promise<Issue[]> {
    return this.guarded(() => this.verifyNow(reviewId, options));
  }

  private verifyNow(reviewId?: string, options: VerifyOptions = {}): Issue[] {
    const heads = new Map(
      (
        this.statements.reviewIds.all() as { id: string; head_seq: number; head_hash: string }[]
      ).map((r) => [r.id, { seq: r.head_seq, hash: r.head_hash }]),
    );
    const expected = new ExpectedHeadSearch(options.expectedHeads ?? []);
    const sealKeys = options.sealKeys && sealKeysByFingerprint(options.sealKeys);
    const ids = reviewId
      ? [...new Set([reviewId, ...expected.reviewIds()])].filter(
          (id) => id === reviewId || heads.has(id),
        )
      : [
          ...new Set([
            ...heads.keys(),
            ...(this.statements.eventReviewIds.all() as { review_id: string }[]).map(
              (r) => r.review_id,
            ),
          ]),
        ].sort();
    const issues: Issue[] = [];
    for (const [done, id] of ids.entries()) {
      options.onReview?.(done, ids.length);
      // Read raw rows in stored (rowid-free, key) order: the chain is checked
      // on exactly what is on disk, before any parsing.
      const rows = this.statements.events.all(id, 0) as EventRow[];
      const head = heads.get(id);
      if (!head) {
        issues.push(
          issue(
            'review-unregistered',
            ['review', id],
            `review ${id} has events but no entry in the workspace's list of reviews: the workspace was edited outside tunnelview`,
          ),
        );
        continue;
      }
      const fields = rows.map(hashedFields);
      const broken = this.checkReview(rows, fields, head);
      const migrations = this.migrationRows(id);
      // The hashes the log had under scheme 1, up to where it was re-hashed: worked out once,
      // and only for a review that was migrated.
      let earlier: string[] | undefined;
      const schemeOne = () => {
        earlier ??= rechain(fields.slice(0, Math.max(...migrations.map((m) => m.head_seq))), 1);
        return earlier;
      };
      issues.push(
        ...(broken.length > 0 ? broken : checkMigrations(id, migrations, fields, schemeOne)),
      );
      expected.visit(id, fields, migrations.length > 0 ? schemeOne : undefined);
      const seals = (this.statements.reviewSeals.all(id) as SealRow[]).map(sealOf);
      issues.push(...checkSeals(seals, fields, sealKeys));
    }
    const searched = new Map<string, { seq: number; hash: string }>();
    for (const id of ids) {
      const head = heads.get(id);
      if (head) searched.set(id, head);
    }
    issues.push(...expected.unreached(searched));
    return issues;
  }

  /** One review's chain against its recorded head, then (if it holds) every event's schema. */
  private checkReview(
    rows: readonly EventRow[],
    fields: ReturnType<typeof hashedFields>[],
    head: { seq: number; hash: string },
  ): Issue[] {
    const found = verifyChain(fields, head);
    if (found.length > 0) return found;
    for (const row of rows) {
      const invalid = this.checkRowSchema(row);
      if (invalid) return [invalid];
    }
    return [];
  }

  private migrationRows(id: string) {
    return this.statements.migrations.all(id) as {
      from_scheme: number;
      head_seq: number;
      from_head_hash: string;
      migrated_at: string;
    }[];
  }

  async heads(): Promise<ReviewHead[]> {
    const rows = this.statements.reviewIds.all() as {
      id: string;
      head_seq: number;
      head_hash: string;
    }[];
    return rows.map((r) => ({
      reviewId: r.id,
      seq: r.head_seq,
      hash: r.head_hash,
      hashScheme: HASH_SCHEME,
    }));
  }

  async migrations(reviewId: string): Promise<ChainMigration[]> {
    return this.migrationRows(reviewId).map((m) => ({
      fromScheme: 1,
      seq: m.head_seq,
      fromHeadHash: m.from_head_hash,
      migratedAt: m.migrated_at,
    }));
  }

  async addSeal(seal: SealDraft): Promise<Seal> {
    return this.guarded(() =>
      this.db.transaction(() => sealOf({ ...this.insertSeal(seal) })).immediate(),
    );
  }

  private insertSeal(seal: SealDraft): SealRow {
    const at = this.statements.eventHash.get(seal.reviewId, seal.seq) as
      | { hash: string }
      | undefined;
    if (at?.hash !== seal.headHash) {
      throw new InternalError(
        `a seal of review ${seal.reviewId} names event ${seal.seq} with hash ${seal.headHash}, which is not on its chain`,
      );
    }
    const { lastInsertRowid } = this.statements.insertSeal.run(
      seal.reviewId,
      seal.seq,
      seal.headHash,
      seal.hashScheme,
      seal.sealedAt,
      seal.actor,
      seal.keyFingerprint,
      seal.signature,
    );
    return {
      id: Number(lastInsertRowid),
      review_id: seal.reviewId,
      seq: seal.seq,
      head_hash: seal.headHash,
      hash_scheme: seal.hashScheme,
      sealed_at: seal.sealedAt,
      actor: seal.actor,
      key_fingerprint: seal.keyFingerprint,
      signature: seal.signature,
    };
  }

  async seals(reviewId?: string): Promise<Seal[]> {
    const rows = (
      reviewId ? this.statements.reviewSeals.all(reviewId) : this.statements.seals.all()
    ) as SealRow[];
    return rows.map(sealOf);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
