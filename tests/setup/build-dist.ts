// vitest globalSetup: tests that run the installed command (bin/tunnelview.js) run the compiled
// JavaScript in dist/, so it is built from the current sources first (incrementally: quick when
// nothing changed), exactly as `npm install` builds it through the `prepare` script.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export default async function setup(): Promise<void> {
  const root = join(import.meta.dirname, '..', '..');
  await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
    },
  );
}
