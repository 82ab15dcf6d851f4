import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure, no I/O), `integration` (a private redis-server started by the
 * global setup, real BullMQ workers, real sockets), `e2e` (the whole service plus Chromium).
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
    ],
  },
});
