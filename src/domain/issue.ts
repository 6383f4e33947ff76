/**
 * The one shape for everything a user must act on: validation problems,
 * unmet gates, gaps, lint flags, leaks. Modelled on zod's issue list.
 */
export interface Issue {
  /** Machine-readable kind, e.g. `unknown-factor-head`. */
  code: string;
  /** Where the problem is: a file, row, field or YAML path, outermost first. */
  path: (string | number)[];
  /** A sentence a reviewer understands, saying what is wrong and how to fix it. */
  message: string;
  /** Stable ids concerned (`KPE-3`, `F-2`), when there are any. */
  ids?: string[];
}

export function issue(code: string, path: Issue['path'], message: string, ids?: string[]): Issue {
  return ids && ids.length > 0 ? { code, path, message, ids } : { code, path, message };
}

/**
 * Renders an issue as one line: `path: message`. A message that already
 * starts with its location (model files give `file:line:col path`) is
 * printed as it is, so the location is not said twice.
 */
export function formatIssue(i: Issue): string {
  const first = i.path[0];
  if (i.path.length === 0 || (typeof first === 'string' && i.message.startsWith(`${first}:`))) {
    return i.message;
  }
  return `${i.path.join('.')}: ${i.message}`;
}
