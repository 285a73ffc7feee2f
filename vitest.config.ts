import { defineConfig } from 'vitest/config';

/**
 * Two projects in one pool of two workers: unit tests, and integration tests that start real
 * servers (PGlite in WebAssembly, PostgreSQL, Redis). An integration file spends most of its time
 * waiting on PostgreSQL, PGlite's worker thread and scrypt's thread pool, so two at a time nearly
 * halve the suite on these 2-core machines. Files are isolated from each other: each creates its
 * own PostgreSQL database (random name), PGlite data directory (mkdtemp), Redis prefix
 * (TEST_REDIS_PREFIX) and servers on port 0, and what a test counts in PostgreSQL it counts in its
 * own database only. Integration files start first (vitest orders projects by name), the longest
 * ones (by size) first; unit files fill the workers at the end.
 */
const WORKERS = 2;

export default defineConfig({
  test: {
    maxWorkers: WORKERS,
    projects: [
      {
        test: {
          name: 'unit',
          maxWorkers: WORKERS,
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
          maxWorkers: WORKERS,
          include: ['test/integration/**/*.test.ts'],
          // The migrated PGlite cluster that each test's store starts from (test/helpers/pgliteTemplate.ts).
          globalSetup: ['test/helpers/pgliteTemplate.setup.ts'],
          // A guard against hangs, not a speed target: two files at a time beside Playwright on 2
          // cores, a step that takes 1 s on a quiet machine can take 10 on a loaded one.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
