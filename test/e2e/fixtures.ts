/**
 * Playwright fixture: a real Tradewind server on port 0 with a fresh data directory, serving the
 * renderer that `npm run test:e2e` built into dist/renderer. It builds nothing itself.
 */
import { test as base, expect } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { copyPgliteTemplate } from '../helpers/pgliteTemplate';

const ROOT = new URL('../..', import.meta.url).pathname;

/** How long a server may take to start (worker fixtures get this much more than a test's timeout). */
const START_TIMEOUT_MS = 180_000;

export interface TradewindServer {
  url: string;
  dataDir: string;
}

/**
 * `extraEnv` adds environment variables for the server (e.g. DEEPL_AUTH_KEY / DEEPL_SERVER_URL);
 * `prepare` runs on the fresh data directory before the server starts (e.g. `seed` commands).
 * The data directory starts with a copy of a migrated empty store (test/helpers/pgliteTemplate.ts:
 * a new PGlite cluster costs 8–40 s of initdb); `firstStart` leaves it empty, so that the server
 * makes its store itself, as on a user's first `npm start`.
 */
export async function startServer(
  extraArgs: string[] = [],
  extraEnv: Record<string, string> = {},
  prepare?: (dataDir: string) => void | Promise<void>,
  { firstStart = false }: { firstStart?: boolean } = {},
): Promise<{ server: TradewindServer; stop: () => Promise<void> }> {
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` (npm run test:e2e does it).');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tradewind-e2e-'));
  if (!firstStart) await copyPgliteTemplate(dataDir);
  await prepare?.(dataDir);
  // `node --import tsx` as `npm run server` does: no npx/tsx wrapper processes between us and the
  // server. One worker's server serves every spec's sign-ups from 127.0.0.1, so the per-address
  // sign-up limit (tested in test/integration/auth.test.ts) is lifted here.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/src/main.ts', '--port', '0', '--data', dataDir, ...extraArgs],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn', TRADEWIND_SIGNUP_BURST: '100000', ...extraEnv },
      detached: true,
    },
  );
  const stderr: string[] = [];
  child.stderr?.on('data', (d: Buffer) => {
    stderr.push(d.toString());
    if (stderr.length > 200) stderr.shift();
  });
  const url = await new Promise<string>((resolve, reject) => {
    // PGlite's first start (migrations) takes over a minute on a machine shared by many runs.
    // A server that never says it listens is not left running.
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`server did not start in ${START_TIMEOUT_MS / 1000} s:\n${stderr.join('')}`));
    }, START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { event?: string; url?: string };
        if (msg.event === 'listening' && typeof msg.url === 'string') {
          clearTimeout(timer);
          resolve(msg.url);
        }
      } catch {
        // not the listening line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${stderr.join('')}`));
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((r) => child.once('exit', r));
      // Signal the whole process group we started (the server and anything it spawned).
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { server: { url, dataDir }, stop };
}

/**
 * Runs the server's `seed` command (`npm run server -- seed <args>`) on a data directory: for
 * `startServer`'s `prepare`, before the server opens it. Its errors go to the test's output.
 */
export function seed(dataDir: string, args: string[]): void {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'server/src/main.ts', 'seed', ...args, '--data', dataDir],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
}

export const test = base.extend<object, { server: TradewindServer; demoServer: TradewindServer }>({
  /**
   * A server started with --demo: demo buyer, sellers and history, and /api/demo-session. No
   * DeepL key, whatever the environment has (`npm start`'s embedded default, as most first runs).
   */
  demoServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const { server, stop } = await startServer(['--demo'], { DEEPL_AUTH_KEY: '' }, undefined, {
        firstStart: true,
      });
      try {
        await use(server);
      } finally {
        await stop();
      }
    },
    { scope: 'worker', timeout: START_TIMEOUT_MS + 30_000 },
  ],
  /** A server with no DeepL key, whatever the environment has (specs that translate start their own). */
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const { server, stop } = await startServer([], { DEEPL_AUTH_KEY: '' });
      try {
        await use(server);
      } finally {
        await stop();
      }
    },
    { scope: 'worker', timeout: START_TIMEOUT_MS + 30_000 },
  ],
});

export { expect };
