// Workspace format 3 adds the account tables. A format-2 workspace (one written before accounts)
// is migrated when opened: its reviews and their hash chains are kept exactly, and it can hold
// accounts at once.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addAccount, listAccounts } from '../../src/app/accounts.ts';
import { SCHEMA_VERSION } from '../../src/store/sqlite-event-store.ts';
import {
  asFormatTwo,
  buildSampleReview,
  openTestWorkspace,
  runCli,
  SAMPLE_REVIEW_EVENTS,
  tamper,
  workspaceWithReview,
} from '../helpers/workspace.ts';

function format(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      tables: (
        db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
          name: string;
        }[]
      ).map((t) => t.name),
      events: db.prepare('SELECT review_id, seq, hash FROM events ORDER BY review_id, seq').all(),
      reviews: db.prepare('SELECT * FROM reviews ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}

describe('a format-2 workspace', () => {
  it('is migrated to format 3 on open, keeping its reviews and chains, and takes accounts', async () => {
    const { path, ws, store, reviewId } = await workspaceWithReview();
    await buildSampleReview(ws, reviewId);
    await store.close();
    tamper(path, asFormatTwo);
    const before = format(path);
    expect(before.version).toBe(2);
    expect(before.tables).not.toContain('accounts');

    const reopened = openTestWorkspace(path);
    const after = format(path);
    expect(SCHEMA_VERSION).toBe(3);
    expect(after.version).toBe(3);
    expect(after.tables).toEqual(
      [...before.tables, 'accounts', 'account_roles', 'sessions', 'sign_in_failures'].sort(),
    );
    expect(after.events).toEqual(before.events);
    expect(after.events).toHaveLength(1 + SAMPLE_REVIEW_EVENTS);
    expect(after.reviews).toEqual(before.reviews);
    expect(await reopened.store.verify()).toEqual([]);
    await addAccount(reopened.ws, {
      name: 'amara.okafor',
      role: 'review-team',
      reviewId,
      password: 'Fenwick Vale lantern 42',
    });
    expect((await listAccounts(reopened.ws))[0]?.grants).toEqual([
      { role: 'review-team', reviewId },
    ]);
    await reopened.store.close();

    const verified = await runCli(['verify', '--workspace', path]);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain(
      `Intact: 1 review(s), ${1 + SAMPLE_REVIEW_EVENTS} events, every hash chain verifies.`,
    );
    // Opening it again finds the work done.
    expect(format(path)).toEqual({ ...after, version: 3 });
  });
});
