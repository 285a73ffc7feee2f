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
  // Fail at start, not on the first request, when the database is unreachable.
  const probe = await pool.connect();
  probe.release();
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      const r = await c.query<T & pg.QueryResultRow>(sql, [...params]);
      return r.rows;
    },
    async exec(sql: string) {
      await c.query(sql);
    },
    // In turn, as separate calls would: pg sends a statement once the previous one is answered.
    // Prepared by name: `batch` carries the hot, fixed statements (Queryable.batch).
    async batch<S extends readonly Statement<object>[]>(statements: readonly [...S]) {
      const out: unknown[][] = [];
      for (const s of statements)
        out.push((await c.query({ name: preparedName(s.sql), text: s.sql, values: [...s.params] })).rows);
      return out as RowsOf<S>;
    },
  });
  const root = wrap(pool);
  return {
    kind: 'postgres',
    query: root.query,
    exec: root.exec,
    batch: root.batch,
    async transaction(fn) {
      const client = await pool.connect();
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
        async batch(statements) {
          open();
          return inner.batch(statements);
        },
        async commitWith(statements) {
          open();
          const rows = await inner.batch(statements);
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
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function logIdleError(err: Error): void {
  process.stderr.write(
    `${JSON.stringify({ level: 'warn', msg: 'postgres: an idle connection ended', error: err.message })}\n`,
  );
}
