/**
 * The one way tunnelview writes a file that holds case material (a workspace,
 * a report, a chronology, a bundle, a map): readable and writable by its owner
 * alone (mode 0600), whatever the umask, and never half-written. The content
 * goes to a temporary file created 0600 beside the target, which is then
 * renamed over it — so an existing file that others could read is replaced by
 * a private one rather than keeping its old permissions.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type Issue, issue } from '../domain/issue.ts';

/** Owner read and write, nobody else anything. */
export const PRIVATE_MODE = 0o600;

/** The permission bits that let the file's group or everyone else at it. */
const OTHERS_BITS = 0o077;

/** A fresh name beside `file`, hidden, that no other writer picks. */
function tempBeside(file: string): string {
  return join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

type Content = string | Uint8Array;

/** Writes `content` to `file` with mode 0600, atomically (temp file, then rename). */
export async function writePrivateFile(file: string, content: Content): Promise<void> {
  const temp = tempBeside(file);
  try {
    // 'wx': the temp file is ours alone from the moment it exists.
    await writeFile(temp, content, { mode: PRIVATE_MODE, flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** `writePrivateFile` for the synchronous callers (a command printing a file it just wrote). */
export function writePrivateFileSync(file: string, content: Content): void {
  const temp = tempBeside(file);
  try {
    writeFileSync(temp, content, { mode: PRIVATE_MODE, flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Creates `file` empty with mode 0600 if it does not exist yet, so that a
 * program that then opens it (SQLite) writes into a private file — and makes
 * its own companion files (`-wal`, `-shm`) with the same permissions. A file
 * someone else created first is left as it is.
 */
export function createPrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', PRIVATE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * The warning for a workspace that others can open — its file, or the `-wal`
 * and `-shm` SQLite keeps beside it — naming those to make private; undefined
 * when it is the owner's alone.
 */
export function workspaceNotPrivate(file: string): Issue | undefined {
  const open = [file, `${file}-wal`, `${file}-shm`].filter((f) => othersAccess(f) !== 0);
  if (open.length === 0) return undefined;
  const who = open.some((f) => othersAccess(f) & 0o007)
    ? 'every user of this computer'
    : 'the members of its group';
  return issue(
    'workspace-not-private',
    [file],
    `${who} can open the workspace, and it holds case material`,
    { fix: { kind: 'make-private', files: open } },
  );
}

/** The permission bits of `file` that let others at it (0 for a private file or none at all). */
function othersAccess(file: string): number {
  try {
    return statSync(file).mode & OTHERS_BITS;
  } catch {
    return 0;
  }
}
