/** Opens a workspace file (SQLite) with the shipped methodology models, for a front door to use. */
import type { Issue } from '../domain/issue.ts';
import { ShortText } from '../domain/primitives.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { loadModel } from '../model/load-model.ts';
import { openWorkspace } from '../store/sqlite-event-store.ts';
import { Workspace } from './workspace.ts';

export interface OpenWorkspaceFileOptions {
  /** Create the file when it does not exist (changes); reads refuse a path that is not there. */
  create: boolean;
  actor: string;
  clock?: () => Date;
  /** How long to wait for another program writing to the workspace before refusing (5 s by default). */
  busyTimeoutMs?: number;
  /** Told of what is wrong with the workspace but does not stop its use (other users can read it). */
  onWarning?: (warning: Issue) => void;
  /** The private key file that seals meetings closed and publications written. */
  sealKeyFile?: string;
}

export function openWorkspaceFile(path: string, options: OpenWorkspaceFileOptions): Workspace {
  // Every event records its actor: as clean as any other text (one line, no control characters).
  const actor = parseOrThrow(ShortText('the actor'), options.actor, ['actor']);
  const store = openWorkspace(path, {
    create: options.create,
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
  return new Workspace({
    store,
    accounts: store.accounts(),
    loadModel: (id) => loadModel(id),
    actor,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.sealKeyFile ? { sealKeyFile: options.sealKeyFile } : {}),
  });
}
