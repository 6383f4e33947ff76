// The account command through the CLI: a password piped in on --password-stdin or generated and
// printed once, refusals worded in the command's own terms (NAME, --role, --review,
// --password-stdin) with nothing changed, and `account list --json` without any hash.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, workspaceWithReview } from '../helpers/workspace.ts';

const PASSWORD = 'Fenwick Vale lantern 42';

async function workspace() {
  const { path, store } = await workspaceWithReview();
  await store.close();
  return path;
}

function cli(path: string, args: string[], stdin?: string) {
  return runCli([...args, '--workspace', path], stdin === undefined ? {} : { stdin });
}

describe('tunnelview account', () => {
  it('adds an account with a password read from stdin, and lists it without its hash', async () => {
    const path = await workspace();
    const added = await cli(
      path,
      ['account', 'add', 'amara.okafor', '--role', 'lead-reviewer', '--password-stdin'],
      `${PASSWORD}\nthe rest is not read\n`,
    );
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(added.out).toBe('Added account amara.okafor: lead-reviewer on every review.');
    const granted = await cli(path, [
      'account',
      'grant',
      'amara.okafor',
      '--role',
      'observer',
      '--review',
      'r-test01',
    ]);
    expect(granted.out).toBe(
      'amara.okafor now holds lead-reviewer on every review, observer on R-TEST01.',
    );
    const listed = await cli(path, ['account', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(listed.json()).toEqual([
      {
        name: 'amara.okafor',
        grants: [{ role: 'lead-reviewer' }, { role: 'observer', reviewId: 'R-TEST01' }],
        createdAt: expect.any(String),
      },
    ]);
    expect(listed.out).not.toMatch(/scrypt|hash/i);
    const table = await cli(path, ['account', 'list']);
    expect(table.stdout[1]).toMatch(
      /^amara\.okafor {2}lead-reviewer on every review, observer on R-TEST01 {2}\S+ {2}never$/,
    );
    const disk = Buffer.concat(
      [path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f)),
    );
    expect(disk.includes(Buffer.from(PASSWORD))).toBe(false);
    // The piped password signs in (the web workspace's use-case).
    const { signIn } = await import('../../src/app/accounts.ts');
    const { openTestWorkspace } = await import('../helpers/workspace.ts');
    const signed = await signIn(openTestWorkspace(path).ws, 'amara.okafor', PASSWORD, new Date());
    expect(signed.account.name).toBe('amara.okafor');
  });

  it('prints a generated password once, with how to pass it on', async () => {
    const path = await workspace();
    const added = await cli(path, ['account', 'add', 'sam.reid', '--role', 'observer']);
    expect(added.code).toBe(0);
    const password = /shown this once\): (\S+)$/.exec(added.stdout[1] ?? '')?.[1] ?? '';
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(added.out.split(password)).toHaveLength(2);
    expect(added.stdout[2]).toContain('Pass it on safely');
    const reset = await cli(path, ['account', 'reset-password', 'sam.reid']);
    const next = /shown this once\): (\S+)$/.exec(reset.stdout[1] ?? '')?.[1] ?? '';
    expect(reset.stdout[0]).toBe('New password set for sam.reid; its sessions are ended.');
    expect(next).not.toBe(password);
    const json = await cli(path, ['account', 'reset-password', 'sam.reid', '--json']);
    expect(json.json()).toEqual({
      account: expect.objectContaining({ name: 'sam.reid' }),
      generatedPassword: expect.stringMatching(/^[a-z2-9-]{23}$/),
    });
  });

  it('refuses in the command’s terms, naming each option and its fix, and changes nothing', async () => {
    const path = await workspace();
    const bad = await cli(
      path,
      ['account', 'add', 'Amara', '--role', 'chair', '--review', 'R-NOPE', '--password-stdin'],
      'short\n',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr[0]).toBe('Refused; nothing was changed:');
    expect(bad.err).toContain('NAME: an account name is 2 to 64 lower-case letters');
    expect(bad.err).toContain('(e.g. amara.okafor)');
    expect(bad.err).toContain('--role: give one of the roles: lead-reviewer');
    expect(bad.err).toContain('--review: there is no review R-NOPE in');
    expect(bad.err).toContain('the reviews here are R-TEST01; say which with --review');
    expect(bad.err).toContain(
      '--password-stdin: the password is 5 characters long; it must have at least 12; choose a password of 12 to 1,024 characters',
    );
    expect(bad.err).toContain('or leave out --password-stdin to have one generated');
    expect(bad.err).not.toContain('short');

    await cli(path, ['account', 'add', 'amara.okafor', '--role', 'lead-reviewer']);
    const before = (await cli(path, ['account', 'list', '--json'])).out;
    const twice = await cli(path, ['account', 'add', 'amara.okafor', '--role', 'observer']);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain(
      'NAME: there is already an account amara.okafor; to give it another role, use: tunnelview account grant amara.okafor --role ROLE',
    );
    const revoke = await cli(path, ['account', 'revoke', 'amara.okafor', '--role', 'observer']);
    expect(revoke.err).toContain(
      '--role: amara.okafor does not hold observer on every review; it holds lead-reviewer on every review; see the accounts with: tunnelview account list',
    );
    const unknown = await cli(path, ['account', 'remove', 'nobody']);
    expect(unknown.err).toContain('NAME: there is no account nobody in');
    expect(unknown.err).toContain(
      'the accounts are amara.okafor; see the accounts with: tunnelview account list',
    );
    expect((await cli(path, ['account', 'list', '--json'])).out).toBe(before);
  });

  it('removes an account', async () => {
    const path = await workspace();
    await cli(path, ['account', 'add', 'amara.okafor', '--role', 'lead-reviewer']);
    const removed = await cli(path, ['account', 'remove', 'amara.okafor']);
    expect(removed.out).toBe('Removed account amara.okafor; its sessions are ended.');
    expect((await cli(path, ['account', 'list'])).out).toBe('(no accounts)');
  });
});
