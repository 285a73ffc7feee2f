/**
 * What one group commit runs, statement by statement (issue 9): the messages feature's own
 * `commitBatch` against PGlite in this thread (the same engine and calls as its worker thread,
 * without the crossings) and against PostgreSQL, each statement timed where it runs. Alone:
 * `npx tsx bench/messaging/statements.ts`. Settings: `BENCH_STMT_TARGETS` (`pglite,postgres`),
 * `BENCH_STMT_BATCH` (50 sends a commit), `BENCH_STMT_COMMITS` (200), `BENCH_STMT_CONVERSATIONS`
 * (200), `BENCH_STMT_HISTORY` (messages stored in each conversation first, 100),
 * `BENCH_STMT_EXPLAIN=1` prints EXPLAIN ANALYZE of each statement of one more commit (PostgreSQL
 * reports each trigger's time, so the foreign-key checks show), target `worker` the server's own
 * embedded store in its worker thread (round trips timed here, CPU of both threads), `TRADEWIND_TEST_PG` the
 * PostgreSQL admin URL. Prints, per statement: calls, mean and p99 ms, share of the commit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { conversationIdFor, participantsOf } from '../../shared/protocol';
import { commitBatch, type PendingSend } from '../../server/src/features/messages/commit';
import { migrate } from '../../server/src/platform/db/migrate';
import { openPgliteStore } from '../../server/src/platform/db/pglite';
import { openPostgresStore } from '../../server/src/platform/db/postgres';
import type { RowsOf, Statement, Store, Transaction } from '../../server/src/platform/db/store';
import { bytesSigner } from '../../server/src/platform/signing/sign';
import { backendCpu, type BackendCpu } from './pgcpu';
import { plainSend } from './sends';

const env = process.env;
const TARGETS = (env.BENCH_STMT_TARGETS ?? 'pglite,postgres').split(',');
const BATCH = Number(env.BENCH_STMT_BATCH ?? 50);
const COMMITS = Number(env.BENCH_STMT_COMMITS ?? 200);
const CONVERSATIONS = Number(env.BENCH_STMT_CONVERSATIONS ?? 200);
const HISTORY = Number(env.BENCH_STMT_HISTORY ?? 100);
const EXPLAIN = env.BENCH_STMT_EXPLAIN === '1';
const PG_ADMIN_URL = env.TRADEWIND_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Per statement label: each call's ms. */
type Times = Map<string, number[]>;

const label = (sql: string): string => {
  const s = sql.trim().replace(/\s+/g, ' ');
  if (/^with (created|missing) as/i.test(s)) return '1 lock (create + for update)';
  if (/^select t\.i::int/i.test(s)) return '2 check (dup, recipient, blocks)';
  if (/^with inserted as/i.test(s)) return '3 write (insert + heads)';
  return s.slice(0, 40);
};

function record(times: Times, name: string, ms: number): void {
  const list = times.get(name) ?? [];
  list.push(ms);
  times.set(name, list);
}

/** PGlite in this thread as a `Store` (explicit begin/commit on its one connection). */
function pgliteStore(db: PGlite, times: Times): Store {
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await run();
    record(times, name, performance.now() - t0);
    const c = process.cpuUsage(c0);
    record(times, `${name} (CPU)`, (c.user + c.system) / 1000);
    return r;
  };
  const q = {
    query: async <T extends object>(sql: string, params: readonly unknown[] = []) =>
      (await timed(label(sql), () => db.query<T>(sql, [...params]))).rows,
    exec: async (sql: string) => {
      await db.exec(sql);
    },
    batch: async <S extends readonly Statement<object>[]>(statements: readonly [...S]) => {
      const out: unknown[][] = [];
      for (const s of statements) out.push(await q.query(s.sql, s.params));
      return out as RowsOf<S>;
    },
  };
  return {
    kind: 'pglite',
    ...q,
    async transaction<T>(fn: (tx: Transaction) => Promise<T>) {
      const t0 = performance.now();
      let over = false;
      await timed('0 begin', () => db.query('begin'));
      const tx: Transaction = {
        ...q,
        async commitWith<S extends readonly Statement<object>[]>(statements: readonly [...S]) {
          const rows = await q.batch(statements);
          over = true;
          await timed('4 commit', () => db.query('commit'));
          return rows;
        },
      };
      try {
        const r = await fn(tx);
        if (!over) await timed('4 commit', () => db.query('commit'));
        record(times, 'whole transaction', performance.now() - t0);
        return r;
      } catch (err) {
        await db.query('rollback');
        throw err;
      }
    },
    // Not used by `commitBatch`, which this bench times.
    writeAlone: () => Promise.reject(new Error('statements.ts times commitBatch only')),
    close: () => db.close(),
  };
}

/** PostgreSQL's store with each statement timed at the client (round trip on 127.0.0.1 included). */
function timedStore(store: Store, times: Times): Store {
  const wrap = <Q extends Pick<Store, 'query' | 'batch'>>(q: Q) => ({
    query: async <T extends object>(sql: string, params: readonly unknown[] = []) => {
      const t0 = performance.now();
      const r = await q.query<T>(sql, params);
      record(times, label(sql), performance.now() - t0);
      return r;
    },
    batch: async <S extends readonly Statement<object>[]>(statements: readonly [...S]) => {
      const out: unknown[][] = [];
      for (const s of statements) {
        const t0 = performance.now();
        out.push((await q.batch([s]))[0]);
        record(times, label(s.sql), performance.now() - t0);
      }
      return out as RowsOf<S>;
    },
  });
  return {
    ...store,
    ...wrap(store),
    transaction: <T>(fn: (tx: Transaction) => Promise<T>) => {
      const t0 = performance.now();
      return store
        .transaction((tx) => {
          const w = wrap(tx);
          return fn({
            ...tx,
            ...w,
            commitWith: async (statements) => {
              const rows = await w.batch(statements);
              const t2 = performance.now();
              // pg's commitWith runs the statements, then COMMIT: time the COMMIT alone.
              await tx.commitWith([]);
              record(times, '4 commit', performance.now() - t2);
              return rows;
            },
          });
        })
        .finally(() => record(times, 'whole transaction', performance.now() - t0));
    },
  };
}

async function seed(store: Store, members: string[]) {
  await store.query(
    `insert into users (member_id, display_name, password_hash, role, member_since)
     select id, id, 'x', 'buyer', now() from unnest($1::text[]) as id`,
    [members],
  );
}

function sendsFor(convs: { id: string; a: string; b: string }[], n: number, offset: number): PendingSend[] {
  const at = new Date();
  return Array.from({ length: n }, (_, i) => {
    const c = convs[(offset + i) % convs.length]!;
    const [sender, to] = i % 2 === 0 ? [c.a, c.b] : [c.b, c.a];
    const text = `Price list for item ${offset + i}, 500 pieces, FOB Ningbo, delivery in 30 days please.`;
    return plainSend(sender, to, text, randomUUID(), at);
  });
}

function summary(name: string, times: Times, cpuUs: number, sends: number): void {
  const rows = [...times.entries()].sort(([a], [b]) => a.localeCompare(b));
  const total = rows
    .filter(([k]) => k !== 'whole transaction')
    .reduce((s, [, v]) => s + v.reduce((x, y) => x + y, 0), 0);
  console.log(`\n${name}: ${sends} sends, CPU ${(cpuUs / sends).toFixed(1)} µs per message (this process)`);
  console.log('| statement | calls | mean ms | p99 ms | share of statements | µs per message |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [k, v] of rows) {
    const sorted = [...v].sort((x, y) => x - y);
    const sum = v.reduce((x, y) => x + y, 0);
    const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
    const share = k === 'whole transaction' ? '' : `${((100 * sum) / total).toFixed(1)} %`;
    console.log(
      `| ${k} | ${v.length} | ${(sum / v.length).toFixed(3)} | ${p99.toFixed(3)} | ${share} | ${((1000 * sum) / sends).toFixed(1)} |`,
    );
  }
}

async function run(target: string): Promise<void> {
  const times: Times = new Map();
  let store: Store;
  let cleanup: () => Promise<void>;
  let raw: (sql: string, params?: unknown[]) => Promise<unknown[]>;
  /** PostgreSQL's own CPU (its backends serving this database), on that target. */
  let dbCpu: BackendCpu | null = null;
  if (target === 'worker') {
    // The server's own embedded store (its worker thread): whole transactions only, CPU of both threads.
    const dir = mkdtempSync(join(tmpdir(), 'pglite-stmt-'));
    const inner = await openPgliteStore(dir);
    store = {
      ...inner,
      transaction: <T>(fn: (tx: Transaction) => Promise<T>) => {
        const t0 = performance.now();
        return inner
          .transaction(fn)
          .finally(() => record(times, 'whole transaction', performance.now() - t0));
      },
    };
    raw = (sql, params = []) => inner.query(sql, params);
    cleanup = async () => {
      await inner.close();
      rmSync(dir, { recursive: true, force: true });
    };
  } else if (target === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'pglite-stmt-'));
    const db = await PGlite.create(dir);
    store = pgliteStore(db, times);
    raw = async (sql, params = []) => (await db.query(sql, params)).rows;
    cleanup = async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const name = `tw_stmt_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    const inner = await openPostgresStore(url.toString(), 4);
    store = timedStore(inner, times);
    raw = (sql, params = []) => inner.query(sql, params);
    dbCpu = await backendCpu(PG_ADMIN_URL, name);
    cleanup = async () => {
      await dbCpu?.close();
      await inner.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  try {
    await migrate(store);
    // An experiment's schema change (an index dropped…), after the migrations.
    if (env.BENCH_STMT_SETUP) await store.exec(env.BENCH_STMT_SETUP);
    const members = Array.from(
      { length: CONVERSATIONS * 2 },
      (_, i) => `stmt-m${String(i).padStart(5, '0')}`,
    );
    const convs = Array.from({ length: CONVERSATIONS }, (_, i) => {
      const id = conversationIdFor(members[2 * i]!, members[2 * i + 1]!);
      const [a, b] = participantsOf(id)!;
      return { id, a, b };
    });
    await seed(store, members);
    const sign = bytesSigner(randomBytes(32));
    // History: HISTORY messages in every conversation, through the same commits (untimed).
    for (let i = 0; i < (CONVERSATIONS * HISTORY) / 200; i++)
      await store.transaction((tx) => commitBatch(tx, sendsFor(convs, 200, i * 200), sign, 'k1'));
    times.clear();
    // Markers for `strace` (which files the timed commits touch).
    if (env.BENCH_STMT_MARK) process.stderr.write('MARK commits\n');
    const db0 = await dbCpu?.total();
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < COMMITS; i++)
      await store.transaction((tx) => commitBatch(tx, sendsFor(convs, BATCH, i * BATCH), sign, 'k1'));
    const cpu = process.cpuUsage(cpu0);
    if (dbCpu && db0 !== undefined)
      console.log(
        `\n${target}: PostgreSQL backends CPU ${(((await dbCpu.total()) - db0) / (COMMITS * BATCH)).toFixed(1)} µs per message`,
      );
    if (env.BENCH_STMT_MARK) process.stderr.write('MARK end\n');
    summary(target, times, cpu.user + cpu.system, COMMITS * BATCH);
    // PGlite's fixed cost of one statement: `select 1` through the extended protocol.
    const c0 = process.cpuUsage();
    for (let i = 0; i < 500; i++) await raw('select 1 as one');
    const c1 = process.cpuUsage(c0);
    console.log(`select 1: ${((c1.user + c1.system) / 500).toFixed(1)} µs CPU each (client + engine)`);
    // Statements outside transactions as the socket thread issues them: several in one event-loop
    // turn (the batched send-path lookups, sign-ins…), each a primary-key lookup.
    const c2 = process.cpuUsage();
    for (let i = 0; i < 100; i++)
      await Promise.all(
        members
          .slice((i * 10) % members.length, ((i * 10) % members.length) + 10)
          .map((m) => raw('select member_id, display_name from users where member_id = $1', [m])),
      );
    const c3 = process.cpuUsage(c2);
    console.log(
      `user lookup, 10 in one turn: ${((c3.user + c3.system) / 1000).toFixed(1)} µs CPU each (client + engine)`,
    );
    if (EXPLAIN) {
      // One more commit's statements, each under EXPLAIN ANALYZE (rolled back).
      const sends = sendsFor(convs, BATCH, COMMITS * BATCH);
      const captured: { sql: string; params: readonly unknown[] }[] = [];
      const capture: Transaction = {
        query: async (sql, params = []) => {
          captured.push({ sql, params });
          return (await raw(sql, [...params])) as never;
        },
        exec: () => Promise.resolve(),
        batch: async (statements) => {
          const out: unknown[][] = [];
          for (const s of statements) out.push(await capture.query(s.sql, s.params));
          return out as never;
        },
        commitWith: (statements) => {
          for (const s of statements) captured.push(s);
          return Promise.resolve(statements.map(() => []) as never);
        },
      };
      await raw('begin');
      await commitBatch(capture, sends, sign, 'k1');
      await raw('rollback');
      for (const s of captured) {
        await raw('begin');
        let plan: { 'QUERY PLAN': string }[] = [];
        const planning: number[] = [];
        for (let i = 0; i < 5; i++) {
          // Each run undone before the next: a write run twice would collide with itself.
          await raw('savepoint explained');
          plan = (await raw(`explain (analyze, buffers off, timing off) ${s.sql}`, [
            ...s.params,
          ])) as typeof plan;
          await raw('rollback to savepoint explained');
          const line = plan.find((r) => r['QUERY PLAN'].startsWith('Planning Time'));
          planning.push(Number(/([\d.]+) ms/.exec(line?.['QUERY PLAN'] ?? '')?.[1] ?? NaN));
        }
        await raw('rollback');
        console.log(`\n${label(s.sql)}: planning ms ${planning.join(', ')}`);
        console.log(`\n-- ${label(s.sql)}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    }
  } finally {
    await cleanup();
  }
}

for (const t of TARGETS) await run(t);
