/**
 * The closed set of errors tunnelview throws. The CLI and the server map them
 * to exit codes and HTTP statuses in one place (see `cli/exit-codes.ts`).
 */
import { formatIssue, type Issue } from './issue.ts';

/** An error that carries the issues a user must act on; its message lists them. */
abstract class IssuesError extends Error {
  readonly issues: Issue[];

  constructor(issues: Issue[], summary?: string) {
    super(summary ?? issues.map(formatIssue).join('\n'));
    this.issues = issues;
  }
}

/** Bad input from a user: a file, an argument, a command the state forbids. */
export class ValidationError extends IssuesError {
  override readonly name = 'ValidationError';
}

/**
 * An edit based on a version of a record that has changed since (someone else saved first):
 * refused, carrying the record as it now stands so both versions can be shown side by side.
 */
export class EditConflictError extends IssuesError {
  override readonly name = 'EditConflictError';
  readonly current: object | undefined;

  constructor(issues: Issue[], current: object | undefined) {
    super(issues);
    this.current = current;
  }
}

/** A move the workflow does not allow now (unmet gates, unknown stage). */
export class WorkflowError extends IssuesError {
  override readonly name = 'WorkflowError';
}

/** A report could not be produced: no browser, a template fault, a PDF failure. */
export class RenderError extends Error {
  override readonly name = 'RenderError';
  readonly fix: string | undefined;

  constructor(message: string, options?: { cause?: unknown; fix?: string }) {
    super(message, { cause: options?.cause });
    this.fix = options?.fix;
  }
}

/** The store's integrity is broken: a hash chain that does not verify, an unreadable file. */
export class IntegrityError extends IssuesError {
  override readonly name = 'IntegrityError';
}

/** A fault in tunnelview itself; never the user's doing. */
export class InternalError extends Error {
  override readonly name = 'InternalError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { cause: options?.cause });
  }
}

/** The event another writer appended first, where this change meant to go. */
export interface WinningEvent {
  seq: number;
  type: string;
  actor: string;
  at: string;
}

/**
 * Another writer appended to the review between our read and our write. The
 * review service retries; the error reaches a user only when retries ran out,
 * naming the change that got in first.
 */
export class ConcurrentChangeError extends Error {
  override readonly name = 'ConcurrentChangeError';

  constructor(
    readonly reviewId: string,
    readonly expectedSeq: number,
    readonly actualSeq: number,
    readonly first?: WinningEvent,
  ) {
    const won = first
      ? `: event ${first.seq} (${first.type}, by ${first.actor} at ${first.at}) was written first`
      : '';
    super(
      `review ${reviewId} changed while this change was being made${won} (expected event ${expectedSeq}, found ${actualSeq})`,
    );
  }
}
