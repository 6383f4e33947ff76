#!/usr/bin/env node
// Runs the TypeScript CLI straight from src/ through tsx, so `npx tunnelview`
// works right after `npm install` with no build step to remember.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
