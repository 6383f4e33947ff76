/** Opens a workspace file (SQLite) with the shipped methodology models, for a front door to use. */
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
}

export function openWorkspaceFile(path: string, options: OpenWorkspaceFileOptions): Workspace {
  // Every event records its actor: as clean as any other text (one line, no control characters).
  const actor = parseOrThrow(ShortText('the actor'), options.actor, ['actor']);
  const store = openWorkspace(path, { create: options.create });
  return new Workspace({
    store,
    loadModel: (id) => loadModel(id),
    actor,
    ...(options.clock ? { clock: options.clock } : {}),
  });
}
