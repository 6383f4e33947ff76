/**
 * The seam between the account use-cases and wherever accounts, their roles, sessions and
 * failed sign-ins are kept: the workspace's SQLite file today, a shared PostgreSQL store later.
 * Asynchronous for that reason. The store keeps what it is given; the rules (password policy,
 * timeouts, throttling) live in the use-cases. It holds no password and no session token:
 * only a password's hash and a token's SHA-256.
 */
import type { RoleGrant } from '../domain/roles.ts';

/** An account as stored. */
export interface AccountRecord {
  name: string;
  /** Self-describing (`scrypt$15$8$3$salt$hash`), so the parameters can change. */
  passwordHash: string;
  createdAt: string;
  lastSignInAt?: string;
  /** Oldest first. */
  grants: RoleGrant[];
}

/** A signed-in session as stored: the token itself is never kept, only its SHA-256. */
export interface SessionRecord {
  /** SHA-256 of the session token, hex. */
  tokenHash: string;
  accountName: string;
  /** Sent back with every change, so another site cannot make one for the signed-in account. */
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}

/** Whether a sign-in attempt may go ahead, and the attempts already counted against the name. */
export interface AttemptClaim {
  admitted: boolean;
  /** When each failed attempt still in the window was made, oldest first (the new one included when admitted). */
  attempts: string[];
}

export interface AccountStore {
  account(name: string): Promise<AccountRecord | undefined>;
  /** Every account, by name. */
  accounts(): Promise<AccountRecord[]>;
  /** Adds an account with its first grants; false (and nothing written) when the name is taken. */
  addAccount(account: Omit<AccountRecord, 'lastSignInAt'>): Promise<boolean>;
  /** Removes an account with its grants and sessions; false when there was none. */
  removeAccount(name: string): Promise<boolean>;
  /** Replaces the password hash and ends every session of the account, in one transaction. */
  setPasswordHash(name: string, passwordHash: string): Promise<void>;
  /** False when the account already holds that grant. */
  addGrant(name: string, grant: RoleGrant): Promise<boolean>;
  /** False when the account did not hold that grant. */
  removeGrant(name: string, grant: RoleGrant): Promise<boolean>;

  /**
   * Counts a sign-in attempt for `name` as failed until `clearAttempts` says otherwise, unless
   * `limit` attempts since `since` are counted already (then refused, and not counted). Claimed
   * atomically, so processes signing in at once cannot all slip under the limit. Attempts
   * before `since` are forgotten.
   */
  claimAttempt(name: string, at: string, since: string, limit: number): Promise<AttemptClaim>;
  /** Forgets the attempts counted against `name` (a successful sign-in, a new password). */
  clearAttempts(name: string): Promise<void>;

  /**
   * Records a sign-in: a new session, the account's last sign-in time, its failed attempts
   * forgotten, and the session it replaces (if any) ended — in one transaction.
   */
  startSession(session: SessionRecord, replacingTokenHash?: string): Promise<void>;
  session(tokenHash: string): Promise<SessionRecord | undefined>;
  touchSession(tokenHash: string, lastSeenAt: string): Promise<void>;
  endSession(tokenHash: string): Promise<void>;
}
