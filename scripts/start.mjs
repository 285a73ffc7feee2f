#!/usr/bin/env node
// `npm start` / `npm run start:browser`.
//
// 1. Builds what is missing or older than its sources (renderer; Electron bundles if needed).
// 2. Starts the local server on its embedded store with demo data (port 4100, or any free port
//    if 4100 is taken) and waits for it to report where it listens.
// 3. Launches the desktop app against it if an Electron binary exists and --browser was not
//    given; otherwise serves browser mode and says where. The app signs in as the demo buyer
//    (the renderer asks the server's GET /api/demo-session, which answers only in demo mode).
// 4. Ctrl-C (or the app quitting) stops everything; signals are forwarded to the server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './lib/electronBinary.js';
import { needsBuild } from './lib/freshness.js';
import { isPortFree, startServer } from './lib/server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');
const PREFERRED_PORT = 4100;

const say = (msg) => console.log(`[tradewind] ${msg}`);

function build(script, outputs, sources) {
  const check = needsBuild(
    outputs.map((p) => join(root, p)),
    sources.map((p) => join(root, p)),
  );
  if (!check.stale) return;
  say(`${script}: ${check.reason}; building…`);
  const r = spawnSync('npm', ['run', '--silent', script], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) {
    console.error(`[tradewind] npm run ${script} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

const common = ['shared', 'package.json', 'package-lock.json'];
build(
  'build:renderer',
  ['dist/renderer/index.html'],
  ['renderer', 'vite.renderer.config.ts', 'tsconfig.renderer.json', ...common],
);

/**
 * Since Electron 42 the electron package has no postinstall: its binary is downloaded on first use
 * of its own CLI, or by `npx install-electron --no` (node_modules/electron/install.js). `npm install`
 * therefore never needs the internet, and we fetch the binary here, once, when the desktop app is
 * wanted and it is missing. Offline, this fails fast and we fall back to browser mode.
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 (our switch now; Electron itself no longer reads it) skips the
 * attempt.
 */
function tryDownloadElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return;
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  say('the Electron binary is missing; trying to download it once (Ctrl-C to skip)…');
  const r = spawnSync(process.execPath, [installer], {
    cwd: join(root, 'node_modules', 'electron'),
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 120_000,
  });
  if (r.status !== 0) say('the download did not succeed (no internet?).');
}

let electron = browserOnly ? null : findElectronBinary({ root });
if (electron && !electron.found && existsSync(join(root, 'node_modules', 'electron', 'install.js'))) {
  tryDownloadElectron();
  electron = findElectronBinary({ root });
}
const desktop = electron?.found === true;
if (desktop) {
  build(
    'build:electron',
    ['dist/electron/main.cjs', 'dist/electron/preload.cjs'],
    ['electron', 'vite.electron.config.ts', 'resources/icon.png', ...common],
  );
}

const port = (await isPortFree(PREFERRED_PORT)) ? PREFERRED_PORT : 0;
if (port === 0) say(`port ${PREFERRED_PORT} is taken; starting the server on a free port instead.`);

let server;
try {
  server = await startServer({ root, port, dataDir: join(root, '.tradewind'), demo: true });
} catch (err) {
  console.error(
    `[tradewind] could not start the server: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
}
const url = server.url.replace(/\/?$/, '/');

let app = null; // the Electron process, if any
let stopping = false;
async function shutdown(code, signal) {
  if (stopping) return;
  stopping = true;
  if (app && app.exitCode === null && app.signalCode === null) app.kill(signal ?? 'SIGTERM');
  await server.stop();
  process.exit(code);
}
// Forward Ctrl-C / termination to the children and wait for them, so the store closes cleanly.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void shutdown(0, sig));
server.child.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`[tradewind] the server stopped unexpectedly (code ${code}, signal ${signal}).`);
  void shutdown(1);
});

if (desktop) {
  say(`server at ${url}; starting the desktop app (${electron.path}).`);
  app = spawn(electron.path, [root], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TRADEWIND_SERVER_URL: server.url },
  });
  app.on('error', (err) => {
    console.error(`[tradewind] could not start Electron: ${err.message}`);
    void shutdown(1);
  });
  app.on('exit', (code) => {
    say('the desktop app quit; stopping the server.');
    void shutdown(code ?? 0);
  });
} else if (browserOnly) {
  say(`serving Tradewind in browser mode at ${url} — open it in a browser. Ctrl-C stops it.`);
} else {
  console.log(
    `Electron binary not found (it cannot be downloaded here); serving Tradewind in browser mode at ${url} — open it in a browser.`,
  );
  if (electron && !electron.found) say(`(${electron.reason}.) Ctrl-C stops the server.`);
}
