/**
 * Messaging at an operator's scale (issue 9): a bare socket.io 4 relay, the skeleton (the
 * guarantees alone) and Tradewind through its real protocol, in the same run, on PGlite and on
 * PostgreSQL; prints one table with the ratios to the relay, and beside them the floors the
 * store sets. Run alone: `npm run bench -- messaging` or `npx tsx bench/messaging.ts`.
 *
 * Each server runs in its own child process — the relay (bench/messaging/relay.ts), the skeleton
 * (bench/messaging/skeleton.ts: socket.io, the real schema, the messages feature's own group
 * commit with its hash chain and signatures, the ack and `message:new`, nothing else; its header
 * lists what it omits) or the real server CLI (server/src/main.ts, configured through its
 * environment like an operator would, `TRADEWIND_SEND_RATE=0`) — with bench/messaging/probe.ts preloaded, which reports that
 * process's `process.cpuUsage()`, event-loop delay and heap over IPC. The clients (this process)
 * are socket.io-client sockets that sign up with `auth:signUp` and send `message:send` with an
 * ack, as the app does. Everything is on loopback; the client shares the machine's cores.
 *
 * Phases, each bounded in time and count:
 * - acked throughput with 200 sends in flight across 200 conversations, then in one conversation;
 *   server CPU per message, /healthz latency and event-loop delay during the first, and the two
 *   other users of the same cores: this process (the clients) and, on PostgreSQL, the database's
 *   backends (bench/messaging/pgcpu.ts);
 * - sender→recipient latency and CPU per message (server, PostgreSQL) at a fixed offered rate
 *   (open loop) of 100 msg/s for `BENCH_MESSAGING_LATENCY_SECONDS` and 1,000 msg/s for
 *   `BENCH_MESSAGING_P99_SECONDS`, with the p99 of each `BENCH_MESSAGING_WINDOW_SECONDS` window of
 *   sends beside the whole phase's (one GC or one slow flush decides the p99 of 10 s); when more
 *   than `MAX_BACKLOG` sends are unacked the server has fallen behind and the offer stops;
 * - the floors of each store, measured before its Tradewind server starts, on the idle store
 *   (bench/messaging/durability.ts): the messages feature's own group committer alone, one send
 *   at a time (checks, seq, chain hash, signature, write, commit), its minimal commit (PostgreSQL: one durable insert; PGlite:
 *   one commit through the server's own worker — PGlite never flushes), one `select 1` round
 *   trip, and an 8 KiB write + fdatasync on the store's filesystem, `BENCH_MESSAGING_FLOOR_N`
 *   (500) of each;
 * - `sync:conversations` for a member with 10,000 conversations (seeded through the store; the
 *   relay answers the same list from memory: what carrying it costs); server heap per idle signed-in socket at 10,000 sockets (bare WebSocket clients
 *   speaking the socket.io protocol, so the client process stays light; the relay too).
 *
 * Environment: BENCH_MESSAGING_TARGETS (relay,skeleton-pglite,pglite,skeleton-postgres,postgres),
 * BENCH_MESSAGING_SECONDS (closed loops, 5), BENCH_MESSAGING_LATENCY_SECONDS (100 msg/s, 10),
 * BENCH_MESSAGING_P99_SECONDS (1,000 msg/s, 30), BENCH_MESSAGING_WINDOW_SECONDS (10),
 * BENCH_MESSAGING_FLOOR_N (500), BENCH_MESSAGING_SOCKETS (10000),
 * BENCH_MESSAGING_CONVERSATIONS (10000), BENCH_PROFILE=<dir> (server processes write
 * `--cpu-prof` profiles there; summarised at the end by bench/messaging/cpuprofile.ts, each phase's top BENCH_PROFILE_TOP functions, 12),
 * TRADEWIND_TEST_PG (PostgreSQL admin URL, default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { CHECK_SENDS } from '../server/src/features/messages/commit';
import {
  CONVERSATIONS_OF,
  CONVERSATIONS_PAGE,
  LAST_SEQS,
  MESSAGES_AFTER,
  MESSAGES_AFTER_MANY,
} from '../server/src/features/messages/service';
import { openStore } from '../server/src/platform/db';
import { loadOrCreateSigningKey } from '../server/src/platform/signing/signingKey';
import { monotonicMicros, summariseProfile, type ProfileWindow } from './messaging/cpuprofile';
import {
  committerFloor,
  pgliteFloor,
  postgresFloor,
  type Spread,
  type StoreFloor,
} from './messaging/durability';
import {
  Deliveries,
  closedLoop,
  connectSocket,
  emitWithAck,
  idleSockets,
  openLoop,
  percentile,
  pollHealth,
  type Pair,
  type User,
} from './messaging/load';
import { backendCpu, type BackendCpu } from './messaging/pgcpu';
import type { HeapReply, TraceReply, UsageReply } from './messaging/probe';
import { SELLER } from './messaging/members';
import { PASSWORD, seedBigMember } from './messaging/seed';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PG_ADMIN_URL = process.env.TRADEWIND_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number.`);
  return v;
};
const SECONDS = num('BENCH_MESSAGING_SECONDS', 5);
const LATENCY_SECONDS = num('BENCH_MESSAGING_LATENCY_SECONDS', 10);
const P99_SECONDS = num('BENCH_MESSAGING_P99_SECONDS', 30);
const WINDOW_SECONDS = num('BENCH_MESSAGING_WINDOW_SECONDS', 10);
const FLOOR_N = num('BENCH_MESSAGING_FLOOR_N', 500);
const SOCKETS = num('BENCH_MESSAGING_SOCKETS', 10_000);
const CONVERSATIONS = num('BENCH_MESSAGING_CONVERSATIONS', 10_000);
const PROFILE_DIR = process.env.BENCH_PROFILE ? resolve(process.env.BENCH_PROFILE) : null;
const IN_FLIGHT = 200;
/** The page size the app asks `sync:conversations` for (renderer/src/sync/engine.ts). */
const SYNC_PAGE = 500;
/** Users who talk to each other in the many-conversation phases: 21 users have 210 pairs. */
const USERS = 21;
/** Unacked sends beyond which an open-loop offer stops: the server has fallen behind. */
const MAX_BACKLOG = 2_000;
/** How long undelivered messages are waited for after an offer. */
const DRAIN_MS = 15_000;

export type TargetName = 'relay' | 'skeleton-pglite' | 'pglite' | 'skeleton-postgres' | 'postgres';
const LABELS: Record<TargetName, string> = {
  relay: 'bare socket.io relay',
  'skeleton-pglite': 'skeleton on PGlite',
  pglite: 'Tradewind on PGlite',
  'skeleton-postgres': 'skeleton on PostgreSQL',
  postgres: 'Tradewind on PostgreSQL',
};
/** The store a target runs on. */
const storeOf = (t: TargetName): 'pglite' | 'postgres' | null =>
  t === 'relay' ? null : t.endsWith('postgres') ? 'postgres' : 'pglite';

interface Figures {
  manyRate: number;
  manyFailed: string;
  hotRate: number;
  cpuPerMessageUs: number;
  /** The server's read and write system calls per message, same phase (probe.ts: /proc/self/io). */
  syscallsPerMessage: { read: number; write: number };
  /** This process's CPU (the bench's clients) per message, same phase: the third user of the cores. */
  clientCpuPerMessageUs: number;
  /** CPU of the PostgreSQL backends serving the server (pgcpu.ts) per message, same phase; null elsewhere. */
  dbCpuPerMessageUs: number | null;
  healthP50: number;
  healthP99: number;
  loopP99: number;
  /** Mean messages per group commit in the 200-in-flight phase (`/metrics`); null for the relay. */
  commitSize: number | null;
  /**
   * Per offered rate: latency (and the p99 of each WINDOW_SECONDS of sends), and server (and
   * PostgreSQL) CPU µs per message offered.
   */
  lat: Record<
    number,
    { p50: number; p99: number; windows: number[]; note: string; cpuUs: number; dbCpuUs: number | null }
  >;
  syncMs: number | null;
  /** Server CPU per call (all threads): close to the wall time on an idle machine. */
  syncCpuMs: number | null;
  /** CPU of the PostgreSQL backends per call (the store writes the answer's JSON); null elsewhere. */
  syncDbCpuMs: number | null;
  syncNote: string;
  /** The paged call (`limit` SYNC_PAGE) over all the member's conversations: p50 / max per page, sum. */
  syncPage: { p50: number; max: number; total: number; pages: number; cpuMs: number } | null;
  /** NaN where not measured (the skeleton). */
  heapPerSocket: number;
  /** The store's floors (durability.ts), measured before its Tradewind server started. */
  floor?: StoreFloor & { committer: Spread };
  /** When each profiled phase ran, on the clock of the servers' `.cpuprofile` files. */
  phases: Record<string, ProfileWindow>;
}

// ── server processes ──────────────────────────────────────────────────────────────────────────

export interface ServerProcess {
  url: string;
  usage(): Promise<UsageReply>;
  /** The group commit's stage times since the last call (`TRADEWIND_COMMIT_TRACE=1`), else null. */
  trace(): Promise<TraceReply | null>;
  heap(): Promise<HeapReply>;
  stop(): Promise<void>;
}

export async function startServer(
  name: TargetName,
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<ServerProcess> {
  const execArgv = [
    '--import',
    'tsx',
    '--import',
    pathToFileURL(join(ROOT, 'bench/messaging/probe.ts')).href,
    '--expose-gc',
  ];
  // One directory per server: tsx's loader thread writes a profile of its own next to the main thread's.
  if (PROFILE_DIR) execArgv.push('--cpu-prof', `--cpu-prof-dir=${join(PROFILE_DIR, name)}`);
  const child: ChildProcess = fork(join(ROOT, script), args, {
    cwd: ROOT,
    execArgv,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    void exited.then(() => reject(new Error(`${name} server exited before listening:\n${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = JSON.parse(line) as { event?: string; url?: string };
      if (parsed.event === 'listening' && parsed.url) resolve(parsed.url);
    });
  });
  let nextId = 1;
  const waiting = new Map<number, (v: { value?: unknown; error?: string }) => void>();
  child.on('message', (m: { id: number; value?: unknown; error?: string }) => waiting.get(m.id)?.(m));
  const ask = <T>(cmd: 'usage' | 'heap' | 'trace') =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (m) => {
        waiting.delete(id);
        if (m.error) reject(new Error(m.error));
        else resolve(m.value as T);
      });
      child.send({ id, cmd });
    });
  return {
    url,
    usage: () => ask<UsageReply>('usage'),
    trace: () => ask<TraceReply | null>('trace'),
    heap: () => ask<HeapReply>('heap'),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The server's group-commit histogram (`GET /metrics`, open to this machine): commits and the
 * messages they held so far, over every `path` label (the skeleton's has none); null where there
 * is none (the relay).
 */
async function groupCommits(url: string): Promise<{ count: number; sum: number } | null> {
  const res = await fetch(`${url}/metrics`).catch(() => null);
  if (!res?.ok) return null;
  const text = await res.text();
  const total = (name: string) => {
    const lines = [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))];
    return lines.length === 0 ? NaN : lines.reduce((n, m) => n + Number(m[1]), 0);
  };
  const count = total('tradewind_group_commit_size_count');
  const sum = total('tradewind_group_commit_size_sum');
  return Number.isFinite(count) && Number.isFinite(sum) ? { count, sum } : null;
}

// ── databases ─────────────────────────────────────────────────────────────────────────────────

export interface Database {
  dataDir: string;
  databaseUrl: string | undefined;
  dispose(): Promise<void>;
}

export async function createDatabase(kind: 'pglite' | 'postgres'): Promise<Database> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tradewind-bench-'));
  if (kind === 'pglite')
    return { dataDir, databaseUrl: undefined, dispose: () => rm(dataDir, { recursive: true, force: true }) };
  const name = `tradewind_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    async dispose() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ── one target ────────────────────────────────────────────────────────────────────────────────

interface Target {
  server: ServerProcess;
  /** A connected user who can send (signed up over the socket on Tradewind). */
  user(id: string): Promise<User>;
  /** Handshake auth of the idle sockets; null when the target has no seeded members. */
  idleAuths: Record<string, string>[];
  /** The handshake auth of the member with many conversations (seeded, or the relay's from memory). */
  bigMember: { auth: Record<string, string> } | null;
  /** The PostgreSQL backends' CPU µs so far; absent on other targets. */
  dbCpu?: BackendCpu;
}

export async function signUp(url: string, id: string, role: 'buyer' | 'seller'): Promise<User> {
  const socket = await connectSocket(url, {});
  const r = await emitWithAck(socket, 'auth:signUp', {
    memberId: id,
    displayName: `Bench ${id}`,
    password: PASSWORD,
    role,
  });
  if (!r.ok) throw new Error(`sign-up of ${id} failed: ${r.code}: ${r.message}`);
  return { id, socket };
}

/** A ratio: two digits below 1. */
const ratio = (r: number) => `${r < 1 ? r.toFixed(2) : r.toFixed(1)}×`;
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(0)) : '∞');

async function measure(name: TargetName, t: Target): Promise<Figures> {
  const log = (s: string) => console.log(`  [${name}] ${s}`);
  const run = randomBytes(2).toString('hex');
  const users: User[] = [];
  for (let i = 0; i < USERS; i++) users.push(await t.user(`u${run}-${i}`));
  const hot = [await t.user(`hot${run}-a`), await t.user(`hot${run}-b`)] as const;
  const pairs: Pair[] = [];
  for (let i = 0; i < USERS; i++)
    for (let j = i + 1; j < USERS; j++)
      pairs.push((i + j) % 2 ? { from: users[i]!, to: users[j]! } : { from: users[j]!, to: users[i]! });
  const many = pairs.slice(0, IN_FLIGHT);
  const deliveries = new Deliveries();
  for (const u of [...users, ...hot]) deliveries.watch(u);

  await closedLoop(many, 50, 1, 2_000); // warm-up: JIT, pools, first conversations
  const phases: Figures['phases'] = {};
  const dbCpu = async () => (t.dbCpu ? await t.dbCpu.total() : NaN);
  const usage0 = await t.server.usage();
  const db0 = await dbCpu();
  const commits0 = await groupCommits(t.server.url);
  const health = pollHealth(t.server.url);
  let from = monotonicMicros();
  const client0 = process.cpuUsage();
  const m = await closedLoop(many, IN_FLIGHT, SECONDS, 200_000);
  const client = process.cpuUsage(client0);
  phases[`${IN_FLIGHT} in flight, ${IN_FLIGHT} conversations`] = { from, to: monotonicMicros() };
  const usage = await t.server.usage();
  const db1 = await dbCpu();
  const commits1 = await groupCommits(t.server.url);
  const healthMs = (await health.stop()).sort((a, b) => a - b);
  const commitSize =
    commits0 && commits1 && commits1.count > commits0.count
      ? (commits1.sum - commits0.sum) / (commits1.count - commits0.count)
      : null;
  log(
    `many: ${m.acked} acked, ${m.failed} failed in ${m.seconds.toFixed(1)} s; loop delay p99 ${ms(usage.loopDelayP99Ms)} ms${commitSize === null ? '' : `; ${commitSize.toFixed(1)} messages per group commit`}`,
  );
  const h = await closedLoop([{ from: hot[0], to: hot[1] }], IN_FLIGHT, SECONDS, 200_000);
  log(`hot: ${h.acked} acked, ${h.failed} failed in ${h.seconds.toFixed(1)} s`);

  const lat: Figures['lat'] = {};
  deliveries.collect(); // the closed loops' deliveries
  for (const rate of [100, 1_000]) {
    const seconds = rate === 1_000 ? P99_SECONDS : LATENCY_SECONDS;
    from = monotonicMicros();
    const cpu0 = (await t.server.usage()).cpuMicros;
    await t.server.trace();
    const dbAt0 = await dbCpu();
    const start = performance.now();
    const r = await openLoop(many, rate, seconds, deliveries, MAX_BACKLOG);
    await deliveries.drain(DRAIN_MS);
    const cpuUs = ((await t.server.usage()).cpuMicros - cpu0) / Math.max(1, r.offered);
    const stages = await t.server.trace();
    if (stages)
      log(
        `${rate}/s, group commit stages (TRADEWIND_COMMIT_TRACE), p50 / p99 ms: ${Object.entries(
          stages.stages,
        )
          .map(([k, v]) => `${k} ${v.p50.toFixed(3)} / ${v.p99.toFixed(2)}`)
          .join(', ')}; ${stages.sends} sends, ${stages.meanBatch.toFixed(1)} a commit${
          stages.store
            ? Object.entries(stages.store)
                .filter(([, s]) => s.requests > 0)
                .map(
                  ([kind, s]) =>
                    `; PGlite's thread, ${s.requests} ${kind === 'commits' ? 'requests that commit' : 'other requests'}, p50 / p99 ms: ${Object.entries(
                      s.legs,
                    )
                      // (NaN, where there were none, crosses the IPC channel as null)
                      .map(([k, v]) => `${k} ${v.p50?.toFixed(3) ?? '-'} / ${v.p99?.toFixed(2) ?? '-'}`)
                      .join(', ')}`,
                )
                .join('')
            : ''
        }`,
      );
    const dbCpuUs = t.dbCpu ? ((await dbCpu()) - dbAt0) / Math.max(1, r.offered) : null;
    phases[`${rate.toLocaleString('en')} msg/s offered`] = { from, to: monotonicMicros() };
    const got = deliveries.collect();
    const lost = got.filter((d) => d.ms === Infinity).length;
    const all = got.map((d) => d.ms).sort((a, b) => a - b);
    // The p99 of each window of sends (by when they were sent); a last short window is left out.
    const windows: number[] = [];
    for (let w = 0; (w + 1) * WINDOW_SECONDS <= seconds; w++) {
      const lo = start + w * WINDOW_SECONDS * 1000;
      const these = got
        .filter((d) => d.sentAt >= lo && d.sentAt < lo + WINDOW_SECONDS * 1000)
        .map((d) => d.ms)
        .sort((a, b) => a - b);
      if (these.length > 0) windows.push(percentile(these, 99));
    }
    const notes = [];
    if (r.offered < Math.round(rate * seconds)) notes.push(`offer stopped after ${r.offered} (fell behind)`);
    if (r.failed > 0)
      notes.push(
        `${r.failed} failed (${Object.entries(r.failures)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')})`,
      );
    if (lost > 0) notes.push(`${lost} not delivered within ${DRAIN_MS / 1000} s`);
    lat[rate] = {
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      windows,
      note: notes.join('; '),
      cpuUs,
      dbCpuUs,
    };
    log(
      `${rate}/s for ${seconds} s: p50 ${ms(lat[rate].p50)} ms, p99 ${ms(lat[rate].p99)} ms (per ${WINDOW_SECONDS} s: ${windows.map(ms).join(' / ')}); CPU µs a message: server ${cpuUs.toFixed(0)}${dbCpuUs === null ? '' : `, PostgreSQL ${dbCpuUs.toFixed(0)}`} ${lat[rate].note}`,
    );
  }

  let syncMs: number | null = null;
  let syncCpuMs: number | null = null;
  let syncDbCpuMs: number | null = null;
  let syncNote = 'n/a';
  let syncPage: Figures['syncPage'] = null;
  if (t.bigMember) {
    const s = await connectSocket(t.server.url, t.bigMember.auth);
    const times: number[] = [];
    let count = 0;
    let bytes = 0;
    const u0 = await t.server.usage();
    const syncDb0 = await dbCpu();
    from = monotonicMicros();
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = await emitWithAck(s, 'sync:conversations', {});
      times.push(performance.now() - t0);
      if (!r.ok) throw new Error(`sync:conversations failed: ${r.code}: ${r.message}`);
      count = (r.value as unknown[]).length;
      if (i === 0) bytes = JSON.stringify(r.value).length;
    }
    phases['sync:conversations ×5'] = { from, to: monotonicMicros() };
    const u1 = await t.server.usage();
    syncCpuMs = (u1.cpuMicros - u0.cpuMicros) / 5 / 1000;
    if (t.dbCpu) syncDbCpuMs = ((await dbCpu()) - syncDb0) / 5 / 1000;
    times.sort((a, b) => a - b);
    syncMs = percentile(times, 50);
    syncNote = `${count} conversations, ${(bytes / 1e6).toFixed(2)} MB as JSON; median of 5 (min ${ms(times[0]!)}, max ${ms(times[4]!)})`;
    log(`sync:conversations ${ms(syncMs)} ms — ${syncNote}`);

    // As the app asks: pages of SYNC_PAGE in id order until a short page.
    const pageTimes: number[] = [];
    let after: string | undefined;
    let paged = 0;
    from = monotonicMicros();
    for (;;) {
      const t0 = performance.now();
      const r = await emitWithAck(s, 'sync:conversations', { limit: SYNC_PAGE, after });
      pageTimes.push(performance.now() - t0);
      if (!r.ok) throw new Error(`sync:conversations page failed: ${r.code}: ${r.message}`);
      const page = r.value as { id: string }[];
      paged += page.length;
      if (page.length < SYNC_PAGE) break;
      after = page.at(-1)!.id;
    }
    phases[`sync:conversations in pages of ${SYNC_PAGE}`] = { from, to: monotonicMicros() };
    if (paged !== count) throw new Error(`paged sync returned ${paged} conversations, not ${count}`);
    const pagesCpu = ((await t.server.usage()).cpuMicros - u1.cpuMicros) / 1000;
    const total = pageTimes.reduce((a, b) => a + b, 0);
    pageTimes.sort((a, b) => a - b);
    syncPage = {
      p50: percentile(pageTimes, 50),
      max: pageTimes.at(-1)!,
      total,
      pages: pageTimes.length,
      cpuMs: pagesCpu / pageTimes.length,
    };
    log(
      `sync:conversations in ${pageTimes.length} pages of ${SYNC_PAGE}: p50 ${ms(syncPage.p50)} ms, max ${ms(syncPage.max)} ms, all ${ms(total)} ms`,
    );
    s.close();
  }

  for (const u of [...users, ...hot]) u.socket.close();
  let heapPerSocket = NaN;
  if (t.idleAuths.length > 0) {
    const heap0 = await t.server.heap();
    const idle = await idleSockets(t.server.url, t.idleAuths, 100);
    const heap1 = await t.server.heap();
    for (const ws of idle) ws.terminate();
    heapPerSocket = (heap1.heapUsed - heap0.heapUsed) / idle.length;
    log(`idle: ${idle.length} sockets, heap +${((heap1.heapUsed - heap0.heapUsed) / 1e6).toFixed(1)} MB`);
  }

  return {
    manyRate: m.acked / m.seconds,
    manyFailed: m.failed ? `${m.failed} failed` : '',
    hotRate: h.acked / h.seconds,
    cpuPerMessageUs: (usage.cpuMicros - usage0.cpuMicros) / Math.max(1, m.acked),
    syscallsPerMessage: {
      read: (usage.readSyscalls - usage0.readSyscalls) / Math.max(1, m.acked),
      write: (usage.writeSyscalls - usage0.writeSyscalls) / Math.max(1, m.acked),
    },
    dbCpuPerMessageUs: t.dbCpu ? (db1 - db0) / Math.max(1, m.acked) : null,
    clientCpuPerMessageUs: (client.user + client.system) / Math.max(1, m.acked),
    healthP50: percentile(healthMs, 50),
    healthP99: percentile(healthMs, 99),
    loopP99: usage.loopDelayP99Ms,
    commitSize,
    lat,
    syncMs,
    syncCpuMs,
    syncDbCpuMs,
    syncNote,
    syncPage,
    heapPerSocket,
    phases,
  };
}

async function runRelay(): Promise<Figures> {
  const server = await startServer('relay', 'bench/messaging/relay.ts', [], {
    BENCH_RELAY_CONVERSATIONS: String(Math.max(CONVERSATIONS, SOCKETS)),
  });
  try {
    return await measure('relay', {
      server,
      user: async (id) => ({ id, socket: await connectSocket(server.url, { user: id }) }),
      idleAuths: Array.from({ length: SOCKETS }, (_, i) => ({ user: `idle-${i}` })),
      bigMember: { auth: { user: SELLER } },
    });
  } finally {
    await server.stop();
  }
}

async function runTradewind(kind: 'pglite' | 'postgres'): Promise<Figures> {
  const db = await createDatabase(kind);
  try {
    const store = await openStore({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
    let big;
    let committer: Spread;
    try {
      const key = loadOrCreateSigningKey(join(db.dataDir, 'server-key.json'));
      const t0 = performance.now();
      big = await seedBigMember(store, key, Math.max(CONVERSATIONS, SOCKETS), new Date());
      console.log(
        `  [${kind}] seeded ${Math.max(CONVERSATIONS, SOCKETS)} members and conversations in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      committer = await committerFloor(store, key, FLOOR_N);
    } finally {
      await store.close();
    }
    const floor = {
      ...(db.databaseUrl
        ? await postgresFloor(db.databaseUrl, FLOOR_N)
        : await pgliteFloor(db.dataDir, FLOOR_N)),
      committer,
    };
    const spread = (f: Spread) => `p50 ${ms(f.p50)} ms, p99 ${ms(f.p99)} ms`;
    console.log(
      `  [${kind}] floor (${FLOOR_N} each): the group committer alone ${spread(floor.committer)}; commit ${spread(floor.commit)}; select 1 ${spread(floor.roundTrip)}; fdatasync ${spread(floor.fdatasync)} in ${floor.fdatasyncWhere}`,
    );
    const server = await startServer(kind, 'server/src/main.ts', ['--port', '0'], {
      TRADEWIND_DATA_DIR: db.dataDir,
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
      LOG_LEVEL: 'error',
      TRADEWIND_STATIC_DIR: join(db.dataDir, 'no-renderer'),
      TRADEWIND_SEND_RATE: '0',
      TRADEWIND_NEW_CONTACTS_PER_DAY: '0',
      TRADEWIND_SIGNUP_BURST: '1000000',
      TRADEWIND_SIGNUP_PER_HOUR: '1000000',
    });
    const dbCpu = db.databaseUrl
      ? await backendCpu(PG_ADMIN_URL, new URL(db.databaseUrl).pathname.slice(1))
      : undefined;
    try {
      const figures = await measure(kind, {
        server,
        user: (id) => signUp(server.url, id, 'buyer'),
        idleAuths: big.partnerTokens.slice(0, SOCKETS).map((token) => ({ token })),
        bigMember: { auth: { token: big.token } },
        ...(dbCpu ? { dbCpu } : {}),
      });
      if (db.databaseUrl) await explainReads(db.databaseUrl, big.memberId);
      return { ...figures, floor };
    } finally {
      await dbCpu?.close();
      await server.stop();
    }
  } finally {
    await db.dispose();
  }
}

/** The skeleton (bench/messaging/skeleton.ts) on a fresh store: the send phases only. */
async function runSkeleton(kind: 'pglite' | 'postgres'): Promise<Figures> {
  const name: TargetName = `skeleton-${kind}`;
  const db = await createDatabase(kind);
  try {
    const server = await startServer(name, 'bench/messaging/skeleton.ts', [], {
      TRADEWIND_DATA_DIR: db.dataDir,
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    });
    const dbCpu = db.databaseUrl
      ? await backendCpu(PG_ADMIN_URL, new URL(db.databaseUrl).pathname.slice(1))
      : undefined;
    try {
      return await measure(name, {
        server,
        user: async (id) => ({ id, socket: await connectSocket(server.url, { user: id }) }),
        idleAuths: [],
        bigMember: null,
        ...(dbCpu ? { dbCpu } : {}),
      });
    } finally {
      await dbCpu?.close();
      await server.stop();
    }
  } finally {
    await db.dispose();
  }
}

/**
 * The plans PostgreSQL chooses (after `analyze`) for the read paths and the send path's checks,
 * on the bench's data: which scans and indexes they use.
 */
async function explainReads(databaseUrl: string, bigMember: string): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('analyze');
    const [some] = (
      await c.query<{ conversation_id: string; sender: string; client_id: string; partner: string }>(
        `select conversation_id, sender, client_id, case when sender = member_a then member_b else member_a end as partner
         from messages join conversations on id = conversation_id where sender <> $1 limit 1`,
        [bigMember],
      )
    ).rows;
    if (!some) return;
    // A sync:batch request of the member with every conversation: 500 cursors from seq 0.
    const batch = (
      await c.query<{ id: string }>(
        'select id from conversations where member_a = $1 or member_b = $1 order by id limit 500',
        [bigMember],
      )
    ).rows.map((r) => r.id);
    const plans: [string, string, unknown[]][] = [
      [`sync:conversations, member with every conversation`, CONVERSATIONS_OF, [bigMember]],
      [`sync:conversations, member with one`, CONVERSATIONS_OF, [some.sender]],
      [
        `sync:conversations page, member with every conversation`,
        CONVERSATIONS_PAGE,
        [bigMember, '', SYNC_PAGE],
      ],
      [`sync:conversations page, member with one`, CONVERSATIONS_PAGE, [some.sender, '', SYNC_PAGE]],
      ['sync:messages page', MESSAGES_AFTER, [some.conversation_id, 0, 201]],
      ['sync:batch, 500 cursors: last seqs', LAST_SEQS, [batch]],
      [
        'sync:batch, 500 cursors: pages',
        MESSAGES_AFTER_MANY,
        [batch, batch.map(() => 0), batch.map(() => 3)],
      ],
      [
        'message:send checks (de-dup, recipient, blocks)',
        CHECK_SENDS,
        [[some.conversation_id], [some.sender], [some.client_id], [some.partner]],
      ],
    ];
    console.log('  [postgres] plans (explain, after analyze):');
    for (const [what, sql, params] of plans) {
      const rows = (await c.query<{ 'QUERY PLAN': string }>(`explain (costs off) ${sql}`, params)).rows;
      const scans = rows
        .map((r) => r['QUERY PLAN'].trim().replace(/^->\s*/, ''))
        .filter((l) => /Scan|Join|Loop/.test(l));
      console.log(`    ${what}: ${scans.join('; ')}`);
    }
  } finally {
    await c.end();
  }
}

// ── the table ─────────────────────────────────────────────────────────────────────────────────

function printTable(targets: TargetName[], results: Partial<Record<TargetName, Figures>>): void {
  const base = results.relay;
  const cols = targets.filter((k) => k !== 'relay' && results[k]);
  // The floors are the store's: the skeleton's column shows those measured for Tradewind's.
  const floorOf = (t: TargetName) => {
    const store = storeOf(t);
    return store ? results[store]?.floor : undefined;
  };
  const rate = (v: number, b?: number) =>
    `${Math.round(v).toLocaleString('en')}${b ? ` (${v >= b ? `${(v / b).toFixed(1)}×` : `1/${(b / v).toFixed(v * 10 > b ? 1 : 0)}`})` : ''}`;
  const times = (v: number, b?: number) =>
    Number.isNaN(v) ? 'n/a' : `${ms(v)}${b && Number.isFinite(v) ? ` (${(v / b).toFixed(1)}×)` : ''}`;
  const spread = (f: Spread | undefined, b?: number) =>
    f ? `${ms(f.p50)} / ${ms(f.p99)}${b ? ` (p50 ${ratio(f.p50 / b)})` : ''}` : 'n/a';
  type Row = [string, (f: Figures, t: TargetName, b?: Figures) => string];
  const rows: Row[] = [
    [
      `acked msg/s, ${IN_FLIGHT} in flight, ${IN_FLIGHT} conversations`,
      (f, _, b) => rate(f.manyRate, b?.manyRate),
    ],
    [`acked msg/s, ${IN_FLIGHT} in flight, 1 conversation`, (f, _, b) => rate(f.hotRate, b?.hotRate)],
    [
      'server CPU µs per message (200 conversations)',
      (f, _, b) => times(f.cpuPerMessageUs, b?.cpuPerMessageUs),
    ],
    [
      'server read / write system calls per message, same run',
      (f) => `${f.syscallsPerMessage.read.toFixed(2)} / ${f.syscallsPerMessage.write.toFixed(2)}`,
    ],
    ['bench client CPU µs per message, same run', (f) => f.clientCpuPerMessageUs.toFixed(0)],
    [
      'PostgreSQL backends CPU µs per message, same run',
      (f) => (f.dbCpuPerMessageUs === null ? 'n/a' : f.dbCpuPerMessageUs.toFixed(0)),
    ],
    ['/healthz p50 / p99 ms during that run', (f) => `${ms(f.healthP50)} / ${ms(f.healthP99)}`],
    ['server event-loop delay p99 ms, same run', (f) => ms(f.loopP99)],
    [
      'messages per group commit, same run (mean)',
      (f) => (f.commitSize === null ? 'n/a' : f.commitSize.toFixed(1)),
    ],
    ...[100, 1_000].flatMap((r): Row[] => [
      [
        `${r.toLocaleString('en')} msg/s offered${r === 1_000 ? ` for ${P99_SECONDS} s` : ''}: p50 ms sender→recipient`,
        (f, _, b) => times(f.lat[r]!.p50, b?.lat[r]!.p50),
      ],
      [`${r.toLocaleString('en')} msg/s offered: p99 ms`, (f, _, b) => times(f.lat[r]!.p99, b?.lat[r]!.p99)],
      ...(r === 1_000
        ? ([
            [
              `1,000 msg/s offered: p99 ms of each ${WINDOW_SECONDS} s of sends`,
              (f) => f.lat[r]!.windows.map(ms).join(' / '),
            ],
            [
              `floor: the group committer alone, one send at a time, p50 / p99 ms (p50 × the relay's p50 at 1,000 msg/s)`,
              (_, t, b) => spread(floorOf(t)?.committer, b?.lat[r]!.p50),
            ],
            [
              `floor: the store's minimal commit, p50 / p99 ms`,
              (_, t, b) => spread(floorOf(t)?.commit, b?.lat[r]!.p50),
            ],
            [
              'floor: one select 1 round trip, p50 / p99 ms',
              (_, t, b) => spread(floorOf(t)?.roundTrip, b?.lat[r]!.p50),
            ],
            [
              `floor: 8 KiB write + fdatasync on the store's filesystem, p50 / p99 ms`,
              (_, t, b) => spread(floorOf(t)?.fdatasync, b?.lat[r]!.p50),
            ],
          ] satisfies Row[])
        : []),
      [
        `${r.toLocaleString('en')} msg/s offered: CPU µs per message, server / PostgreSQL`,
        (f) =>
          `${f.lat[r]!.cpuUs.toFixed(0)}${f.lat[r]!.dbCpuUs === null ? '' : ` / ${f.lat[r]!.dbCpuUs.toFixed(0)}`}`,
      ],
    ]),
    [
      `server heap KB per idle socket (${SOCKETS.toLocaleString('en')})`,
      (f, _, b) => times(f.heapPerSocket / 1024, b ? b.heapPerSocket / 1024 : undefined),
    ],
    [
      `sync:conversations ms, ${CONVERSATIONS.toLocaleString('en')} conversations`,
      (f, _, b) => (f.syncMs === null ? 'n/a' : times(f.syncMs, b?.syncMs ?? undefined)),
    ],
    [
      'sync:conversations server CPU ms per call',
      (f, _, b) => (f.syncCpuMs === null ? 'n/a' : times(f.syncCpuMs, b?.syncCpuMs ?? undefined)),
    ],
    ['  PostgreSQL CPU ms per call', (f) => (f.syncDbCpuMs === null ? 'n/a' : ms(f.syncDbCpuMs))],
    [
      `sync:conversations, one page of ${SYNC_PAGE}: p50 / max ms`,
      (f, _, b) =>
        f.syncPage
          ? `${ms(f.syncPage.p50)} / ${ms(f.syncPage.max)}${b?.syncPage ? ` (p50 ${ratio(f.syncPage.p50 / b.syncPage.p50)})` : ''}`
          : 'n/a',
    ],
    ['  server CPU ms per page', (f) => (f.syncPage ? ms(f.syncPage.cpuMs) : 'n/a')],
    [
      `  all pages (${Math.ceil(CONVERSATIONS / SYNC_PAGE) + (CONVERSATIONS % SYNC_PAGE ? 0 : 1)} calls), ms`,
      (f) => (f.syncPage ? ms(f.syncPage.total) : 'n/a'),
    ],
  ];
  const header = ['measure', ...(base ? [LABELS.relay] : []), ...cols.map((c) => LABELS[c])];
  const lines = [header, header.map((_, i) => (i === 0 ? '---' : '---:'))];
  for (const [label, cell] of rows)
    lines.push([
      label,
      ...(base ? [cell(base, 'relay')] : []),
      ...cols.map((c) => cell(results[c]!, c, base)),
    ]);
  console.log(`\n${lines.map((l) => `| ${l.join(' | ')} |`).join('\n')}\n`);
  for (const c of cols) {
    const f = results[c]!;
    const notes = [
      f.manyFailed,
      ...Object.entries(f.lat).map(([r, l]) => (l.note ? `${r}/s: ${l.note}` : '')),
      f.syncNote === 'n/a' ? '' : f.syncNote,
    ].filter(Boolean);
    if (notes.length > 0) console.log(`${c}: ${notes.join(' · ')}`);
  }
  if (!base) return;
  // What the floors say about issue 9's targets (ratios to the relay of this run).
  const p50Target = 3 * base.lat[1_000]!.p50;
  const rateTarget = base.manyRate / 3;
  for (const store of ['pglite', 'postgres'] as const) {
    const floor = results[store]?.floor;
    const skeleton = results[`skeleton-${store}`];
    const name = store === 'pglite' ? 'PGlite' : 'PostgreSQL';
    const relayP50 = base.lat[1_000]!.p50;
    if (floor) {
      // A send takes the relay's path (socket.io in and out) and, between the two, waits for its
      // commit: at least the relay's p50 + the store's minimal commit; with what the guarantees
      // add to that commit (checks, seq, chain hash, signature, the write itself), the relay's
      // p50 + the group committer alone. Both on an idle store: lower bounds.
      const bare = relayP50 + floor.commit.p50;
      const guaranteed = relayP50 + floor.committer.p50;
      console.log(
        `${name}: p50 at 1,000 msg/s ≤ 3× the relay = ${ms(p50Target)} ms. The relay's p50 + the store's minimal commit (p50 ${ms(floor.commit.p50)} ms) = ${ms(bare)} ms (${ratio(bare / relayP50)}); + the group committer alone instead (p50 ${ms(floor.committer.p50)} ms: checks, seq, chain, signature, write, commit) = ${ms(guaranteed)} ms (${ratio(guaranteed / relayP50)}) → ${bare > p50Target ? 'out of reach: a commit of the store is slower than the target' : guaranteed > p50Target ? "out of reach: the guarantees' own commit of one send, on an idle store, is slower than the target" : 'within reach'}.${skeleton ? ` The skeleton's p50: ${ms(skeleton.lat[1_000]!.p50)} ms (${ratio(skeleton.lat[1_000]!.p50 / relayP50)}).` : ''}`,
      );
    }
    if (skeleton)
      console.log(
        `${name}: ≥ 1/3 of the relay = ${Math.round(rateTarget).toLocaleString('en')} msg/s; the skeleton reaches ${Math.round(skeleton.manyRate).toLocaleString('en')} (${skeleton.manyRate >= rateTarget ? 'the guarantees allow it' : 'out of reach with the guarantees alone, on this machine'}).`,
      );
  }
  if (base.syncMs !== null) {
    const stores = (['pglite', 'postgres'] as const).filter((k) => typeof results[k]?.syncMs === 'number');
    console.log(
      `sync:conversations ≤ 100 ms: the relay carries the same answer from memory (${base.syncNote}) in ${ms(base.syncMs)} ms${stores.map((k) => `; ${LABELS[k]} ${ms(results[k]!.syncMs!)} ms`).join('')}.`,
    );
  }
}

export async function run(): Promise<void> {
  const targets = (
    process.env.BENCH_MESSAGING_TARGETS ?? 'relay,skeleton-pglite,pglite,skeleton-postgres,postgres'
  ).split(',') as TargetName[];
  const unknown = targets.filter((t) => !(t in LABELS));
  if (unknown.length > 0) throw new Error(`BENCH_MESSAGING_TARGETS: no target ${unknown.join(', ')}`);
  const results: Partial<Record<TargetName, Figures>> = {};
  for (const t of targets) {
    console.log(`messaging: ${t}`);
    results[t] =
      t === 'relay'
        ? await runRelay()
        : t === 'skeleton-pglite' || t === 'skeleton-postgres'
          ? await runSkeleton(storeOf(t)!)
          : await runTradewind(t);
  }
  printTable(targets, results);
  if (PROFILE_DIR) {
    for (const t of targets) {
      const dir = join(PROFILE_DIR, t);
      // One profile per thread: the main thread's, PGlite's worker's, tsx's loader's (which holds
      // little and is left out).
      const files = await Promise.all(
        (await readdir(dir))
          .filter((f) => f.endsWith('.cpuprofile'))
          .map(async (f) => ({ f, size: (await stat(join(dir, f))).size })),
      );
      const largest = Math.max(0, ...files.map((f) => f.size));
      for (const { f } of files.filter((x) => x.size > largest / 10).sort((a, b) => b.size - a.size)) {
        console.log(`\nCPU profile of the ${t} server, whole run, ${join(dir, f)}:`);
        console.log(await summariseProfile(join(dir, f), 20));
        for (const [phase, window] of Object.entries(results[t]?.phases ?? {})) {
          console.log(`\n  ${t}, ${phase}:`);
          console.log(
            await summariseProfile(join(dir, f), Number(process.env.BENCH_PROFILE_TOP ?? 12), window),
          );
        }
      }
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
