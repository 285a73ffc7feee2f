/**
 * Uploads beside messaging (issue 9): does a 25 MiB upload stall everyone else? On PGlite and on
 * PostgreSQL, the real server CLI in a child process (bench/messaging.ts's `startServer`, with
 * its probe), 20 users send `message:send` to each other at a fixed offered rate (open loop, as
 * in the messaging bench) for BENCH_UPLOADS_SECONDS (5), twice: alone, then while one client
 * uploads 25 MiB attachments (`PUT /api/attachments/<sha256>`, fresh random bytes each time,
 * back to back until the window ends). Prints sender→recipient p50 / p99, /healthz p99 and the
 * server's event-loop delay p99 for both windows, and the uploads' own time and throughput.
 * Alone: `npm run bench -- uploads`. BENCH_UPLOADS_TARGETS (pglite,postgres),
 * BENCH_UPLOADS_RATE (messages/s offered, 100), BENCH_UPLOADS_SECONDS (5).
 */
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
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

/** PUTs `bytes` as an attachment; resolves with the status once the server answered. */
function put(url: string, token: string, bytes: Buffer): Promise<number> {
  const sha = createHash('sha256').update(bytes).digest('hex');
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}/api/attachments/${sha}`,
      {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/octet-stream',
          'content-length': bytes.length,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

async function window(
  server: ServerProcess,
  pairs: Pair[],
  deliveries: Deliveries,
  uploader: { token: string } | null,
): Promise<Window> {
  await server.usage(); // resets the event-loop histogram
  const health = pollHealth(server.url);
  let running = true;
  const uploadTimes: number[] = [];
  const uploading = (async () => {
    while (uploader && running) {
      // Fresh bytes each time: a known hash would be answered without storing anything.
      const bytes = randomBytes(SIZE);
      const t0 = performance.now();
      const status = await put(server.url, uploader.token, bytes);
      if (status !== 201) throw new Error(`upload answered ${status}`);
      uploadTimes.push((performance.now() - t0) / 1000);
    }
  })();
  await openLoop(pairs, RATE, SECONDS, deliveries, 2_000);
  running = false;
  await deliveries.drain(15_000);
  const lost = deliveries.abandon();
  const usage = await server.usage();
  await uploading;
  const healthMs = (await health.stop()).sort((a, b) => a - b);
  const all = [...deliveries.latencies, ...Array<number>(lost).fill(Infinity)].sort((a, b) => a - b);
  deliveries.latencies.length = 0;
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
      deliveries.latencies.length = 0;
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
