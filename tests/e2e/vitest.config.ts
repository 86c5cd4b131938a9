import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests drive real browsers: one file at a time in one process, each file launching
 * its browsers once, with timeouts sized for Firefox's start-up on a small machine.
 */
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // A flaky browser test is a bug to fix, not to retry away.
    retry: 0,
  },
});
