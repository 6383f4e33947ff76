/** Reads the text of a JSON file a person gives, refusing text that is not JSON in our words. */
import { ValidationError } from './errors.ts';
import { issue } from './issue.ts';
import type { IssueCode } from './issue-codes.ts';

/**
 * Parses `text`, or throws one issue at `fileName` with `code`: JSON's own complaint, then
 * `fix` (what to give instead).
 */
export function parseJsonText(
  text: string,
  fileName: string,
  code: IssueCode,
  fix: string,
): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ValidationError([
      issue(code, [fileName], `is not JSON (${(cause as Error).message}); ${fix}`),
    ]);
  }
}
