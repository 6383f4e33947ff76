// Test runner settings: real Chromium and poppler in the loop, so timeouts are generous and the
// worker count fits a 2-core CI machine (each PDF test file runs its own browser).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/ensure-tools.ts', 'tests/setup/build-dist.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Child processes rather than threads: a crashed native module or browser takes down only its fork.
    pool: 'forks',
    // Two workers on two cores: a Chromium print takes a whole core, more workers only thrash.
    maxWorkers: 2,
    teardownTimeout: 30_000,
  },
});
