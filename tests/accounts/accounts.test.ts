// Accounts of the web workspace through the use-cases, on a real workspace file: adding with a
// chosen or generated password, every refusal naming its field and fix and changing nothing,
// roles on one review or on every review, sign-in throttled per name, server-side sessions with
// rotation and idle and absolute timeouts, and no password or session token on disk.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  addAccount,
  grantRole,
  listAccounts,
  removeAccount,
  resetPassword,
  revokeRole,
  sessionFor,
  signIn,
  signOut,
} from '../../src/app/accounts.ts';
import { hashPassword, verifyPassword } from '../../src/app/password-hash.ts';
import { createReview } from '../../src/app/reviews.ts';
import type { Workspace } from '../../src/app/workspace.ts';
import type { ValidationError } from '../../src/domain/errors.ts';
import {
  admits,
  CAN_ANALYSE,
  CAN_CREATE_REVIEW,
  CAN_READ,
  CAN_RUN_WORKFLOW,
  rolesOn,
} from '../../src/domain/roles.ts';
import { openTestWorkspace, refusal, workspaceWithReview } from '../helpers/workspace.ts';

const PASSWORD = 'Fenwick Vale lantern 42';
const T0 = new Date('2026-12-04T09:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

/** Everything a refusal must leave as it was: the accounts, their roles, sessions and attempts. */
function accountTables(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return ['accounts', 'account_roles', 'sessions', 'sign_in_failures'].map((t) =>
      db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all(),
    );
  } finally {
    db.close();
  }
}

/** Awaits the refusal of `action` and checks that nothing was written. */
async function refusedUnchanged(path: string, action: () => Promise<unknown>) {
  const before = accountTables(path);
  const error = await refusal(action);
  expect(accountTables(path)).toEqual(before);
  return error;
}

function only(error: ValidationError) {
  expect(error.issues).toHaveLength(1);
  return error.issues[0] as NonNullable<(typeof error.issues)[0]>;
}

/** Every byte the workspace has on disk: the file and its write-ahead log. */
function bytesOnDisk(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].filter(existsSync).map((file) => readFileSync(file)));
}

async function withAccount(ws: Workspace, name = 'amara.okafor') {
  await addAccount(ws, { name, role: 'lead-reviewer', password: PASSWORD });
}

describe('password hashing', () => {
  it('stores scrypt N=2^15 r=8 p=3 with a fresh salt, never the password, and verifies it', async () => {
    const started = performance.now();
    const one = await hashPassword(PASSWORD);
    const took = performance.now() - started;
    const two = await hashPassword(PASSWORD);
    console.log(`one scrypt hash (N=2^15, r=8, p=3): ${took.toFixed(0)} ms`);
    expect(one).toMatch(/^scrypt\$15\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(one).not.toBe(two);
    expect(one).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, one)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, one)).toBe(false);
  });
});

describe('addAccount', () => {
  it('adds an account with a chosen password; the file holds only its hash', async () => {
    const { ws, path, store } = openTestWorkspace();
    const { account, generatedPassword } = await addAccount(ws, {
      name: 'amara.okafor',
      role: 'lead-reviewer',
      password: PASSWORD,
    });
    expect(generatedPassword).toBeUndefined();
    expect(account).toEqual({
      name: 'amara.okafor',
      grants: [{ role: 'lead-reviewer' }],
      createdAt: '2026-01-15T10:00:00.000Z',
    });
    expect(JSON.stringify(await listAccounts(ws))).not.toContain('scrypt');
    const stored = await ws.accounts.account('amara.okafor');
    expect(stored?.passwordHash).not.toContain(PASSWORD);
    await store.close();
    const disk = bytesOnDisk(path);
    expect(disk.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(disk.includes(Buffer.from(stored?.passwordHash ?? '-'))).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('generates a password when none is given, returned once, that signs in', async () => {
    const { ws, path, store } = openTestWorkspace();
    const { generatedPassword } = await addAccount(ws, { name: 'sam.reid', role: 'observer' });
    expect(generatedPassword).toMatch(/^[a-km-np-z2-9]{5}(-[a-km-np-z2-9]{5}){3}$/);
    const signed = await signIn(ws, 'sam.reid', generatedPassword as string, T0);
    expect(signed.account.name).toBe('sam.reid');
    await store.close();
    expect(bytesOnDisk(path).includes(Buffer.from(generatedPassword as string))).toBe(false);
  });

  it('refuses a malformed name, an unknown role and an unknown review at once, naming each', async () => {
    const { ws, path } = await workspaceWithReview();
    const error = await refusedUnchanged(path, () =>
      addAccount(ws, {
        name: 'Amara Okafor',
        role: 'chair',
        reviewId: 'R-NOPE',
        password: PASSWORD,
      }),
    );
    expect(error.issues.map((i) => i.path)).toEqual([['name'], ['role'], ['review']]);
    expect(error.issues[0]?.message).toContain('e.g. amara.okafor');
    expect(error.issues[1]?.message).toContain('give one of the roles: lead-reviewer, review-team');
    expect(error.issues[2]).toMatchObject({
      code: 'review-unknown',
      fix: { kind: 'choose-review', reviews: ['R-TEST01'] },
    });
    expect(error.issues[2]?.message).toContain('the reviews here are R-TEST01');
  });

  it.each([
    ['too short', 'short one', 'the password is 9 characters long; it must have at least 12'],
    ['too long', `${'x'.repeat(1024)}y`, 'the password is longer than 1,024 characters'],
    ['one character repeated', 'aaaaaaaaaaaaaaaa', 'the password is one character repeated'],
    ['with a control character', 'lantern\tFenwick42', 'the password holds a control character'],
    ['empty', '', 'no password was given'],
  ])(
    'refuses a password %s, naming the field and the fix, never quoting it',
    async (_, password, message) => {
      const { ws, path } = openTestWorkspace();
      const error = await refusedUnchanged(path, () =>
        addAccount(ws, { name: 'amara.okafor', role: 'observer', password }),
      );
      const found = only(error);
      expect(found).toMatchObject({
        code: 'password-unacceptable',
        path: ['password'],
        fix: { kind: 'choose-password', minLength: 12, maxLength: 1024 },
      });
      expect(found.message).toContain(message);
      if (password) expect(found.message).not.toContain(password);
    },
  );

  it('refuses a name already taken, pointing at granting a role instead', async () => {
    const { ws, path } = openTestWorkspace();
    await withAccount(ws);
    const error = await refusedUnchanged(path, () =>
      addAccount(ws, { name: 'amara.okafor', role: 'observer', password: PASSWORD }),
    );
    expect(only(error)).toMatchObject({
      code: 'account-exists',
      path: ['name'],
      fix: { kind: 'grant-role', account: 'amara.okafor' },
    });
  });
});

describe('roles', () => {
  it('holds a role on one review, or on every review', async () => {
    const { ws } = await workspaceWithReview();
    await createReview(ws, { title: 'Another review', kind: 'scr' }, 'R-OTHER');
    await addAccount(ws, {
      name: 'dana.reid',
      role: 'review-team',
      reviewId: 'r-test01',
      password: PASSWORD,
    });
    await addAccount(ws, { name: 'kai.moss', role: 'partnership-manager', password: PASSWORD });
    const [dana, kai] = await listAccounts(ws);
    expect(dana?.grants).toEqual([{ role: 'review-team', reviewId: 'R-TEST01' }]);
    expect(admits(dana?.grants ?? [], CAN_ANALYSE, 'R-TEST01')).toBe(true);
    expect(admits(dana?.grants ?? [], CAN_ANALYSE, 'R-OTHER')).toBe(false);
    expect(admits(dana?.grants ?? [], CAN_READ, 'R-OTHER')).toBe(false);
    expect(admits(dana?.grants ?? [], CAN_CREATE_REVIEW)).toBe(false);
    expect(admits(kai?.grants ?? [], CAN_RUN_WORKFLOW, 'R-OTHER')).toBe(true);
    expect(admits(kai?.grants ?? [], CAN_CREATE_REVIEW)).toBe(true);
    expect(admits(kai?.grants ?? [], CAN_ANALYSE, 'R-TEST01')).toBe(false);

    const granted = await grantRole(ws, 'dana.reid', { role: 'observer', reviewId: 'R-OTHER' });
    expect(rolesOn(granted.grants, 'R-OTHER')).toEqual(['observer']);
    const revoked = await revokeRole(ws, 'dana.reid', {
      role: 'review-team',
      reviewId: 'R-TEST01',
    });
    expect(revoked.grants).toEqual([{ role: 'observer', reviewId: 'R-OTHER' }]);
    expect((await listAccounts(ws))[0]?.grants).toEqual(revoked.grants);
  });

  it('refuses a grant held already, a revoke of one not held and an unknown account, changing nothing', async () => {
    const { ws, path } = await workspaceWithReview();
    await withAccount(ws);
    const again = await refusedUnchanged(path, () =>
      grantRole(ws, 'amara.okafor', { role: 'lead-reviewer' }),
    );
    expect(only(again)).toMatchObject({ code: 'nothing-to-change', path: ['role'] });
    expect(again.message).toContain('amara.okafor already holds lead-reviewer on every review');
    // Held on every review is not held on one review: revoked as granted.
    const notHeld = await refusedUnchanged(path, () =>
      revokeRole(ws, 'amara.okafor', { role: 'lead-reviewer', reviewId: 'R-TEST01' }),
    );
    expect(only(notHeld)).toMatchObject({
      code: 'role-not-held',
      path: ['role'],
      fix: { kind: 'list-accounts' },
    });
    expect(notHeld.message).toContain(
      'does not hold lead-reviewer on R-TEST01; it holds lead-reviewer on every review',
    );
    const unknown = await refusedUnchanged(path, () =>
      grantRole(ws, 'nobody', { role: 'observer' }),
    );
    expect(only(unknown)).toMatchObject({
      code: 'account-unknown',
      path: ['name'],
      fix: { kind: 'list-accounts' },
    });
    expect(unknown.message).toContain('the accounts are amara.okafor');
    const badReview = await refusedUnchanged(path, () =>
      grantRole(ws, 'amara.okafor', { role: 'observer', reviewId: 'R-NOPE' }),
    );
    expect(only(badReview)).toMatchObject({ code: 'review-unknown', path: ['review'] });
  });
});

describe('signIn', () => {
  it('gives one identical refusal for a wrong password and an unknown name, each hashing', async () => {
    const { ws } = openTestWorkspace();
    await withAccount(ws);
    const wrong = await refusal(signIn(ws, 'amara.okafor', 'not the password', T0));
    const started = performance.now();
    const unknown = await refusal(signIn(ws, 'nobody.here', PASSWORD, T0));
    const took = performance.now() - started;
    expect(unknown.issues).toEqual(wrong.issues);
    expect(only(wrong)).toMatchObject({ code: 'sign-in-failed', path: ['password'] });
    expect(wrong.message).toContain('the account name or the password is wrong');
    // An unknown name is checked against a hash as long as a known one (scrypt takes ~250 ms).
    expect(took).toBeGreaterThan(50);
  });

  it('throttles one name after 5 failures in 15 minutes, even with the right password; others sign in', async () => {
    const { ws, path, store } = openTestWorkspace();
    await withAccount(ws);
    await withAccount(ws, 'sam.reid');
    for (let i = 0; i < 5; i++) {
      expect(only(await refusal(signIn(ws, 'amara.okafor', `wrong ${i}`, minutes(i)))).code).toBe(
        'sign-in-failed',
      );
    }
    const paused = await refusedUnchanged(path, () =>
      signIn(ws, 'Amara.Okafor', PASSWORD, minutes(5)),
    );
    expect(only(paused)).toMatchObject({
      code: 'sign-in-throttled',
      path: ['name'],
      fix: { kind: 'wait', minutes: 10 },
    });
    expect(paused.message).toContain('paused for 10 minutes');
    expect((await signIn(ws, 'sam.reid', PASSWORD, minutes(5))).account.name).toBe('sam.reid');

    // Stored, so it holds for another process (or after a restart).
    await store.close();
    const reopened = openTestWorkspace(path).ws;
    const later = await refusal(signIn(reopened, 'amara.okafor', PASSWORD, minutes(14.5)));
    expect(only(later).fix).toEqual({ kind: 'wait', minutes: 1 });
    // The first failure is 15 minutes old: one more attempt is allowed, and a success clears them.
    const signed = await signIn(reopened, 'amara.okafor', PASSWORD, minutes(15.01));
    expect(signed.account.lastSignInAt).toBe(minutes(15.01).toISOString());
    await refusal(signIn(reopened, 'amara.okafor', 'wrong again', minutes(16)));
    expect((await signIn(reopened, 'amara.okafor', PASSWORD, minutes(17))).account.name).toBe(
      'amara.okafor',
    );
  });

  it('counts a password’s length in characters: 600 emoji are accepted and sign in; 1,025 never do', async () => {
    const { ws } = openTestWorkspace();
    const emoji = '🔦🏮'.repeat(300);
    expect(emoji.length).toBe(1200);
    await addAccount(ws, { name: 'amara.okafor', role: 'observer', password: emoji });
    expect((await signIn(ws, 'amara.okafor', emoji, T0)).account.name).toBe('amara.okafor');
    const long = `${emoji}${'x'.repeat(425)}`;
    expect(only(await refusal(signIn(ws, 'amara.okafor', long, T0))).code).toBe('sign-in-failed');
  });

  it('throttles a name that is no account alike, so throttling tells nothing either', async () => {
    const { ws } = openTestWorkspace();
    for (let i = 0; i < 5; i++) await refusal(signIn(ws, 'nobody.here', `wrong ${i}`, T0));
    expect(only(await refusal(signIn(ws, 'nobody.here', PASSWORD, T0))).code).toBe(
      'sign-in-throttled',
    );
  });
});

describe('sessions', () => {
  it('keeps only the SHA-256 of a session token, and finds the session by the token', async () => {
    const { ws, path, store } = openTestWorkspace();
    await withAccount(ws);
    const signed = await signIn(ws, 'amara.okafor', PASSWORD, T0);
    expect(signed.sessionToken).toMatch(/^[\w-]{43}$/);
    expect(signed.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(signed.csrfToken).not.toBe(signed.sessionToken);
    const session = await sessionFor(ws, signed.sessionToken, minutes(10));
    expect(session).toEqual({
      account: { ...signed.account },
      csrfToken: signed.csrfToken,
      expiresAt: minutes(70).toISOString(),
    });
    const last = signed.sessionToken.at(-1) === 'A' ? 'B' : 'A';
    const other = `${signed.sessionToken.slice(0, 42)}${last}`;
    expect(await sessionFor(ws, other, minutes(10))).toBeUndefined();
    expect(await sessionFor(ws, 'not a token', minutes(10))).toBeUndefined();
    await store.close();
    const disk = bytesOnDisk(path);
    expect(disk.includes(Buffer.from(signed.sessionToken))).toBe(false);
    const hashed = createHash('sha256').update(signed.sessionToken).digest('hex');
    expect(disk.includes(Buffer.from(hashed))).toBe(true);
  });

  it('ends a session idle for over 60 minutes, and any session 12 hours after sign-in', async () => {
    const { ws } = openTestWorkspace();
    await withAccount(ws);
    const idle = await signIn(ws, 'amara.okafor', PASSWORD, T0);
    expect(await sessionFor(ws, idle.sessionToken, minutes(60))).toBeDefined();
    expect(await sessionFor(ws, idle.sessionToken, minutes(120))).toBeDefined();
    expect(await sessionFor(ws, idle.sessionToken, minutes(180.5))).toBeUndefined();
    // Ended for good: it does not come back at an earlier time.
    expect(await sessionFor(ws, idle.sessionToken, minutes(130))).toBeUndefined();

    const busy = await signIn(ws, 'amara.okafor', PASSWORD, minutes(200));
    let at = 200;
    for (; at + 50 <= 200 + 12 * 60; at += 50) {
      expect(await sessionFor(ws, busy.sessionToken, minutes(at + 50))).toBeDefined();
    }
    const last = await sessionFor(ws, busy.sessionToken, minutes(200 + 12 * 60));
    expect(last?.expiresAt).toBe(minutes(200 + 12 * 60).toISOString());
    expect(await sessionFor(ws, busy.sessionToken, minutes(200 + 12 * 60 + 1))).toBeUndefined();
  });

  it('marks a session as seen at most once a minute, and counts idleness from the mark', async () => {
    const { ws, path } = openTestWorkspace();
    await withAccount(ws);
    const signed = await signIn(ws, 'amara.okafor', PASSWORD, T0);
    const seen = () =>
      accountTables(path)[2]?.map((r) => (r as { last_seen_at: string }).last_seen_at);
    expect((await sessionFor(ws, signed.sessionToken, minutes(0.5)))?.expiresAt).toBe(
      minutes(60).toISOString(),
    );
    expect(seen()).toEqual([T0.toISOString()]);
    expect(await sessionFor(ws, signed.sessionToken, minutes(1))).toBeDefined();
    expect(seen()).toEqual([minutes(1).toISOString()]);
    expect(await sessionFor(ws, signed.sessionToken, minutes(61.5))).toBeUndefined();
  });

  it('starts a new session at every sign-in, ending the one it replaces', async () => {
    const { ws } = openTestWorkspace();
    await withAccount(ws);
    const first = await signIn(ws, 'amara.okafor', PASSWORD, T0);
    const second = await signIn(ws, 'amara.okafor', PASSWORD, minutes(1), {
      replacing: first.sessionToken,
    });
    expect(second.sessionToken).not.toBe(first.sessionToken);
    expect(second.csrfToken).not.toBe(first.csrfToken);
    expect(await sessionFor(ws, first.sessionToken, minutes(2))).toBeUndefined();
    expect(await sessionFor(ws, second.sessionToken, minutes(2))).toBeDefined();
    // Another browser's sign-in leaves this one signed in; signing out ends only its own.
    const third = await signIn(ws, 'amara.okafor', PASSWORD, minutes(3));
    await signOut(ws, second.sessionToken);
    expect(await sessionFor(ws, second.sessionToken, minutes(4))).toBeUndefined();
    expect(await sessionFor(ws, third.sessionToken, minutes(4))).toBeDefined();
  });

  it('ends the sessions of an account removed or given a new password', async () => {
    const { ws } = openTestWorkspace();
    await withAccount(ws);
    await withAccount(ws, 'sam.reid');
    const amara = await signIn(ws, 'amara.okafor', PASSWORD, T0);
    const sam = await signIn(ws, 'sam.reid', PASSWORD, T0);
    const { generatedPassword } = await resetPassword(ws, 'amara.okafor');
    expect(await sessionFor(ws, amara.sessionToken, minutes(1))).toBeUndefined();
    await refusal(signIn(ws, 'amara.okafor', PASSWORD, minutes(1)));
    await signIn(ws, 'amara.okafor', generatedPassword as string, minutes(2));
    expect(await resetPassword(ws, 'amara.okafor', 'a new lantern 2026')).toEqual({
      account: expect.objectContaining({ name: 'amara.okafor' }),
    });
    await removeAccount(ws, 'sam.reid');
    expect(await sessionFor(ws, sam.sessionToken, minutes(3))).toBeUndefined();
    expect((await listAccounts(ws)).map((a) => a.name)).toEqual(['amara.okafor']);
    const gone = await refusal(removeAccount(ws, 'sam.reid'));
    expect(only(gone).code).toBe('account-unknown');
  });
});
