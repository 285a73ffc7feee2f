#!/usr/bin/env node
// `npm test`: every suite, one summary. Runs vitest (unit, integration) and Playwright (end to
// end in Debian's Chromium, browser mode), reads their JSON reports, prints one line per suite
// and a last line `N passed, N failed, N skipped` over all of them, and writes the same figures
// to test-results/summary.json for .ci/run. Exits non-zero if anything failed or a runner broke.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });

const only = process.argv.slice(2); // e.g. `npm test -- unit`, `npm test -- integration` or `npm test -- e2e`
const want = (name) => only.length === 0 || only.includes(name);
// Three suites at once: vitest's unit projects (files in parallel), vitest's integration project (one
// file at a time: it waits on PostgreSQL, Redis and PGlite's worker more than it computes), and the
// renderer build then Playwright (two workers). The integration files are the longest of the three
// and mostly wait, so they start at once rather than after the unit files. On 2 cores this takes
// about the time of the longest suite. Each line of output is prefixed with its suite;
// TRADEWIND_TEST_SERIAL=1 runs them one after another.
const wanted = ['unit', 'integration', 'e2e'].filter(want);
const together = wanted.length > 1 && process.env.TRADEWIND_TEST_SERIAL !== '1';

/** Runs a command; resolves with its exit code. With a prefix, each output line carries it. */
function run(cmd, args, env = {}, prefix = '') {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    });
    if (prefix) {
      for (const [from, to] of [
        [child.stdout, process.stdout],
        [child.stderr, process.stderr],
      ])
        createInterface({ input: from, crlfDelay: Infinity }).on('line', (l) => to.write(`${prefix} ${l}\n`));
    }
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * One suite of vitest projects (vitest.config.ts) with its own JSON report: `unit` runs the
 * projects `unit` and `unit-isolated`, `integration` the project `integration`.
 */
async function vitest(suite) {
  const projects = suite === 'unit' ? ['unit', 'unit-isolated'] : [suite];
  const report = join(out, `vitest-${suite}.json`);
  rmSync(report, { force: true });
  const code = await run(
    'npx',
    [
      'vitest',
      'run',
      ...projects.flatMap((p) => ['--project', p]),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    {},
    together ? `[${suite}]` : '',
  );
  const j = readJson(report);
  if (!j) return { name: suite, passed: 0, failed: 1, skipped: 0, broken: `exit ${code}, no report` };
  return {
    name: suite,
    passed: j.numPassedTests,
    failed: j.numFailedTests + (code !== 0 && j.numFailedTests === 0 ? 1 : 0),
    skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
  };
}

async function playwright() {
  const prefix = together ? '[e2e]' : '';
  const build = await run('npm', ['run', '--silent', 'build'], {}, prefix);
  const report = join(out, 'playwright.json');
  rmSync(report, { force: true });
  const code =
    build === 0
      ? await run(
          'npx',
          ['playwright', 'test', '--reporter=list,json'],
          { PLAYWRIGHT_JSON_OUTPUT_NAME: report },
          prefix,
        )
      : build;
  const j = existsSync(report) ? readJson(report) : null;
  if (!j) return { name: 'playwright', passed: 0, failed: 1, skipped: 0, broken: `exit ${code}, no report` };
  const s = j.stats;
  const failed = s.unexpected + (j.errors?.length ?? 0);
  return {
    name: 'playwright',
    passed: s.expected + s.flaky,
    failed: failed + (code !== 0 && failed === 0 ? 1 : 0),
    skipped: s.skipped,
  };
}

const runners = { unit: () => vitest('unit'), integration: () => vitest('integration'), e2e: playwright };
const suites = [];
if (together) suites.push(...(await Promise.all(wanted.map((name) => runners[name]()))));
else for (const name of wanted) suites.push(await runners[name]());

const total = { passed: 0, failed: 0, skipped: 0 };
for (const s of suites) {
  console.log(
    `${s.name}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped${s.broken ? ` (${s.broken})` : ''}`,
  );
  total.passed += s.passed;
  total.failed += s.failed;
  total.skipped += s.skipped;
}
writeFileSync(join(out, 'summary.json'), JSON.stringify({ suites, total }, null, 2));
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
