/**
 * Uploads beside messaging (issue 9): does a 25 MiB upload stall everyone else? On PGlite and on
 * PostgreSQL, the real server CLI in a child process (bench/messaging.ts's `startServer`, with
 * its probe), 20 users send `message:send` to each other at a fixed offered rate (open loop, as
 * in the messaging bench) for BENCH_UPLOADS_SECONDS (5), twice: alone, then while one client (in
 * a worker thread of the bench, so its own CPU does not stall the measuring clients) uploads 25 MiB
 * attachments (`PUT /api/attachments/<sha256>`, fresh random bytes each time,
 * back to back until the window ends). Prints sender→recipient p50 / p99, /healthz p99 and the
 * server's event-loop delay p99 for both windows, and the uploads' own time and throughput.
 * Alone: `npm run bench -- uploads`. BENCH_UPLOADS_TARGETS (pglite,postgres),
 * BENCH_UPLOADS_RATE (messages/s offered, 100), BENCH_UPLOADS_SECONDS (5); BENCH_UPLOADS_PG_FILES=1 runs
 * PostgreSQL with TRADEWIND_ATTACHMENTS_DIR (files rather than bytea).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LIMITS } from '../shared/protocol';
import { createDatabase, signUp, startServer, type ServerProcess } from './messaging';
import {
  Deliveries,
  connectSocket,
  emitWithAck,
  openLoop,
  percentile,
  pollHealth,
  type Pair,
  type User,
} from './messaging/load';
import { PASSWORD } from './messaging/seed';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number.`);
  return v;
};
const SECONDS = num('BENCH_UPLOADS_SECONDS', 5);
const RATE = num('BENCH_UPLOADS_RATE', 100);
const USERS = 20;
const SIZE = LIMITS.attachmentBytes;

type Kind = 'pglite' | 'postgres';

interface Window {
  p50: number;
  p99: number;
  delivered: number;
  lost: number;
  healthP99: number;
  loopP99: number;
  /** Uploads finished in the window, and their mean seconds and MB/s. */
  uploads: number;
  uploadSeconds: number;
}

const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(0)) : '∞');

/**
 * The uploader runs in a worker thread of its own: drawing 25 MiB of random bytes, hashing them
 * and writing them to the socket take ~100 ms of CPU each time, and on the measuring clients' own
 * event loop that would show up as the server's latency (it did: p99 ×4.6 in the first runs).
 * Plain JavaScript evaluated in the worker, so it needs no TypeScript loader. It uploads back to
 * back until told to stop, then posts the seconds each upload took.
 */
const UPLOADER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash, randomBytes } = require('node:crypto');
const { request } = require('node:http');
const { url, token, size } = workerData;
let running = true;
parentPort.on('message', () => { running = false; });
function put(bytes) {
  const sha = createHash('sha256').update(bytes).digest('hex');
  return new Promise((resolve, reject) => {
    const req = request(url + '/api/attachments/' + sha, {
      method: 'PUT',
      headers: { authorization: 'Bearer ' + token, 'content-type': 'application/octet-stream', 'content-length': bytes.length },
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    req.end(bytes);
  });
}
(async () => {
  const times = [];
  while (running) {
    // Fresh bytes each time: a known hash would be answered without storing anything.
    const bytes = randomBytes(size);
    const t0 = performance.now();
    const status = await put(bytes);
    if (status !== 201) throw new Error('upload answered ' + status);
    times.push((performance.now() - t0) / 1000);
  }
  parentPort.postMessage(times);
})();
`;

/** Starts uploading in a worker; `stop()` resolves with each upload's seconds. */
function startUploader(url: string, token: string): { stop(): Promise<number[]> } {
  const worker = new Worker(UPLOADER, { eval: true, workerData: { url, token, size: SIZE } });
  const done = new Promise<number[]>((resolve, reject) => {
    worker.once('message', (times: number[]) => resolve(times));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the uploader exited with ${code}`)));
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const times = await done;
      await worker.terminate();
      return times;
    },
  };
}

async function window(
  server: ServerProcess,
  pairs: Pair[],
  deliveries: Deliveries,
  uploader: { token: string } | null,
): Promise<Window> {
  await server.usage(); // resets the event-loop histogram
  const health = pollHealth(server.url);
  const uploading = uploader ? startUploader(server.url, uploader.token) : null;
  await openLoop(pairs, RATE, SECONDS, deliveries, 2_000);
  const uploadTimes = uploading ? await uploading.stop() : [];
  await deliveries.drain(15_000);
  const all = deliveries
    .collect()
    .map((d) => d.ms)
    .sort((a, b) => a - b);
  const lost = all.filter((v) => v === Infinity).length;
  const usage = await server.usage();
  const healthMs = (await health.stop()).sort((a, b) => a - b);
  return {
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    delivered: all.length - lost,
    lost,
    healthP99: percentile(healthMs, 99),
    loopP99: usage.loopDelayP99Ms,
    uploads: uploadTimes.length,
    uploadSeconds: uploadTimes.reduce((a, b) => a + b, 0) / Math.max(1, uploadTimes.length),
  };
}

async function measure(kind: Kind): Promise<{ alone: Window; upload: Window }> {
  const db = await createDatabase(kind);
  try {
    const server = await startServer(kind, 'server/src/main.ts', ['--port', '0'], {
      TRADEWIND_DATA_DIR: db.dataDir,
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
      ...(kind === 'postgres' && process.env.BENCH_UPLOADS_PG_FILES === '1'
        ? { TRADEWIND_ATTACHMENTS_DIR: join(db.dataDir, 'attachments') }
        : {}),
      LOG_LEVEL: 'error',
      TRADEWIND_STATIC_DIR: join(db.dataDir, 'no-renderer'),
      TRADEWIND_SEND_RATE: '0',
      TRADEWIND_SIGNUP_BURST: '1000000',
      TRADEWIND_SIGNUP_PER_HOUR: '1000000',
    });
    try {
      const run = randomBytes(2).toString('hex');
      const users: User[] = [];
      for (let i = 0; i < USERS; i++) users.push(await signUp(server.url, `up${run}-${i}`, 'buyer'));
      const pairs: Pair[] = users.map((u, i) => ({ from: u, to: users[(i + 1) % USERS]! }));
      const deliveries = new Deliveries();
      for (const u of users) deliveries.watch(u);
      // The uploader is a member of its own, with a session token for HTTP.
      const upSocket = await connectSocket(server.url, {});
      const signedUp = await emitWithAck(upSocket, 'auth:signUp', {
        memberId: `up${run}-uploader`,
        displayName: 'Bench uploader',
        password: PASSWORD,
        role: 'seller',
      });
      const token = (signedUp.value as { token?: string } | undefined)?.token;
      if (!signedUp.ok || !token) throw new Error('the uploader could not sign up');
      await openLoop(pairs, RATE, 1, deliveries, 2_000); // warm-up
      await deliveries.drain(15_000);
      deliveries.collect();
      const alone = await window(server, pairs, deliveries, null);
      console.log(
        `  [${kind}] alone: p50 ${ms(alone.p50)} ms, p99 ${ms(alone.p99)} ms, loop p99 ${ms(alone.loopP99)} ms`,
      );
      const upload = await window(server, pairs, deliveries, { token });
      console.log(
        `  [${kind}] with uploads: p50 ${ms(upload.p50)} ms, p99 ${ms(upload.p99)} ms, loop p99 ${ms(upload.loopP99)} ms; ${upload.uploads} × 25 MiB, ${upload.uploadSeconds.toFixed(2)} s each`,
      );
      for (const u of users) u.socket.close();
      upSocket.close();
      return { alone, upload };
    } finally {
      await server.stop();
    }
  } finally {
    await db.dispose();
  }
}

export async function run(): Promise<void> {
  const kinds = (process.env.BENCH_UPLOADS_TARGETS ?? 'pglite,postgres').split(',') as Kind[];
  const results: Partial<Record<Kind, { alone: Window; upload: Window }>> = {};
  for (const k of kinds) {
    console.log(`uploads: ${k}`);
    results[k] = await measure(k);
  }
  const cols = kinds.filter((k) => results[k]);
  const rows: [string, (r: { alone: Window; upload: Window }) => string][] = [
    [`${RATE} msg/s offered, no upload: p50 / p99 ms`, (r) => `${ms(r.alone.p50)} / ${ms(r.alone.p99)}`],
    [
      `same, while 25 MiB uploads run: p50 / p99 ms`,
      (r) => `${ms(r.upload.p50)} / ${ms(r.upload.p99)} (p99 ${(r.upload.p99 / r.alone.p99).toFixed(1)}×)`,
    ],
    ['/healthz p99 ms: no upload / uploads', (r) => `${ms(r.alone.healthP99)} / ${ms(r.upload.healthP99)}`],
    [
      'server event-loop delay p99 ms: no upload / uploads',
      (r) => `${ms(r.alone.loopP99)} / ${ms(r.upload.loopP99)}`,
    ],
    [
      'uploads of 25 MiB in the window, s each (MB/s)',
      (r) =>
        `${r.upload.uploads}, ${r.upload.uploadSeconds.toFixed(2)} s (${(SIZE / 1e6 / r.upload.uploadSeconds).toFixed(0)})`,
    ],
    ['messages lost (not delivered in 15 s)', (r) => `${r.alone.lost} / ${r.upload.lost}`],
  ];
  const header = ['measure', ...cols.map((c) => (c === 'pglite' ? 'PGlite' : 'PostgreSQL'))];
  const lines = [header, header.map((_, i) => (i === 0 ? '---' : '---:'))];
  for (const [label, cell] of rows) lines.push([label, ...cols.map((c) => cell(results[c]!))]);
  console.log(`\n${lines.map((l) => `| ${l.join(' | ')} |`).join('\n')}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
