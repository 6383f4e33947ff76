/**
 * What every command needs: the workspace (from --workspace, TUNNELVIEW_WORKSPACE
 * or ./tunnelview.db) opened for the actor, and where output goes.
 */
import { existsSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Workspace } from '../app/workspace.ts';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { issueLine } from './exit-codes.ts';
import type { Output } from './output.ts';
import { BUSY_TIMEOUT_VARIABLE } from './word-fix.ts';

export const DEFAULT_WORKSPACE = 'tunnelview.db';

export interface CliEnvironment {
  output: Output;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Pinned in tests; the system clock otherwise. */
  clock?: () => Date;
  /** Whether stderr is a terminal a person watches (progress is shown there); false in tests. */
  interactive?: boolean;
  /** Reads one line of standard input (a password given with --password-stdin); given in tests. */
  readLine?: () => Promise<string>;
}

/** The options every command accepts (declared once on the root program). */
export interface GlobalOptions {
  workspace?: string;
  actor?: string;
  json?: boolean;
}

export function workspacePath(env: CliEnvironment, options: GlobalOptions): string {
  return resolve(env.cwd, options.workspace ?? env.env.TUNNELVIEW_WORKSPACE ?? DEFAULT_WORKSPACE);
}

export function actorName(env: CliEnvironment, options: GlobalOptions): string {
  if (options.actor) return options.actor;
  if (env.env.TUNNELVIEW_ACTOR) return env.env.TUNNELVIEW_ACTOR;
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** How long to wait for a busy workspace: $TUNNELVIEW_BUSY_TIMEOUT (milliseconds), or the default. */
export function busyTimeout(env: CliEnvironment): number | undefined {
  const given = env.env[BUSY_TIMEOUT_VARIABLE];
  if (given === undefined || given.trim() === '') return undefined;
  const ms = Number(given);
  if (!Number.isInteger(ms) || ms < 0) {
    throw new ValidationError([
      issue(
        'invalid-option',
        [BUSY_TIMEOUT_VARIABLE],
        `${JSON.stringify(given)} is not a number of milliseconds; give a whole number such as 5000`,
      ),
    ]);
  }
  return ms;
}

/**
 * Opens the workspace, runs `fn` with it, and closes it. Reading commands
 * pass `create: false` so a mistyped path is reported, not created.
 */
export async function withWorkspace<T>(
  env: CliEnvironment,
  options: GlobalOptions,
  mode: { create: boolean },
  fn: (ws: Workspace) => Promise<T>,
): Promise<T> {
  const path = workspacePath(env, options);
  const isNew = !existsSync(path);
  const { openWorkspaceFile } = await import('../app/open-workspace.ts');
  const busyTimeoutMs = busyTimeout(env);
  const ws = openWorkspaceFile(path, {
    create: mode.create,
    actor: actorName(env, options),
    ...(env.clock ? { clock: env.clock } : {}),
    ...(busyTimeoutMs !== undefined ? { busyTimeoutMs } : {}),
    onWarning: (warning) => env.output.err(`Warning: ${issueLine(warning)}`),
    ...(env.env.TUNNELVIEW_SEAL_KEY
      ? { sealKeyFile: resolve(env.cwd, env.env.TUNNELVIEW_SEAL_KEY) }
      : {}),
  });
  let succeeded = false;
  try {
    const result = await fn(ws);
    succeeded = true;
    return result;
  } finally {
    // A refused first command leaves no empty workspace behind — unless another
    // command created a review in it meanwhile.
    const leftEmpty = isNew && !succeeded && (await ws.listReviews().catch(() => [])).length === 0;
    await ws.close();
    if (leftEmpty) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    }
  }
}
