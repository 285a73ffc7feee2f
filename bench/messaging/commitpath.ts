/**
 * The group commit's own latency, one send at a time (issue 9): the messages feature's
 * `MessageCommitter` on the server's own store (PGlite in its worker thread, or PostgreSQL), with
 * no socket in front of it. Alone: `npx tsx bench/messaging/commitpath.ts`.
 *
 * Two ways of committing, alternated round by round on the same store and conversations so that
 * a loaded machine blurs both alike:
 * - `read+write`: a single writer's read-then-write path (`commitSingleWriter`, two requests) on
 *   PGlite; on PostgreSQL the committer of several nodes (`commitBatch`: lock + read, then write);
 * - `cached`: PGlite's committer as the server builds it (heads cached, one request:
 *   `WRITE_CHECKED`); on PostgreSQL the same single-writer committer, for comparison only (a
 *   PostgreSQL node is never the only writer);
 * - PostgreSQL only, `read+write, generic plans`: `commitBatch` after `set local plan_cache_mode =
 *   force_generic_plan` (one more round trip), to see what planning costs it.
 * Each send is awaited before the next (the latency of a commit that starts at once, as at
 * 1,000 msg/s when the store keeps up); per way: p50 / p99 ms, and CPU µs per send of this
 * process (both threads on PGlite; the PostgreSQL backends' not counted).
 *
 * Settings: `BENCH_COMMIT_TARGETS` (`pglite,postgres`), `BENCH_COMMIT_ROUNDS` (20),
 * `BENCH_COMMIT_SENDS` (sends per round and way, 100), `BENCH_COMMIT_CONVERSATIONS` (100),
 * `BENCH_COMMIT_HISTORY` (messages stored in each conversation before the timed rounds, through
 * the cached committer in batches, 0: a commit's cost must not grow with its conversation's length),
 * `BENCH_COMMIT_BATCH` (sends queued together and awaited together, each a group commit of that
 * many, 1: latency; 60: the commits of a loaded server, per send; only the cached committer makes
 * one commit of them), `BENCH_COMMIT_WAYS` (the ways to run, all by default), `BENCH_COMMIT_SETUP` (SQL run
 * after the migrations: an experiment's schema change, an index dropped…), `TRADEWIND_TEST_PG`
 * (PostgreSQL admin URL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  MessageCommitter,
  commitBatch,
  commitSingleWriter,
  type PendingSend,
} from '../../server/src/features/messages/commit';
import { openStore } from '../../server/src/platform/db';
import type { Store } from '../../server/src/platform/db/store';
import { bytesSigner } from '../../server/src/platform/signing/sign';
import { plainSend } from './sends';

const env = process.env;
const TARGETS = (env.BENCH_COMMIT_TARGETS ?? 'pglite,postgres').split(',');
const ROUNDS = Number(env.BENCH_COMMIT_ROUNDS ?? 20);
const SENDS = Number(env.BENCH_COMMIT_SENDS ?? 100);
const CONVERSATIONS = Number(env.BENCH_COMMIT_CONVERSATIONS ?? 100);
const HISTORY = Number(env.BENCH_COMMIT_HISTORY ?? 0);
const BATCH = Number(env.BENCH_COMMIT_BATCH ?? 1);
const SETUP = env.BENCH_COMMIT_SETUP;
const WAYS = env.BENCH_COMMIT_WAYS?.split(',');
const PG_ADMIN_URL = env.TRADEWIND_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const sign = bytesSigner(randomBytes(32));
const KEY_ID = 'bench';

const pending = (from: string, to: string, n: number): PendingSend =>
  plainSend(from, to, `Message ${n}: price for 500 units, FOB Shenzhen?`);

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function measure(kind: 'pglite' | 'postgres', store: Store): Promise<void> {
  if (SETUP) await store.exec(SETUP);
  const members = Array.from(
    { length: CONVERSATIONS + 1 },
    (_, i) => `cp${i}-${randomBytes(3).toString('hex')}`,
  );
  await store.query(
    `insert into users (member_id, display_name, password_hash, role, member_since)
     select m, m, 'x', 'buyer', now() from unnest($1::text[]) as m`,
    [members],
  );
  // Each way its own conversations: the read path writing behind the cache's back would make
  // every cached head stale.
  const all = members.slice(1).map((m) => [members[0]!, m] as const);
  const third = Math.ceil(all.length / 3);
  const pairsOf: Record<string, (readonly [string, string])[]> = {
    'read+write': all.slice(0, third),
    cached: all.slice(third, 2 * third),
    'read+write, generic plans': all.slice(2 * third),
  };
  const cached = new MessageCommitter(store, sign, KEY_ID, { singleWriter: true });
  const ways: Record<string, (s: PendingSend) => Promise<unknown>> = {
    'read+write': (s) =>
      kind === 'pglite'
        ? commitSingleWriter(store, [s], sign, KEY_ID)
        : store.transaction((tx) => commitBatch(tx, [s], sign, KEY_ID)),
    cached: (s) => cached.send(s),
    // PostgreSQL only: the read path with every statement on its generic plan (one more round trip).
    ...(kind === 'postgres'
      ? {
          'read+write, generic plans': (s: PendingSend) =>
            store.transaction(async (tx) => {
              await tx.query('set local plan_cache_mode = force_generic_plan');
              return commitBatch(tx, [s], sign, KEY_ID);
            }),
        }
      : {}),
  };
  for (const way of Object.keys(ways)) if (WAYS && !WAYS.includes(way)) delete ways[way];
  // First messages (conversations created, heads cached), then the timed rounds.
  for (const [a, b] of all) await cached.send(pending(a, b, 0));
  // History: each conversation's earlier messages, 200 sends at a time (group commits of them).
  for (let done = 0; done < HISTORY;) {
    const n = Math.min(200, HISTORY - done);
    await Promise.all(
      all.flatMap(([a, b]) => Array.from({ length: n }, (_, i) => cached.send(pending(a, b, done + i)))),
    );
    done += n;
  }
  const times: Record<string, number[]> = {};
  const cpu: Record<string, number> = {};
  let n = 1;
  for (let round = 0; round < ROUNDS; round++)
    for (const [way, send] of round % 2 ? Object.entries(ways).reverse() : Object.entries(ways)) {
      const c0 = process.cpuUsage();
      const pairs = pairsOf[way]!;
      for (let i = 0; i < SENDS; i++) {
        const batch = Array.from({ length: BATCH }, () => {
          const [a, b] = pairs[n % pairs.length]!;
          const s = pending(n % 2 ? a : b, n % 2 ? b : a, n);
          n++;
          return s;
        });
        const t0 = performance.now();
        await (BATCH === 1 ? send(batch[0]!) : Promise.all(batch.map(send)));
        (times[way] ??= []).push(performance.now() - t0);
      }
      const c = process.cpuUsage(c0);
      cpu[way] = (cpu[way] ?? 0) + c.user + c.system;
    }
  console.log(
    `\n${kind}: ${ROUNDS} rounds × ${SENDS} ${BATCH === 1 ? 'sends a way, one at a time' : `commits of ${BATCH} sends a way, one commit at a time`}, ${all.length} conversations (a third each), ${HISTORY} messages of history each${SETUP ? `; set-up: ${SETUP}` : ''}`,
  );
  console.log(`| way | p50 ms${BATCH === 1 ? '' : ' a commit'} | p90 ms | p99 ms | CPU µs a send |`);
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const way of Object.keys(ways)) {
    const t = times[way]!.sort((x, y) => x - y);
    console.log(
      `| ${way} | ${pct(t, 50).toFixed(3)} | ${pct(t, 90).toFixed(3)} | ${pct(t, 99).toFixed(2)} | ${(cpu[way]! / t.length / BATCH).toFixed(0)} |`,
    );
  }
  console.log(`cached committer: ${JSON.stringify(cached.stats)}`);
}

for (const kind of TARGETS) {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'tradewind-commitpath-'));
    const store = await openStore({ databaseUrl: undefined, dataDir: dir });
    try {
      await measure('pglite', store);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  } else if (kind === 'postgres') {
    const name = `tradewind_commitpath_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    const dir = mkdtempSync(join(tmpdir(), 'tradewind-commitpath-'));
    try {
      const store = await openStore({ databaseUrl: url.toString(), dataDir: dir });
      try {
        await measure('postgres', store);
      } finally {
        await store.close();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  } else throw new Error(`BENCH_COMMIT_TARGETS: no target ${kind}`);
}
