// A workspace with one review (no agencies yet) and a CLI runner that imports a return for
// Brackenmoor Surgery: the set-up of the tests that feed `chronology import` a hostile file.
import { join } from 'node:path';
import type { ChronologyEntry } from '../../src/domain/chronology-entry.ts';
import { logPosition, runCli, tempDir, workspaceWithReview } from './workspace.ts';

export async function importSetUp() {
  const dir = tempDir();
  const wsPath = join(dir, 'ws.db');
  const handle = await workspaceWithReview(wsPath);
  const run = (...args: string[]) => runCli([...args, '--workspace', wsPath], { cwd: dir });
  const position = () => logPosition(handle.store, handle.reviewId);
  const entries = async () =>
    Object.values((await handle.ws.load(handle.reviewId)).chronology) as ChronologyEntry[];
  const importing = (file: string, ...more: string[]) =>
    run(
      'chronology',
      'import',
      file,
      '--agency',
      'Brackenmoor Surgery',
      '--sector',
      'health',
      ...more,
    );
  return { ...handle, dir, run, position, entries, importing };
}
