#!/usr/bin/env node
// Runs the TypeScript CLI straight from src/ through tsx, so `npx tunnelview`
// works right after `npm install` with no build step to remember.
import { register } from 'tsx/esm/api';

register();
// `tunnelview … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
