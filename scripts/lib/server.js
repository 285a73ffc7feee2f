// Starts the Tradewind server as a child process and waits for its one stdout JSON line
// `{"event":"listening","url":...}`. Used by `npm start` and by the Electron end-to-end test.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** @type {import('./server').isPortFree} */
export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** @type {import('./server').startServer} */
export function startServer({
  root,
  port,
  dataDir,
  demo = false,
  env = process.env,
  timeoutMs = 120_000,
  stdio = 'inherit',
}) {
  const args = ['--import', 'tsx', 'server/src/main.ts', '--port', String(port), '--data', dataDir];
  if (demo) args.push('--demo');
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', stdio] });

  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () => fail(new Error(`the server did not report listening within ${timeoutMs / 1000}s`)),
      timeoutMs,
    );
    function fail(err) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(err);
    }
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      let msg = null;
      try {
        msg = JSON.parse(line);
      } catch {
        // not ours: pass it through
      }
      if (!settled && msg && msg.event === 'listening' && typeof msg.url === 'string') {
        settled = true;
        clearTimeout(timer);
        resolve({
          url: msg.url,
          child,
          stop: () => stopChild(child),
        });
      } else if (stdio === 'inherit') {
        process.stdout.write(`${line}\n`);
      }
    });
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      fail(new Error(`the server exited before listening (code ${code}, signal ${signal})`)),
    );
  });
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process is gone. */
function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
