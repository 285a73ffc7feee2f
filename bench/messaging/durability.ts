/**
 * The durability floor of the messaging bench (issue 9): a message is acked and delivered only
 * after its commit, so no send's latency can be below one commit of the store. Measured in the
 * bench's run, one operation at a time on an otherwise idle store (a lower bound: under load a
 * send also waits for the commit in flight):
 *
 * - `fdatasyncFloor`: an 8 KiB write (a WAL page) + `fdatasync`, in a fresh file in `dir` — put
 *   it on the filesystem of the store's data directory;
 * - `postgresFloor`: on PostgreSQL, a minimal durable commit — an `insert` of one row into a
 *   logged table in its own transaction (autocommit, one round trip) with
 *   `synchronous_commit = on`, so the commit waits for its WAL flush — and a `select 1` round trip.
 *   Not a temporary table: a transaction that wrote only temporary (unlogged) rows commits
 *   without waiting for the flush (PostgreSQL's `RecordTransactionCommit`), so it would measure
 *   no flush at all;
 * - `pgliteFloor`: on PGlite, the server's own embedded store (`openPgliteStore`: its worker
 *   thread, the same requests a group commit sends) in a fresh data directory: a minimal commit
 *   (`transaction` + `commitWith` of one insert, as `commitSingleWriter` writes) and a `select 1`
 *   (`query`, a crossing of its own). PGlite never flushes: it runs PostgreSQL with `fsync = off`
 *   and its file layer (Emscripten's NODEFS, PGlite 0.5.16) has no `fsync` (docs/operations.md);
 *   `strace -f -c` of 300 commits counts no fsync or fdatasync, only `pwrite64`. Its commit is
 *   durable against the process dying, not against a power cut — so its floor is the engine and
 *   the thread crossings, not the disk.
 *
 * - `committerFloor`: the messages feature's own group committer (`MessageCommitter`, configured
 *   as a node runs it: `nodeCommitterOptions`) on the bench's store, one send at a time, before
 *   the server starts: the checks, the next seq, the chain hash, the commit's signature, the write
 *   and its commit — what an ack waits for beyond the socket, with no session, queue or load.
 *
 * Each returns wall-time percentiles in ms over `n` operations after a warm-up of `n / 10`.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { DEFAULT_COMMIT_PIPELINE } from '../../server/src/app';
import { MessageCommitter, nodeCommitterOptions } from '../../server/src/features/messages/commit';
import { openPgliteStore } from '../../server/src/platform/db/pglite';
import { statement, type Store } from '../../server/src/platform/db/store';
import { bytesSigner } from '../../server/src/platform/signing/sign';
import type { SigningKey } from '../../server/src/platform/signing/signingKey';
import { plainSend } from './sends';

export interface Spread {
  p50: number;
  p99: number;
  n: number;
}

export interface StoreFloor {
  /** The minimal commit that the store's ack waits for. */
  commit: Spread;
  /** One statement's round trip, no commit to wait for. */
  roundTrip: Spread;
  /** 8 KiB write + fdatasync on the filesystem of the store's data. */
  fdatasync: Spread;
  /** Where the fdatasync ran, and why there. */
  fdatasyncWhere: string;
}

function spread(ms: number[]): Spread {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((q / 100) * s.length) - 1))]!;
  return { p50: at(50), p99: at(99), n: s.length };
}

/** Wall ms of each of `n` awaited calls of `fn`, after `n / 10` unmeasured ones. */
async function timed(n: number, fn: (i: number) => unknown): Promise<Spread> {
  for (let i = 0; i < Math.ceil(n / 10); i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return spread(out);
}

/** 8 KiB write + fdatasync, appended like a WAL (a new block each time, wrapping at 2 MiB). */
export async function fdatasyncFloor(dir: string, n: number): Promise<Spread> {
  const work = mkdtempSync(join(dir, 'tradewind-fsync-'));
  const fd = openSync(join(work, 'wal'), 'w');
  const page = randomBytes(8192);
  let block = 0;
  try {
    return await timed(n, () => {
      writeSync(fd, page, 0, page.length, (block++ % 256) * page.length);
      fdatasyncSync(fd);
    });
  } finally {
    closeSync(fd);
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A directory on the filesystem of PostgreSQL's data directory (`show data_directory`): the OS
 * temporary directory when it is on the same device, otherwise a fresh one beside the data
 * directory (when this user may write there).
 */
function besidePostgres(dataDirectory: string): { dir: string; where: string } {
  const dev = (p: string) => {
    try {
      return statSync(p).dev;
    } catch {
      return null;
    }
  };
  const pgDev = dev(dataDirectory);
  if (pgDev !== null && pgDev === dev(tmpdir()))
    return { dir: tmpdir(), where: `${tmpdir()} (same device as ${dataDirectory})` };
  const parent = dirname(dataDirectory);
  try {
    rmSync(mkdtempSync(join(parent, 'tradewind-probe-')), { recursive: true });
    return { dir: parent, where: `${parent} (beside ${dataDirectory})` };
  } catch {
    return { dir: tmpdir(), where: `${tmpdir()} (NOT PostgreSQL's device: ${dataDirectory} not reachable)` };
  }
}

export async function postgresFloor(databaseUrl: string, n: number): Promise<StoreFloor> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('set synchronous_commit = on');
    await c.query(
      'create table if not exists bench_floor_commit (id bigserial primary key, v text not null)',
    );
    const commit = await timed(n, (i) =>
      c.query({
        name: 'floor_insert',
        text: 'insert into bench_floor_commit (v) values ($1)',
        values: [`m${i}`],
      }),
    );
    const roundTrip = await timed(n, () => c.query({ name: 'floor_select', text: 'select 1' }));
    await c.query('drop table bench_floor_commit');
    const [row] = (await c.query<{ data_directory: string }>('show data_directory')).rows;
    const { dir, where } = besidePostgres(row!.data_directory);
    return { commit, roundTrip, fdatasync: await fdatasyncFloor(dir, n), fdatasyncWhere: where };
  } finally {
    await c.end();
  }
}

/** `dataDir`: a directory on the embedded store's filesystem (a fresh store is made inside it). */
export async function pgliteFloor(dataDir: string, n: number): Promise<StoreFloor> {
  const dir = mkdtempSync(join(dataDir, 'floor-'));
  try {
    const store = await openPgliteStore(dir);
    try {
      await store.exec('create table bench_floor_commit (id bigserial primary key, v text not null)');
      const insert = 'insert into bench_floor_commit (v) values ($1)';
      const commit = await timed(n, (i) =>
        store.transaction((tx) => tx.commitWith([statement(insert, [`m${i}`])])),
      );
      const roundTrip = await timed(n, () => store.query('select 1'));
      return {
        commit,
        roundTrip,
        fdatasync: await fdatasyncFloor(dataDir, n),
        fdatasyncWhere: `${dataDir} (the data directory; PGlite itself never flushes)`,
      };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `n` sends from one new member to another (two users added for it), each awaited before the
 * next, through the committer a node of `store` runs.
 */
export async function committerFloor(store: Store, key: SigningKey, n: number): Promise<Spread> {
  const [a, b] = ['floor-a', 'floor-b'] as const;
  await store.query(
    `insert into users (member_id, display_name, password_hash, role, member_since)
     select m, m, 'x', 'buyer', now() from unnest($1::text[]) as m`,
    [[a, b]],
  );
  const committer = new MessageCommitter(
    store,
    bytesSigner(key.secretKey),
    key.keyId,
    nodeCommitterOptions(store.kind, DEFAULT_COMMIT_PIPELINE),
  );
  return timed(n, (i) => committer.send(plainSend(a, b, `Message ${i}: price for 500 units, FOB Shenzhen?`)));
}
