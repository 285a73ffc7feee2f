import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Three projects. Unit files run in parallel; integration files start real servers (PGlite in
 * WebAssembly, PostgreSQL, Redis) one at a time — these machines have 2 cores, and Playwright runs
 * beside them. `npm test` (scripts/test.mjs) runs the unit projects and the integration project as
 * two vitest processes at once, so that the integration files, which mostly wait, do not wait for
 * the unit files; `npx vitest run` runs them one after the other.
 *
 * Files share their worker's module cache (`isolate: false`): a fresh process and a fresh import
 * of the server or renderer graph for every file was most of both suites' time on a loaded
 * machine (integration: 470 of 1,166 s between files, vitest's "import" 177 s; bench/README.md,
 * "CI's wall time on a slow machine"). Files are independent all the same: each integration file
 * creates its own PostgreSQL database (random name), PGlite data directory (mkdtemp), Redis prefix
 * (`testRedisPrefix()`) and servers on port 0, and closes them. A file that replaces modules or
 * globals, or resets the module registry (`vi.mock`, `vi.doMock`, `vi.stubGlobal`, `vi.stubEnv`,
 * `vi.resetModules`), would leak that into the next file: such unit files are found by reading
 * them and run in `unit-isolated`, a process each; an integration file that does so stops the run.
 */
const ROOT = fileURLToPath(new URL('.', import.meta.url));
const UNIT_ROOTS = ['shared', 'server', 'renderer', 'electron', 'scripts'];
const REPLACES_MODULES = /\b(vi|vitest)\s*\.\s*(mock|doMock|stubGlobal|stubEnv|resetModules)\b/;

/** The test files under `dir`, relative to the project's root. */
function testFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(path);
    return /\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}
const replacesModules = (file: string): boolean =>
  REPLACES_MODULES.test(readFileSync(join(ROOT, file), 'utf8'));
const unitFiles = UNIT_ROOTS.flatMap((root) => testFiles(root));
const isolatedFiles = unitFiles.filter(replacesModules);
const leaking = testFiles('test/integration').filter(replacesModules);
if (leaking.length > 0)
  throw new Error(
    `Integration files share one worker's modules; these replace modules or globals: ${leaking.join(', ')}`,
  );

// A guard against hangs, not a speed target: beside the integration files and Playwright on 2 cores,
// a test gets a tenth of a core — chain.property.test's 20,000 runs, 2.4 s alone, passed 30 s there.
// Speed is measured in bench/.
const UNIT_TIMEOUT_MS = 120_000;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          isolate: false,
          testTimeout: UNIT_TIMEOUT_MS,
          include: unitFiles.filter((f) => !isolatedFiles.includes(f)),
        },
      },
      {
        test: {
          name: 'unit-isolated',
          testTimeout: UNIT_TIMEOUT_MS,
          include: isolatedFiles,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // The migrated PGlite cluster that each test's store starts from (test/helpers/pgliteTemplate.ts).
          globalSetup: ['test/helpers/pgliteTemplate.setup.ts'],
          fileParallelism: false,
          isolate: false,
          // Its own group, after the unit projects when `npx vitest run` runs them all: one worker
          // beside their several in one group is refused.
          sequence: { groupOrder: 1 },
          // A guard against hangs, not a speed target: beside Playwright on 2
          // cores, a step that takes 1 s on a quiet machine can take 10 on a loaded one.
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
