/**
 * SQLite's refusals that are about the workspace file rather than the change
 * — another program holding its write lock, a read-only file, a full disk —
 * as the user's to put right (a ValidationError naming the file), never as a
 * fault of tunnelview's. Any other failure is left to surface as it is.
 */
import Database from 'better-sqlite3';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';

/** How long a command waits for another writer to let go of the workspace, by default. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** The refusal for a SQLite error about the file at `location`, or undefined for any other error. */
export function sqliteRefusal(
  location: string,
  error: unknown,
  waitedMs: number,
): ValidationError | undefined {
  if (!(error instanceof Database.SqliteError)) return undefined;
  let refusal: ValidationError;
  if (isBusy(error)) {
    refusal = new ValidationError([
      issue('workspace-busy', [location], 'the workspace is busy', {
        fix: { kind: 'try-again', waitedMs },
      }),
    ]);
  } else {
    const why = error.code.startsWith('SQLITE_READONLY')
      ? 'the file (or its folder) is read-only'
      : error.code === 'SQLITE_FULL'
        ? 'the disk is full'
        : undefined;
    if (!why) return undefined;
    refusal = new ValidationError([
      issue('workspace-unusable', [location], `${location} cannot be written: ${why}`),
    ]);
  }
  refusal.cause = error;
  return refusal;
}

/** Whether SQLite gave up waiting for another connection's lock. */
export function isBusy(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED'))
  );
}

/** Runs `work`, turning SQLite's refusals about the file into the user's to put right. */
export function refusingAsUser<T>(location: string, waitedMs: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw sqliteRefusal(location, error, waitedMs) ?? error;
  }
}
