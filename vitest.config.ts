import { defineConfig } from 'vitest/config';

/**
 * Two projects: unit tests run in parallel; integration tests start real servers (PGlite in
 * WebAssembly, PostgreSQL, Redis) and run one file at a time — these machines have 2 cores, and
 * Playwright runs beside this suite. `npm test` (scripts/test.mjs) runs the two projects as two
 * vitest processes at once, so that the integration files, which mostly wait, do not wait for the
 * unit files to finish; `npx vitest run` runs them one after the other. Files are isolated all the same: each creates its own
 * PostgreSQL database (random name), PGlite data directory (mkdtemp), Redis prefix
 * (TEST_REDIS_PREFIX) and servers on port 0. Two integration files at a time (one pool of two
 * workers) measured no faster on CI: 1,073 and 1,140 s against 1,027 and 1,059 s one at a time,
 * with Playwright slowed from 10.3 to 13.3–14.3 min beside it (bench/README.md, "CI's test time").
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
          // A guard against hangs, not a speed target: beside Playwright on 2
          // cores, a step that takes 1 s on a quiet machine can take 10 on a loaded one.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
