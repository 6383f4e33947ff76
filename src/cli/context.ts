/**
 * What every command needs: the workspace (from --workspace, TUNNELVIEW_WORKSPACE
 * or ./tunnelview.db), a review service over it, the actor's name and output.
 */
import { existsSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { loadModel } from '../model/load-model.ts';
import { ReviewService } from '../service/review-service.ts';
import type { EventStore } from '../store/event-store.ts';
import { openWorkspace } from '../store/sqlite-event-store.ts';
import type { Output } from './output.ts';

export const DEFAULT_WORKSPACE = 'tunnelview.db';

export interface CliEnvironment {
  output: Output;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Pinned in tests; the system clock otherwise. */
  clock?: () => Date;
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

function actorName(env: CliEnvironment, options: GlobalOptions): string {
  if (options.actor) return options.actor;
  if (env.env.TUNNELVIEW_ACTOR) return env.env.TUNNELVIEW_ACTOR;
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Opens the workspace, runs `fn` with a review service over it, and closes it.
 * Reading commands pass `create: false` so a mistyped path is reported, not created.
 */
export async function withService<T>(
  env: CliEnvironment,
  options: GlobalOptions,
  mode: { create: boolean },
  fn: (service: ReviewService, store: EventStore) => Promise<T>,
): Promise<T> {
  const path = workspacePath(env, options);
  const isNew = !existsSync(path);
  const store = openWorkspace(path, mode);
  let succeeded = false;
  try {
    const service = new ReviewService({
      store,
      loadModel: (id) => loadModel(id),
      actor: actorName(env, options),
      ...(env.clock ? { clock: env.clock } : {}),
    });
    const result = await fn(service, store);
    succeeded = true;
    return result;
  } finally {
    await store.close();
    // A refused first command leaves no empty workspace behind.
    if (isNew && !succeeded) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    }
  }
}

/**
 * The review a command is about: `--review` when given; otherwise the only
 * review in the workspace; otherwise a message listing the choices.
 */
export async function resolveReview(service: ReviewService, requested?: string): Promise<string> {
  if (requested) return requested;
  const reviews = await service.listReviews();
  if (reviews.length === 1) return (reviews[0] as { id: string }).id;
  const message =
    reviews.length === 0
      ? 'there are no reviews in this workspace; create one with tunnelview review create'
      : `this workspace holds ${reviews.length} reviews; say which with --review (${reviews.map((r) => r.id).join(', ')})`;
  throw new ValidationError([issue('review-required', ['--review'], message)]);
}
