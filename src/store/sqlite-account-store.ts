/**
 * Accounts, roles, sessions and failed sign-ins in the workspace's own SQLite file, over the
 * event store's connection (format 3 tables; see `migrate-workspace.ts`). Every write is one
 * transaction, so a refusal or a crash leaves the accounts as they were.
 */
import type Database from 'better-sqlite3';
import type { Role, RoleGrant } from '../domain/roles.ts';
import type { AccountRecord, AccountStore, AttemptClaim, SessionRecord } from './account-store.ts';

interface AccountRow {
  name: string;
  password_hash: string;
  created_at: string;
  last_sign_in_at: string | null;
}

interface GrantRow {
  account_name: string;
  role: Role;
  review_id: string | null;
}

interface SessionRow {
  token_hash: string;
  account_name: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}

function grantOf(r: GrantRow): RoleGrant {
  return r.review_id === null ? { role: r.role } : { role: r.role, reviewId: r.review_id };
}

export class SqliteAccountStore implements AccountStore {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    /** Runs store work, turning SQLite's refusals about the file into the user's to put right. */
    private readonly guarded: <T>(work: () => T) => T = (work) => work(),
  ) {
    this.statements = {
      account: db.prepare('SELECT * FROM accounts WHERE name = ?'),
      accounts: db.prepare('SELECT * FROM accounts ORDER BY name'),
      grants: db.prepare(
        'SELECT account_name, role, review_id FROM account_roles WHERE account_name = ? ORDER BY id',
      ),
      allGrants: db.prepare('SELECT account_name, role, review_id FROM account_roles ORDER BY id'),
      insertAccount: db.prepare(
        'INSERT INTO accounts (name, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING',
      ),
      deleteAccount: db.prepare('DELETE FROM accounts WHERE name = ?'),
      setHash: db.prepare('UPDATE accounts SET password_hash = ? WHERE name = ?'),
      setSignedIn: db.prepare('UPDATE accounts SET last_sign_in_at = ? WHERE name = ?'),
      insertGrant: db.prepare(
        "INSERT INTO account_roles (account_name, role, review_id) VALUES (?, ?, ?) ON CONFLICT (account_name, role, coalesce(review_id, '')) DO NOTHING",
      ),
      deleteGrant: db.prepare(
        'DELETE FROM account_roles WHERE account_name = ? AND role = ? AND review_id IS ?',
      ),
      forgetOldAttempts: db.prepare('DELETE FROM sign_in_failures WHERE at < ?'),
      attempts: db.prepare(
        'SELECT at FROM sign_in_failures WHERE account_name = ? AND at >= ? ORDER BY at, id',
      ),
      insertAttempt: db.prepare('INSERT INTO sign_in_failures (account_name, at) VALUES (?, ?)'),
      clearAttempts: db.prepare('DELETE FROM sign_in_failures WHERE account_name = ?'),
      insertSession: db.prepare(
        'INSERT INTO sessions (token_hash, account_name, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
      ),
      session: db.prepare('SELECT * FROM sessions WHERE token_hash = ?'),
      touchSession: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?'),
      endSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      endSessionsOf: db.prepare('DELETE FROM sessions WHERE account_name = ?'),
    };
  }

  private record(row: AccountRow, grants: GrantRow[]): AccountRecord {
    return {
      name: row.name,
      passwordHash: row.password_hash,
      createdAt: row.created_at,
      ...(row.last_sign_in_at === null ? {} : { lastSignInAt: row.last_sign_in_at }),
      grants: grants.map(grantOf),
    };
  }

  async account(name: string): Promise<AccountRecord | undefined> {
    return this.guarded(() =>
      this.db.transaction(() => {
        const row = this.statements.account.get(name) as AccountRow | undefined;
        return row && this.record(row, this.statements.grants.all(name) as GrantRow[]);
      })(),
    );
  }

  async accounts(): Promise<AccountRecord[]> {
    return this.guarded(() =>
      this.db.transaction(() => {
        const grants = new Map<string, GrantRow[]>();
        for (const g of this.statements.allGrants.all() as GrantRow[]) {
          grants.set(g.account_name, [...(grants.get(g.account_name) ?? []), g]);
        }
        return (this.statements.accounts.all() as AccountRow[]).map((row) =>
          this.record(row, grants.get(row.name) ?? []),
        );
      })(),
    );
  }

  async addAccount(account: Omit<AccountRecord, 'lastSignInAt'>): Promise<boolean> {
    return this.guarded(() =>
      this.db
        .transaction(() => {
          const { changes } = this.statements.insertAccount.run(
            account.name,
            account.passwordHash,
            account.createdAt,
          );
          if (changes === 0) return false;
          for (const g of account.grants) {
            this.statements.insertGrant.run(account.name, g.role, g.reviewId ?? null);
          }
          return true;
        })
        .immediate(),
    );
  }

  async removeAccount(name: string): Promise<boolean> {
    // Grants and sessions go with it (ON DELETE CASCADE).
    return this.guarded(() => this.statements.deleteAccount.run(name).changes > 0);
  }

  async setPasswordHash(name: string, passwordHash: string): Promise<void> {
    this.guarded(() =>
      this.db
        .transaction(() => {
          this.statements.setHash.run(passwordHash, name);
          this.statements.endSessionsOf.run(name);
          this.statements.clearAttempts.run(name);
        })
        .immediate(),
    );
  }

  async addGrant(name: string, grant: RoleGrant): Promise<boolean> {
    return this.guarded(
      () => this.statements.insertGrant.run(name, grant.role, grant.reviewId ?? null).changes > 0,
    );
  }

  async removeGrant(name: string, grant: RoleGrant): Promise<boolean> {
    return this.guarded(
      () => this.statements.deleteGrant.run(name, grant.role, grant.reviewId ?? null).changes > 0,
    );
  }

  async claimAttempt(
    name: string,
    at: string,
    since: string,
    limit: number,
  ): Promise<AttemptClaim> {
    return this.guarded(() =>
      this.db
        .transaction((): AttemptClaim => {
          this.statements.forgetOldAttempts.run(since);
          const attempts = (this.statements.attempts.all(name, since) as { at: string }[]).map(
            (r) => r.at,
          );
          if (attempts.length >= limit) return { admitted: false, attempts };
          this.statements.insertAttempt.run(name, at);
          return { admitted: true, attempts: [...attempts, at] };
        })
        .immediate(),
    );
  }

  async clearAttempts(name: string): Promise<void> {
    this.guarded(() => this.statements.clearAttempts.run(name));
  }

  async startSession(session: SessionRecord, replacingTokenHash?: string): Promise<void> {
    this.guarded(() =>
      this.db
        .transaction(() => {
          if (replacingTokenHash !== undefined) this.statements.endSession.run(replacingTokenHash);
          this.statements.insertSession.run(
            session.tokenHash,
            session.accountName,
            session.csrfToken,
            session.createdAt,
            session.lastSeenAt,
          );
          this.statements.setSignedIn.run(session.createdAt, session.accountName);
          this.statements.clearAttempts.run(session.accountName);
        })
        .immediate(),
    );
  }

  async session(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = this.guarded(() => this.statements.session.get(tokenHash)) as
      | SessionRow
      | undefined;
    return (
      row && {
        tokenHash: row.token_hash,
        accountName: row.account_name,
        csrfToken: row.csrf_token,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
      }
    );
  }

  async touchSession(tokenHash: string, lastSeenAt: string): Promise<void> {
    this.guarded(() => this.statements.touchSession.run(lastSeenAt, tokenHash));
  }

  async endSession(tokenHash: string): Promise<void> {
    this.guarded(() => this.statements.endSession.run(tokenHash));
  }
}
