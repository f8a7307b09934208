import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Suites that start real servers and measure wall time against leases, kill -9 or SIGSTOP them, or run the bench:
 * they run after everything else, one file at a time, with the machine to themselves. Everything else runs in a
 * worker for each core but one, and at least two (Vitest's default on two cores is one), without isolation: a
 * worker imports the server, XState and zod once for all its files instead of once per file (on two cores the
 * unit run went from about 250 s to 140 s). So a test file must not leave module state behind for the next one
 * (no vi.mock; close what it opens); runs with `--sequence.shuffle.files` pass.
 */
const ALONE = ['tests/server/cluster/**/*.test.ts', 'tests/server/process.test.ts', 'tests/bench/quick.test.ts'];
// Playwright specs live in tests/e2e/*.spec.ts and are run by tests/e2e/run.ts, never by Vitest.
const EXCLUDE = ['tests/e2e/**', 'node_modules/**'];
const common = { environment: 'node', testTimeout: 20_000, hookTimeout: 30_000, pool: 'forks' } as const;

export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // CI sums the JSON report into one plain summary line (.ci/run).
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: 'test-results/vitest.json' } : undefined,
    projects: [
      { test: { ...common, name: 'parallel', isolate: false, include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'], exclude: [...EXCLUDE, ...ALONE], sequence: { groupOrder: 0 } } },
      { test: { ...common, name: 'alone', include: ALONE, exclude: EXCLUDE, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
