#!/usr/bin/env node
// The installed command runs the compiled JavaScript in dist/ (built by `npm install` through the
// `prepare` script, or by `npm run build`). A checkout that has not been built yet falls back to
// the TypeScript sources through tsx, which works but starts several times slower.
import { existsSync } from 'node:fs';

// `tunnelview … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const compiled = new URL('../dist/cli/main.js', import.meta.url);
let main;
if (existsSync(compiled)) {
  ({ main } = await import(compiled.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
