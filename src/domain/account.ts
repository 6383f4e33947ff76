/**
 * Accounts of the web workspace: who may sign in, under which name, and the roles each holds.
 * Accounts belong to the workspace, not to a review, so they are not review events.
 */
import { z } from 'zod';
import type { RoleGrant } from './roles.ts';

/** The shape of an account name, said with an example. */
const NAME_RULE =
  'an account name is 2 to 64 lower-case letters, digits, ".", "-" or "_", starting with a letter (e.g. amara.okafor)';

export const AccountName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9._-]{1,63}$/, NAME_RULE);
export type AccountName = z.infer<typeof AccountName>;

/** An account as every front door shows it: never its password hash. */
export interface AccountSummary {
  name: string;
  grants: RoleGrant[];
  createdAt: string;
  lastSignInAt?: string;
}

/** What a password must be; the same numbers word the refusal and its fix. */
export const PASSWORD_RULES = { minLength: 12, maxLength: 1024 } as const;
