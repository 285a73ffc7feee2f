import { defineConfig } from 'vitest/config';

/**
 * Two projects: unit tests run in parallel; integration tests start real servers (PGlite in
 * WebAssembly, PostgreSQL, Redis) and run one file at a time — these machines have 2 cores.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // A guard against hangs, not a speed target: a year-long DST sweep and scrypt at its real
          // cost take seconds on a busy 2-core machine. Speed is measured in bench/.
          testTimeout: 30_000,
          include: [
            'shared/**/*.test.ts',
            'server/**/*.test.ts',
            'renderer/**/*.test.ts',
            'renderer/**/*.test.tsx',
            'electron/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // The migrated PGlite cluster that each test's store starts from (test/helpers/pgliteTemplate.ts).
          globalSetup: ['test/helpers/pgliteTemplate.setup.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
