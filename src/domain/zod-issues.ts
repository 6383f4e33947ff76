/** Turns zod's issues into ours, with messages a reviewer can act on. */
import type { z } from 'zod';
import { ValidationError } from './errors.ts';
import { type Issue, issue } from './issue.ts';
import type { SCHEMA_ISSUE_KINDS } from './issue-codes.ts';

// Messages follow the path when printed (`title: required, but not given`).
function describe(zi: z.core.$ZodIssue): string {
  if (zi.code === 'invalid_type' && /received undefined$/.test(zi.message)) {
    return 'required, but not given';
  }
  if (zi.code === 'invalid_type') {
    return `wrong type: ${zi.message.replace(/^Invalid input: /, '')}`;
  }
  if (zi.code === 'unrecognized_keys') {
    return `unknown field${zi.keys.length > 1 ? 's' : ''} ${zi.keys.map((k) => `"${k}"`).join(', ')}; check the spelling`;
  }
  return zi.message;
}

/** Our issues for a zod error, each path prefixed (e.g. with a file name or a command). */
export function issuesFromZod(error: z.ZodError, prefix: Issue['path'] = []): Issue[] {
  return error.issues.map((zi) => {
    const path = [...prefix, ...(zi.path as (string | number)[])];
    // zod's kinds map one to one onto ours: invalid_type → invalid-type.
    const code = zi.code.replaceAll('_', '-') as (typeof SCHEMA_ISSUE_KINDS)[number];
    return issue(code, path, describe(zi));
  });
}

/** Parses `input` with `schema`, or throws a ValidationError naming every problem. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: Issue['path'] = [],
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(issuesFromZod(result.error, prefix));
  return result.data;
}
