/**
 * The one place errors become exit codes and messages: 0 success, 1 the
 * user's input or a refused move (with what to fix), 2 a fault of ours.
 */
import { CommanderError } from 'commander';
import {
  ConcurrentChangeError,
  EditConflictError,
  IntegrityError,
  InternalError,
  RenderError,
  ValidationError,
  WorkflowError,
} from '../domain/errors.ts';
import { formatIssue, type Issue } from '../domain/issue.ts';
import { type FixContext, wordFix } from './word-fix.ts';

export const EXIT_OK = 0;
export const EXIT_USER_ERROR = 1;
export const EXIT_INTERNAL_ERROR = 2;

/**
 * An issue as the command line prints it: where, what, and the command or
 * option that fixes it (a message's closing full stop gives way to the fix).
 */
export function issueLine(i: Issue, context: FixContext = {}): string {
  return i.fix
    ? `${formatIssue(i).replace(/\.$/, '')}; ${wordFix(i.fix, context)}`
    : formatIssue(i);
}

/** Writes the error to `stderr` and returns the exit code for it. */
export function reportError(error: unknown, stderr: (line: string) => void): number {
  if (error instanceof ValidationError || error instanceof WorkflowError) {
    const heading = error instanceof WorkflowError ? 'Not allowed now' : 'Refused';
    stderr(`${heading}; nothing was changed:`);
    for (const i of error.issues) stderr(`  - ${issueLine(i)}`);
    return EXIT_USER_ERROR;
  }
  if (error instanceof EditConflictError) {
    stderr('Not saved; someone else changed it first, and nothing was changed:');
    for (const i of error.issues) stderr(`  - ${issueLine(i)}`);
    return EXIT_USER_ERROR;
  }
  if (error instanceof IntegrityError) {
    stderr('The workspace failed its integrity check:');
    for (const i of error.issues) stderr(`  - ${issueLine(i)}`);
    return EXIT_USER_ERROR;
  }
  if (error instanceof ConcurrentChangeError) {
    stderr(`Not saved: ${error.message}, and it kept changing; nothing was changed.`);
    stderr('Run the command again.');
    return EXIT_USER_ERROR;
  }
  if (error instanceof RenderError) {
    stderr(`Could not render: ${error.message}`);
    if (error.fix) stderr(`Fix: ${error.fix}`);
    return EXIT_USER_ERROR;
  }
  if (error instanceof CommanderError) {
    // Commander has already printed its message (unknown option, missing argument).
    return error.exitCode === 0 ? EXIT_OK : EXIT_USER_ERROR;
  }
  const internal = error instanceof InternalError ? error : undefined;
  stderr(`Internal error in tunnelview: ${(error as Error)?.message ?? String(error)}`);
  if (internal?.cause)
    stderr(`  caused by: ${String((internal.cause as Error).message ?? internal.cause)}`);
  stderr(
    'This is a fault in tunnelview, not in your input; please report it with the command you ran.',
  );
  if (process.env.TUNNELVIEW_DEBUG) stderr((error as Error)?.stack ?? '');
  return EXIT_INTERNAL_ERROR;
}
