/** Opens a workspace file (SQLite) with the shipped methodology models, for a front door to use. */
import { loadModel } from '../model/load-model.ts';
import { openWorkspace } from '../store/sqlite-event-store.ts';
import { Workspace } from './workspace.ts';

export interface OpenWorkspaceFileOptions {
  /** Create the file when it does not exist (changes); reads refuse a path that is not there. */
  create: boolean;
  actor: string;
  clock?: () => Date;
  /** The private key file that seals meetings closed and publications written. */
  sealKeyFile?: string;
}

export function openWorkspaceFile(path: string, options: OpenWorkspaceFileOptions): Workspace {
  const store = openWorkspace(path, { create: options.create });
  return new Workspace({
    store,
    loadModel: (id) => loadModel(id),
    actor: options.actor,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.sealKeyFile ? { sealKeyFile: options.sealKeyFile } : {}),
  });
}
