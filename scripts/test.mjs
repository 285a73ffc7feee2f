#!/usr/bin/env node
// `npm test`: every suite, one summary. Runs vitest (unit + integration) and Playwright (end to
// end in Debian's Chromium, browser mode), reads their JSON reports, prints one line per suite
// and a last line `N passed, N failed, N skipped` over all of them, and writes the same figures
// to test-results/summary.json for .ci/run. Exits non-zero if anything failed or a runner broke.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });

const only = process.argv.slice(2); // e.g. `npm test -- unit` or `npm test -- e2e`
const want = (name) => only.length === 0 || only.includes(name);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const suites = [];

if (want('unit')) {
  const report = join(out, 'vitest.json');
  rmSync(report, { force: true });
  const code = run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const j = readJson(report);
  if (!j)
    suites.push({ name: 'vitest', passed: 0, failed: 1, skipped: 0, broken: `exit ${code}, no report` });
  else
    suites.push({
      name: 'vitest',
      passed: j.numPassedTests,
      failed: j.numFailedTests + (code !== 0 && j.numFailedTests === 0 ? 1 : 0),
      skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
    });
}

if (want('e2e')) {
  const build = run('npm', ['run', '--silent', 'build']);
  const report = join(out, 'playwright.json');
  rmSync(report, { force: true });
  const code =
    build === 0
      ? run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: report })
      : build;
  const j = existsSync(report) ? readJson(report) : null;
  if (!j)
    suites.push({ name: 'playwright', passed: 0, failed: 1, skipped: 0, broken: `exit ${code}, no report` });
  else {
    const s = j.stats;
    const failed = s.unexpected + (j.errors?.length ?? 0);
    suites.push({
      name: 'playwright',
      passed: s.expected + s.flaky,
      failed: failed + (code !== 0 && failed === 0 ? 1 : 0),
      skipped: s.skipped,
    });
  }
}

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
