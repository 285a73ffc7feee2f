import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Queryable, RowsOf, Statement, Store, Transaction } from './store';

/**
 * The prepared-statement name of a statement text: `batch` and `commitWith` run named statements
 * (pg's `{ name, text, values }`), which each connection parses once and PostgreSQL's plan cache
 * then serves — the group commit's statements are the same few texts thousands of times a second.
 * Named by the text's hash, so the same text always has the same name on every connection, and
 * two texts never share one (pg refuses a name reused for another text).
 */
const names = new Map<string, string>();
export function preparedName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `tw_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    names.set(sql, name);
  }
  return name;
}

/**
 * A named statement itself is unusable, as in pgliteWorker.mjs: 26000 invalid_sql_statement_name
 * (the name is gone from the connection: DEALLOCATE, DISCARD ALL, a pooler), or the plan cache's
 * "cached plan must not change result type" (a migration changed a table under the plan), which
 * carries 0A000 feature_not_supported — as do errors of a statement's own (`for update` on the
 * nullable side of an outer join…), so 0A000 counts only from the plan cache (`routine`, never
 * translated).
 */
function isStale(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, routine } = err as { code?: unknown; routine?: unknown };
  return code === '26000' || (code === '0A000' && routine === 'RevalidateCachedQuery');
}

/**
 * node-postgres never parses a name again on a connection that parsed it once, so a stale
 * statement would fail on that connection until the process restarts. The connection then
 * prepares every statement under fresh names (a new `generation`: after DEALLOCATE ALL or DISCARD
 * ALL all its names are gone at once, and a migration may have changed several plans), and the
 * failed call is made once more: at once outside a transaction, and inside one (which the error
 * has aborted) by running the transaction again from its start (`Store.transaction`). Once more
 * only: with every name fresh, a second stale error is not a stale name. Stale names are left as
 * they are: the hot statements once per connection and schema change.
 */
const generation = new WeakMap<pg.ClientBase, number>();
let generations = 0;
/** The errors `batch` answered by renaming its connection's statements: their transaction runs once more. */
const retriable = new WeakSet<object>();

const nameOn = (client: pg.ClientBase, sql: string): string => {
  const g = generation.get(client);
  return g === undefined ? preparedName(sql) : `${preparedName(sql)}_${g}`;
};

/** True (and the statements of `client` renamed) when `err` says a prepared statement is stale. */
function renameIfStale(client: pg.ClientBase, err: unknown): boolean {
  if (!isStale(err)) return false;
  generations += 1;
  generation.set(client, generations);
  retriable.add(err as object);
  return true;
}

/**
 * `Queryable.batch` on one connection: each statement by name, in turn. A stale one is renamed
 * and, outside a transaction, run again at once; inside one, the error goes to `transaction`.
 */
async function batchOn(
  client: pg.ClientBase,
  statements: readonly Statement<object>[],
  inTransaction: boolean,
): Promise<unknown[][]> {
  const out: unknown[][] = [];
  const run = async (s: Statement<object>): Promise<unknown[]> =>
    (await client.query({ name: nameOn(client, s.sql), text: s.sql, values: [...s.params] }))
      .rows as unknown[];
  for (const s of statements) {
    try {
      out.push(await run(s));
    } catch (err) {
      if (!renameIfStale(client, err) || inTransaction) throw err;
      out.push(await run(s));
    }
  }
  return out;
}

/** PostgreSQL through a `pg` pool (`DATABASE_URL`). */
export async function openPostgresStore(
  connectionString: string,
  poolSize: number,
  onIdleError: (err: Error) => void = logIdleError,
): Promise<Store> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client's connection can end under us (PostgreSQL restarted, a failover, an operator
  // terminated it). pg reports that on the pool, and an 'error' event with no listener would
  // crash the process; the pool has already dropped the client and the next query opens a new one.
  pool.on('error', onIdleError);
  // `writeAlone`'s connections: every statement on its generic plan. Left to choose, PostgreSQL
  // plans the group commit's write afresh for each call's parameters (a custom plan looks
  // cheaper), which cost more than the write (bench/messaging/commitpath.ts: one send at a time,
  // p50 1.17 against 0.77 ms). Two, outside the pool's `poolSize`: a node's group commits write
  // two batches of different conversations at once (messages/commit.ts; more in its pipeline wait
  // for one of these). Opened on first use. The setting is a SET, the
  // connection's first statement (pg runs a client's queries in order), not a startup option,
  // which PgBouncer refuses or drops; should it fail, the statements are planned per call.
  const generic = new pg.Pool({ connectionString, max: 2 });
  generic.on('error', onIdleError);
  generic.on('connect', (client) => {
    client.query('set plan_cache_mode = force_generic_plan').catch(() => undefined);
  });
  // Fail at start, not on the first request, when the database is unreachable.
  const probe = await pool.connect();
  probe.release();
  const wrap = (c: pg.Pool | pg.PoolClient): Omit<Queryable, 'batch'> => ({
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      const r = await c.query<T & pg.QueryResultRow>(sql, [...params]);
      return r.rows;
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const root = wrap(pool);
  return {
    kind: 'postgres',
    query: root.query,
    exec: root.exec,
    // In turn, as separate calls would: pg sends a statement once the previous one is answered.
    // Prepared by name: `batch` carries the hot, fixed statements (Queryable.batch). On one
    // connection of the pool, so that a stale statement is renamed where it went stale.
    async batch<S extends readonly Statement<object>[]>(statements: readonly [...S]) {
      const client = await pool.connect();
      try {
        return (await batchOn(client, statements, false)) as RowsOf<S>;
      } finally {
        client.release();
      }
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        return await attempt(client, fn);
      } catch (err) {
        // A statement of the batch had gone stale on this connection, whose statements are renamed now: the
        // transaction, rolled back, runs once more on the same connection (`renamed`).
        if (!retriable.has(err as object)) throw err;
        return await attempt(client, fn);
      } finally {
        client.release();
      }
    },
    async writeAlone<T extends object>(s: Statement<T>) {
      const client = await generic.connect();
      try {
        return (await batchOn(client, [s], false))[0] as T[];
      } finally {
        client.release();
      }
    },
    close: async () => {
      await Promise.all([pool.end(), generic.end()]);
    },
  };

  /** One run of a transaction on `client`: committed when `fn` resolves, rolled back when it throws. */
  async function attempt<T>(client: pg.PoolClient, fn: (tx: Transaction) => Promise<T>): Promise<T> {
    let committed = false;
    const inner = wrap(client);
    const open = () => {
      if (committed) throw new Error('The transaction has been committed.');
    };
    const tx: Transaction = {
      async query<T extends object>(sql: string, params?: readonly unknown[]) {
        open();
        return inner.query<T>(sql, params);
      },
      async exec(sql) {
        open();
        return inner.exec(sql);
      },
      async batch<S extends readonly Statement<object>[]>(statements: readonly [...S]) {
        open();
        return (await batchOn(client, statements, true)) as RowsOf<S>;
      },
      async commitWith<S extends readonly Statement<object>[]>(statements: readonly [...S]) {
        open();
        const rows = (await batchOn(client, statements, true)) as RowsOf<S>;
        committed = true;
        await client.query('COMMIT');
        return rows;
      },
    };
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      if (!committed) {
        committed = true;
        await client.query('COMMIT');
      }
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
}

function logIdleError(err: Error): void {
  process.stderr.write(
    `${JSON.stringify({ level: 'warn', msg: 'postgres: an idle connection ended', error: err.message })}\n`,
  );
}
