import pg from 'pg';
import type { Queryable, RowsOf, Statement, Store, Transaction } from './store';

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
    async batch<S extends readonly Statement<object>[]>(statements: readonly [...S]) {
      const out: unknown[][] = [];
      for (const s of statements) out.push((await c.query(s.sql, [...s.params])).rows);
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
