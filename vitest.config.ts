import { defineConfig } from 'vitest/config';

/**
 * Four projects: `unit` (pure, no I/O), `integration` (a private redis-server started by the
 * global setup, real BullMQ workers, real sockets), `e2e` (the whole service plus Chromium), and
 * `alone` (the Redis Cluster failover test, which `npm test` runs after the others, by itself).
 */
export default defineConfig({
  test: {
    expect: { requireAssertions: true },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts', 'apps/*/test/unit/**/*.test.ts'],
          expect: { requireAssertions: true },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'apps/*/test/integration/**/*.test.ts'],
          exclude: [
            'tests/integration/redis-cluster.test.ts',
            'tests/integration/national-scale.test.ts',
          ],
          globalSetup: ['tests/helpers/redis-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          expect: { requireAssertions: true },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/helpers/redis-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          expect: { requireAssertions: true },
        },
      },
      {
        test: {
          // Kills Redis Cluster primaries under load, and runs a 200,000-series national config:
          // each by itself after the rest (`npm test` does), so elections are not starved of CPU
          // by the parallel suites and the national process does not starve them.
          name: 'alone',
          include: [
            'tests/integration/redis-cluster.test.ts',
            'tests/integration/national-scale.test.ts',
          ],
          fileParallelism: false,
          // Elections after a kill -9 sometimes outlast the wait on a 2-core machine: one retry,
          // reported by vitest, before the run fails (a real loss of data fails both tries).
          retry: 1,
          globalSetup: ['tests/helpers/redis-global-setup.ts'],
          testTimeout: 360_000,
          hookTimeout: 120_000,
          expect: { requireAssertions: true },
        },
      },
    ],
  },
});
