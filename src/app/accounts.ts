/**
 * Accounts of the web workspace, and signing in: adding, granting and revoking roles, removing,
 * resetting passwords; server-side sessions (only each token's SHA-256 is kept) with idle and
 * absolute timeouts; and sign-in throttled per account name — not per address, since everyone in
 * a room behind one router shares one. The CLI and the server both call these.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { AccountName, type AccountSummary, PASSWORD_RULES } from '../domain/account.ts';
import { isRefusedCharacter } from '../domain/control-characters.ts';
import { ValidationError } from '../domain/errors.ts';
import type { Fix } from '../domain/fix.ts';
import { type Issue, issue } from '../domain/issue.ts';
import { Role, type RoleGrant } from '../domain/roles.ts';
import { issuesFromZod } from '../domain/zod-issues.ts';
import type { AccountRecord } from '../store/account-store.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import type { Workspace } from './workspace.ts';

export type { AccountSummary } from '../domain/account.ts';

/** A session ends after this long without a request… */
export const SESSION_IDLE_MINUTES = 60;
/** …and this long after signing in, whatever happens. */
export const SESSION_MAX_HOURS = 12;
/**
 * A session's last-seen time is written at most this often, so a page's burst of requests
 * costs one write, not one each; the idle timeout is counted from the time written.
 */
export const SESSION_TOUCH_SECONDS = 60;
/** Failed sign-ins for one name within the window, after which that name waits. */
export const SIGN_IN_THROTTLE = { failures: 5, windowMinutes: 15 } as const;

const MINUTE = 60_000;

export interface SignedIn {
  /** For the session cookie; shown once, never stored. */
  sessionToken: string;
  /** For every state-changing request of the session. */
  csrfToken: string;
  account: AccountSummary;
}

export interface ActiveSession {
  account: AccountSummary;
  csrfToken: string;
  /** When it ends if no request comes first (the idle timeout, capped by the absolute one). */
  expiresAt: string;
}

export interface NewAccount {
  name: string;
  role: string;
  /** The review the role is held on; left out, on every review in the workspace. */
  reviewId?: string | undefined;
  /** Left out: one is generated, and returned once. */
  password?: string | undefined;
}

export interface GrantInput {
  role: string;
  reviewId?: string | undefined;
}

function summary(record: AccountRecord): AccountSummary {
  return {
    name: record.name,
    grants: record.grants,
    createdAt: record.createdAt,
    ...(record.lastSignInAt === undefined ? {} : { lastSignInAt: record.lastSignInAt }),
  };
}

/** A grant in words: `observer on R-7K2M9Q`, `lead-reviewer on every review`. */
export function describeGrant(g: RoleGrant): string {
  return `${g.role} on ${g.reviewId ?? 'every review'}`;
}

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

const CHOOSE_PASSWORD: Fix = { kind: 'choose-password', ...PASSWORD_RULES };

/** What is wrong with a password someone chose; it is never quoted back. */
export function passwordIssues(password: string): Issue[] {
  const characters = [...password];
  const problem = (message: string) =>
    issue('password-unacceptable', ['password'], message, { fix: CHOOSE_PASSWORD });
  if (characters.length < PASSWORD_RULES.minLength) {
    return [
      problem(
        characters.length === 0
          ? 'no password was given'
          : `the password is ${characters.length} characters long; it must have at least ${PASSWORD_RULES.minLength}`,
      ),
    ];
  }
  if (characters.length > PASSWORD_RULES.maxLength) {
    return [
      problem(
        `the password is longer than ${PASSWORD_RULES.maxLength.toLocaleString('en-GB')} characters`,
      ),
    ];
  }
  const found: Issue[] = [];
  if (characters.every((c) => c === characters[0])) {
    found.push(problem('the password is one character repeated'));
  }
  if (characters.some((c) => c.length === 1 && isControl(c.charCodeAt(0)))) {
    found.push(
      problem(
        'the password holds a control character (a tab, a line break or another invisible character)',
      ),
    );
  }
  return found;
}

function isControl(code: number): boolean {
  return code === 0x09 || code === 0x0a || code === 0x0d || isRefusedCharacter(code);
}

function nameIssues(name: string): Issue[] {
  const parsed = AccountName.safeParse(name);
  return parsed.success ? [] : issuesFromZod(parsed.error, ['name'], { schema: AccountName });
}

function roleIssues(role: string): Issue[] {
  const parsed = Role.safeParse(role);
  return parsed.success ? [] : issuesFromZod(parsed.error, ['role'], { schema: Role });
}

/** The grant asked for, with its review id as stored (upper case). */
function grantOf(input: GrantInput): RoleGrant {
  const reviewId = input.reviewId?.trim().toUpperCase();
  return reviewId ? { role: input.role as Role, reviewId } : { role: input.role as Role };
}

/** The refusal for a review that is not in the workspace, naming those that are. */
async function reviewIssues(ws: Workspace, reviewId: string | undefined): Promise<Issue[]> {
  if (reviewId === undefined || (await ws.store.hasReview(reviewId))) return [];
  const known = (await ws.listReviews()).map((r) => r.id);
  const where = `there is no review ${reviewId} in ${ws.store.location}`;
  return [
    known.length > 0
      ? issue('review-unknown', ['review'], `${where}; the reviews here are ${known.join(', ')}`, {
          fix: { kind: 'choose-review', reviews: known },
        })
      : issue(
          'review-unknown',
          ['review'],
          `${where}; there are no reviews here yet, so the role can only be held on every review`,
          { fix: { kind: 'omit', field: 'review' } },
        ),
  ];
}

function refuseIf(issues: Issue[]): void {
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Names are matched without regard to case or surrounding spaces: `Amara.Okafor ` is `amara.okafor`. */
function normaliseName(name: string): string {
  return name.trim().toLowerCase();
}

async function requireAccount(ws: Workspace, name: string): Promise<AccountRecord> {
  const key = normaliseName(name);
  const found = await ws.accounts.account(key);
  if (found) return found;
  const known = (await ws.accounts.accounts()).map((a) => a.name);
  // A name no account could have is quoted, so whatever it holds shows as typed.
  const shown = AccountName.safeParse(key).success ? key : JSON.stringify(name);
  throw new ValidationError([
    issue(
      'account-unknown',
      ['name'],
      `there is no account ${shown} in ${ws.store.location}; ${
        known.length > 0 ? `the accounts are ${known.join(', ')}` : 'there are no accounts yet'
      }`,
      { fix: { kind: 'list-accounts' } },
    ),
  ]);
}

// ---------------------------------------------------------------------------
// Passwords and tokens
// ---------------------------------------------------------------------------

/** Letters and digits that cannot be mistaken for one another (no l, o, 0, 1): 32, so 5 bits each. */
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * A password to hand to someone once: four groups of five characters (100 random bits), easy
 * to read out and type, e.g. `k7m2q-x9p4t-h3wza-6rnve`.
 */
export function generatePassword(): string {
  const group = () =>
    Array.from({ length: 5 }, () => PASSWORD_ALPHABET[randomInt(32)] as string).join('');
  return [group(), group(), group(), group()].join('-');
}

/** A session or CSRF token: 32 random bytes, base64url (43 characters). */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** What the store keeps of a session token: its SHA-256, so a copy of the file signs nobody in. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A hash in the stored form that no password was hashed to: an unknown name is checked against
 * it, so that a wrong name takes as long to refuse as a wrong password.
 */
const NO_ACCOUNT_HASH =
  'scrypt$15$8$3$dHVubmVsdmlldy1uby1hY2M$bm8tYWNjb3VudC1oYXMtdGhpcy1oYXNoLWF0LWFsbC0';

// ---------------------------------------------------------------------------
// Managing accounts
// ---------------------------------------------------------------------------

/**
 * Adds an account holding one role, on one review or on every review. With no password given,
 * one is generated and returned — the only time it can be seen.
 */
export async function addAccount(
  ws: Workspace,
  input: NewAccount,
): Promise<{ account: AccountSummary; generatedPassword?: string }> {
  const name = input.name.trim();
  const grant = grantOf(input);
  refuseIf([
    ...nameIssues(name),
    ...roleIssues(input.role),
    ...(await reviewIssues(ws, grant.reviewId)),
    ...(input.password === undefined ? [] : passwordIssues(input.password)),
  ]);
  const taken = () =>
    new ValidationError([
      issue('account-exists', ['name'], `there is already an account ${name}`, {
        fix: { kind: 'grant-role', account: name },
      }),
    ]);
  if (await ws.accounts.account(name)) throw taken();
  const password = input.password ?? generatePassword();
  const record = {
    name,
    passwordHash: await hashPassword(password),
    createdAt: ws.clock().toISOString(),
    grants: [grant],
  };
  if (!(await ws.accounts.addAccount(record))) throw taken();
  return {
    account: summary(record),
    ...(input.password === undefined ? { generatedPassword: password } : {}),
  };
}

/** Gives an account one more role, on one review or on every review. */
export async function grantRole(
  ws: Workspace,
  name: string,
  input: GrantInput,
): Promise<AccountSummary> {
  const grant = grantOf(input);
  refuseIf([...roleIssues(input.role), ...(await reviewIssues(ws, grant.reviewId))]);
  const account = await requireAccount(ws, name);
  if (!(await ws.accounts.addGrant(account.name, grant))) {
    throw new ValidationError([
      issue(
        'nothing-to-change',
        ['role'],
        `${account.name} already holds ${describeGrant(grant)}`,
        { fix: { kind: 'list-accounts' } },
      ),
    ]);
  }
  return summary({ ...account, grants: [...account.grants, grant] });
}

/** Takes one role (as granted: on that review, or on every review) from an account. */
export async function revokeRole(
  ws: Workspace,
  name: string,
  input: GrantInput,
): Promise<AccountSummary> {
  const grant = grantOf(input);
  refuseIf(roleIssues(input.role));
  const account = await requireAccount(ws, name);
  if (!(await ws.accounts.removeGrant(account.name, grant))) {
    const held = account.grants.map(describeGrant).join(', ') || 'no roles';
    throw new ValidationError([
      issue(
        'role-not-held',
        ['role'],
        `${account.name} does not hold ${describeGrant(grant)}; it holds ${held}`,
        { fix: { kind: 'list-accounts' } },
      ),
    ]);
  }
  const same = (g: RoleGrant) => g.role === grant.role && g.reviewId === grant.reviewId;
  return summary({ ...account, grants: account.grants.filter((g) => !same(g)) });
}

/** Every account, by name, with its roles — never a password hash. */
export async function listAccounts(ws: Workspace): Promise<AccountSummary[]> {
  return (await ws.accounts.accounts()).map(summary);
}

/** Removes an account, its roles and its sessions (anyone signed in as it is signed out). */
export async function removeAccount(ws: Workspace, name: string): Promise<AccountSummary> {
  const account = await requireAccount(ws, name);
  await ws.accounts.removeAccount(account.name);
  return summary(account);
}

/**
 * Gives an account a new password — the one given, or a generated one returned once — ending
 * its sessions and forgetting its failed sign-ins.
 */
export async function resetPassword(
  ws: Workspace,
  name: string,
  password?: string,
): Promise<{ account: AccountSummary; generatedPassword?: string }> {
  if (password !== undefined) refuseIf(passwordIssues(password));
  const account = await requireAccount(ws, name);
  const chosen = password ?? generatePassword();
  await ws.accounts.setPasswordHash(account.name, await hashPassword(chosen));
  return {
    account: summary(account),
    ...(password === undefined ? { generatedPassword: chosen } : {}),
  };
}

// ---------------------------------------------------------------------------
// Signing in and sessions
// ---------------------------------------------------------------------------

/** The one refusal for a wrong name or a wrong password, so neither tells which accounts exist. */
function signInFailed(): ValidationError {
  return new ValidationError([
    issue(
      'sign-in-failed',
      ['password'],
      'the account name or the password is wrong; check both and sign in again',
    ),
  ]);
}

export interface SignInOptions {
  /** The session this sign-in replaces (the browser's old cookie): it is ended. */
  replacing?: string | undefined;
}

/**
 * Signs in: checks the password and starts a new session (never reusing one, so a token
 * planted before sign-in is worthless after it). After 5 failed attempts for a name within
 * 15 minutes, that name is refused — even with the right password — until the oldest of them
 * is 15 minutes old; other names are not affected.
 */
export async function signIn(
  ws: Workspace,
  name: string,
  password: string,
  now: Date,
  options: SignInOptions = {},
): Promise<SignedIn> {
  const key = normaliseName(String(name));
  const given = String(password);
  // No password that long was ever accepted; a shorter stand-in is checked, to take as long.
  const tooLong =
    given.length > 2 * PASSWORD_RULES.maxLength || [...given].length > PASSWORD_RULES.maxLength;
  const tried = tooLong ? given.slice(0, PASSWORD_RULES.maxLength) : given;
  // A name no account can have is never counted (it cannot be locked out), but is checked as long.
  if (AccountName.safeParse(key).success) {
    const { windowMinutes, failures } = SIGN_IN_THROTTLE;
    const since = new Date(now.getTime() - windowMinutes * MINUTE).toISOString();
    const claim = await ws.accounts.claimAttempt(key, now.toISOString(), since, failures);
    if (!claim.admitted) {
      const freed = Date.parse(claim.attempts[claim.attempts.length - failures] as string);
      const minutes = Math.max(
        1,
        Math.ceil((freed + windowMinutes * MINUTE - now.getTime()) / MINUTE),
      );
      throw new ValidationError([
        issue(
          'sign-in-throttled',
          ['name'],
          `there have been ${failures} failed sign-ins as ${key} within ${windowMinutes} minutes; sign-in as ${key} is paused for ${minutes} minute${minutes === 1 ? '' : 's'}`,
          { fix: { kind: 'wait', minutes } },
        ),
      ]);
    }
  }
  const account = AccountName.safeParse(key).success ? await ws.accounts.account(key) : undefined;
  const matches = await verifyPassword(tried, account?.passwordHash ?? NO_ACCOUNT_HASH);
  if (!account || !matches || tooLong) throw signInFailed();
  const sessionToken = newToken();
  const csrfToken = newToken();
  const at = now.toISOString();
  const replacing =
    options.replacing !== undefined && TOKEN_SHAPE.test(options.replacing)
      ? tokenHash(options.replacing)
      : undefined;
  await ws.accounts.startSession(
    {
      tokenHash: tokenHash(sessionToken),
      accountName: account.name,
      csrfToken,
      createdAt: at,
      lastSeenAt: at,
    },
    replacing,
  );
  return { sessionToken, csrfToken, account: summary({ ...account, lastSignInAt: at }) };
}

/**
 * The session a token stands for, or undefined when there is none, or it has been idle for
 * over 60 minutes, or it began over 12 hours ago (then it is ended). A live session is marked
 * as seen now (written when the last mark is a minute old or more).
 */
export async function sessionFor(
  ws: Workspace,
  sessionToken: string,
  now: Date,
): Promise<ActiveSession | undefined> {
  if (typeof sessionToken !== 'string' || !TOKEN_SHAPE.test(sessionToken)) return undefined;
  const hash = tokenHash(sessionToken);
  const session = await ws.accounts.session(hash);
  if (!session) return undefined;
  const t = now.getTime();
  const ends = Math.min(
    Date.parse(session.lastSeenAt) + SESSION_IDLE_MINUTES * MINUTE,
    Date.parse(session.createdAt) + SESSION_MAX_HOURS * 60 * MINUTE,
  );
  if (t > ends) {
    await ws.accounts.endSession(hash);
    return undefined;
  }
  const account = await ws.accounts.account(session.accountName);
  if (!account) return undefined;
  let seen = Date.parse(session.lastSeenAt);
  if (t - seen >= SESSION_TOUCH_SECONDS * 1000) {
    seen = t;
    await ws.accounts.touchSession(hash, now.toISOString());
  }
  const expiresAt = Math.min(
    seen + SESSION_IDLE_MINUTES * MINUTE,
    Date.parse(session.createdAt) + SESSION_MAX_HOURS * 60 * MINUTE,
  );
  return {
    account: summary(account),
    csrfToken: session.csrfToken,
    expiresAt: new Date(expiresAt).toISOString(),
  };
}

/** Ends the session a token stands for (nothing happens for an unknown one). */
export async function signOut(ws: Workspace, sessionToken: string): Promise<void> {
  if (typeof sessionToken !== 'string' || !TOKEN_SHAPE.test(sessionToken)) return;
  await ws.accounts.endSession(tokenHash(sessionToken));
}
