/**
 * The one shape for everything a user must act on: validation problems,
 * unmet gates, gaps, lint flags, leaks. Modelled on zod's issue list. The
 * message says what is wrong in the review's own words; how to put it right
 * is data (`fix`), which each front door words its own way — the command line
 * names a command, the web app links to a page.
 */
import type { Fix } from './fix.ts';
import type { IssueCode } from './issue-codes.ts';

export interface Issue {
  /** Machine-readable kind, from a closed list (`issue-codes.ts`). */
  code: IssueCode;
  /** Where the problem is: a file, row, field or YAML path, outermost first. */
  path: (string | number)[];
  /** A sentence a reviewer understands: what is wrong, and what is expected. */
  message: string;
  /** Stable ids concerned (`KPE-3`, `F-2`), when there are any. */
  ids?: string[];
  /** What would put it right, for the front door to word. */
  fix?: Fix;
}

export function issue(
  code: IssueCode,
  path: Issue['path'],
  message: string,
  more: string[] | { ids?: string[]; fix?: Fix } = {},
): Issue {
  const { ids, fix } = Array.isArray(more) ? { ids: more, fix: undefined } : more;
  return {
    code,
    path,
    message,
    ...(ids && ids.length > 0 ? { ids } : {}),
    ...(fix ? { fix } : {}),
  };
}

/**
 * Renders an issue as one line: `path: message`. A message that already
 * starts with its location (model files give `file:line:col path`) is
 * printed as it is, so the location is not said twice.
 */
export function formatIssue(i: Pick<Issue, 'path' | 'message'>): string {
  const first = i.path[0];
  if (i.path.length === 0 || (typeof first === 'string' && i.message.startsWith(`${first}:`))) {
    return i.message;
  }
  return `${i.path.join('.')}: ${i.message}`;
}
