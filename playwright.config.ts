import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium, browser mode. `npm run test:e2e` builds the renderer
 * first; each test file's fixture starts its own server on port 0 with a temporary store.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // The migrated PGlite cluster that each test's server starts from (test/helpers/pgliteTemplate.ts).
  globalSetup: './test/helpers/pgliteTemplate.setup.ts',
  // A guard against hangs, not a speed target: a three-person scenario that takes 30 s on a quiet
  // machine took over 90 s beside the integration suite on a slow one.
  timeout: 180_000,
  // Also a guard: an answer that comes takes longer than 10 s when Chromium, servers and vitest share two
  // cores (reopen.spec waited 10 s for a title on CI while 15 sends were still on their way).
  expect: { timeout: process.env.CI ? 30_000 : 10_000 },
  fullyParallel: false,
  // Two workers, each with its own worker-scoped servers: most of a spec's time is waiting (a server's
  // start, a catch-up, an ack), not CPU — one worker left the 2 cores idle two thirds of the time.
  workers: 2,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    viewport: { width: 1360, height: 820 },
    // A trace of every test, kept when it fails, to open with `npx playwright show-trace`. Not on CI:
    // its clone and its traces are thrown away after the run, and recording (a screencast and DOM
    // snapshots of every page) cost a fifth of the suite's CPU on 2 cores (bench/README.md, "CI's
    // wall time on a slow machine").
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
