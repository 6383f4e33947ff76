/**
 * `account add|grant|revoke|list|remove|reset-password`: who may sign in to the web workspace,
 * and the roles each holds, on one review or on every review.
 */
import type { Command } from 'commander';
import type { Workspace } from '../../app/workspace.ts';
import type { AccountSummary } from '../../domain/account.ts';
import { ROLES } from '../../domain/roles.ts';
import { inCommandTerms, type Options, optionsOf } from '../command-kit.ts';
import { type CliEnvironment, withWorkspace } from '../context.ts';
import { printJson, printTable } from '../output.ts';
import { readLine } from '../read-stdin.ts';

const ROLE_HELP = `the role: ${ROLES.join(', ')}`;
const REVIEW_HELP = 'the review the role is held on (left out: every review in the workspace)';
const PASSWORD_STDIN_HELP =
  'read the password from the first line of standard input (left out: one is generated and printed once)';

type AccountOptions = Options & { role?: string; passwordStdin?: boolean };

/** Opens the workspace and runs one account use-case in the command's terms. */
async function inWorkspace<T>(
  env: CliEnvironment,
  command: Command,
  create: boolean,
  work: (ws: Workspace, o: AccountOptions) => Promise<T>,
): Promise<T> {
  const o = optionsOf(command) as AccountOptions;
  return withWorkspace(env, o, { create }, (ws) => inCommandTerms(command, () => work(ws, o)));
}

/** The password piped in with --password-stdin, or undefined to have one generated. */
async function passwordFrom(env: CliEnvironment, o: AccountOptions): Promise<string | undefined> {
  if (!o.passwordStdin) return undefined;
  return (env.readLine ?? (() => readLine()))();
}

function grantsInWords(
  account: AccountSummary,
  describe: (g: AccountSummary['grants'][number]) => string,
) {
  return account.grants.map(describe).join(', ') || 'no roles';
}

/** Prints a generated password the one time it can be seen, and how to hand it over. */
function printGenerated(env: CliEnvironment, name: string, password: string): void {
  env.output.out(`Password for ${name} (shown this once): ${password}`);
  env.output.out(
    `Pass it on safely: in person, or by another channel than the account name, and keep no copy; it cannot be shown again (a new one: tunnelview account reset-password ${name}).`,
  );
}

export function registerAccountCommands(program: Command, env: CliEnvironment): void {
  const account = program
    .command('account')
    .description('the accounts that may sign in to the web workspace, and their roles');

  account
    .command('add')
    .description('add an account holding a role on one review, or on every review')
    .argument('<name>', 'the account name, e.g. amara.okafor')
    .requiredOption('--role <role>', ROLE_HELP)
    .option('--review <id>', REVIEW_HELP)
    .option('--password-stdin', PASSWORD_STDIN_HELP)
    .addHelpText(
      'after',
      '\nExample:\n  tunnelview account add amara.okafor --role lead-reviewer\n  printf \'%s\\n\' "$PASSWORD" | tunnelview account add sam.reid --role observer --review R-7K2M9Q --password-stdin',
    )
    .action(async (name: string, _opts, command: Command) => {
      const { addAccount, describeGrant } = await import('../../app/accounts.ts');
      const o = optionsOf(command) as AccountOptions;
      const password = await passwordFrom(env, o);
      const added = await inWorkspace(env, command, true, (ws) =>
        addAccount(ws, { name, role: String(o.role), reviewId: o.review, password }),
      );
      if (o.json) return printJson(env.output, added);
      env.output.out(
        `Added account ${added.account.name}: ${grantsInWords(added.account, describeGrant)}.`,
      );
      if (added.generatedPassword) printGenerated(env, added.account.name, added.generatedPassword);
    });

  for (const [verb, description] of [
    ['grant', 'give an account another role, on one review or on every review'],
    ['revoke', 'take a role from an account (as granted: on that review, or on every review)'],
  ] as const) {
    account
      .command(verb)
      .description(description)
      .argument('<name>', 'the account name')
      .requiredOption('--role <role>', ROLE_HELP)
      .option('--review <id>', REVIEW_HELP)
      .addHelpText(
        'after',
        `\nExample:\n  tunnelview account ${verb} amara.okafor --role observer --review R-7K2M9Q`,
      )
      .action(async (name: string, _opts, command: Command) => {
        const accounts = await import('../../app/accounts.ts');
        const change = verb === 'grant' ? accounts.grantRole : accounts.revokeRole;
        const after = await inWorkspace(env, command, false, (ws, o) =>
          change(ws, name, { role: String(o.role), reviewId: o.review }),
        );
        if (optionsOf(command).json) return printJson(env.output, after);
        env.output.out(`${after.name} now holds ${grantsInWords(after, accounts.describeGrant)}.`);
      });
  }

  account
    .command('list')
    .description('every account, with its roles and when it last signed in')
    .addHelpText('after', '\nExample:\n  tunnelview account list --json')
    .action(async (_opts, command: Command) => {
      const { listAccounts, describeGrant } = await import('../../app/accounts.ts');
      const accounts = await inWorkspace(env, command, false, (ws) => listAccounts(ws));
      if (optionsOf(command).json) return printJson(env.output, accounts);
      printTable(
        env.output,
        accounts,
        [
          { header: 'NAME', value: (a) => a.name },
          { header: 'ROLES', value: (a) => grantsInWords(a, describeGrant), max: 100 },
          { header: 'CREATED', value: (a) => a.createdAt },
          { header: 'LAST SIGN-IN', value: (a) => a.lastSignInAt ?? 'never' },
        ],
        '(no accounts)',
      );
    });

  account
    .command('remove')
    .description('remove an account with its roles; anyone signed in as it is signed out')
    .argument('<name>', 'the account name')
    .addHelpText('after', '\nExample:\n  tunnelview account remove sam.reid')
    .action(async (name: string, _opts, command: Command) => {
      const { removeAccount } = await import('../../app/accounts.ts');
      const removed = await inWorkspace(env, command, false, (ws) => removeAccount(ws, name));
      if (optionsOf(command).json) return printJson(env.output, removed);
      env.output.out(`Removed account ${removed.name}; its sessions are ended.`);
    });

  account
    .command('reset-password')
    .description(
      'give an account a new password, ending its sessions and forgetting its failed sign-ins',
    )
    .argument('<name>', 'the account name')
    .option('--password-stdin', PASSWORD_STDIN_HELP)
    .addHelpText('after', '\nExample:\n  tunnelview account reset-password amara.okafor')
    .action(async (name: string, _opts, command: Command) => {
      const { resetPassword } = await import('../../app/accounts.ts');
      const o = optionsOf(command) as AccountOptions;
      const password = await passwordFrom(env, o);
      const reset = await inWorkspace(env, command, false, (ws) =>
        resetPassword(ws, name, password),
      );
      if (o.json) return printJson(env.output, reset);
      env.output.out(`New password set for ${reset.account.name}; its sessions are ended.`);
      if (reset.generatedPassword) {
        printGenerated(env, reset.account.name, reset.generatedPassword);
      }
    });
}
