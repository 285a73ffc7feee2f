import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { openPostgresStore, preparedName } from '../../server/src/platform/db/postgres';
import { statement } from '../../server/src/platform/db/store';
import { createTestDatabase, PG_ADMIN_URL } from '../helpers/server';

describe('PostgreSQL store', () => {
  it('survives PostgreSQL ending its idle connections (restart, failover, operator)', async () => {
    const db = await createTestDatabase('postgres');
    const idleErrors: Error[] = [];
    const store = await openPostgresStore(db.databaseUrl!, 4, (err) => idleErrors.push(err));
    try {
      expect(await store.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
      const name = new URL(db.databaseUrl!).pathname.slice(1);
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      const killed = await admin.query<{ pid: number }>(
        'select pg_terminate_backend(pid) as pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      // The pool reports the ended idle client instead of crashing the process…
      // vi.waitFor's default of 1 s is short for a busy machine; the test's timeout still bounds it.
      await vi.waitFor(() => expect(idleErrors.length).toBeGreaterThan(0), { timeout: 20_000 });
      // …and the next query gets a fresh connection.
      expect(await store.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await store.close();
      await db.dispose();
    }
  });

  it('runs batched statements as named prepared statements, parsed once per connection', async () => {
    const db = await createTestDatabase('postgres');
    // One connection, so every transaction below meets the statements the earlier ones prepared.
    const store = await openPostgresStore(db.databaseUrl!, 1);
    const sql = 'select $1::int + 1 as n';
    const prepared = (q: { query: typeof store.query }) =>
      q.query<{ name: string; statement: string }>('select name, statement from pg_prepared_statements');
    try {
      for (let i = 0; i < 3; i++) {
        const out = await store.transaction(async (tx) => {
          const [rows] = await tx.batch([statement<{ n: number }>(sql, [i])]);
          const [last] = await tx.commitWith([statement<{ n: number }>(sql, [i + 10])]);
          return [rows[0]!.n, last[0]!.n];
        });
        expect(out).toEqual([i + 1, i + 11]);
      }
      // Outside a transaction too.
      const [rows] = await store.batch([statement<{ n: number }>(sql, [41])]);
      expect(rows).toEqual([{ n: 42 }]);
      expect(await prepared(store)).toEqual([{ name: preparedName(sql), statement: sql }]);
      // `query` stays unnamed: texts built per call must not pile up on the connection.
      await store.query('select $1::int as m', [1]);
      expect(await prepared(store)).toHaveLength(1);
    } finally {
      await store.close();
      await db.dispose();
    }
  });

  it('prepares a statement again, under a fresh name, when it went stale on its connection (0A000, 26000)', async () => {
    const db = await createTestDatabase('postgres');
    // One connection: every call meets what the earlier ones prepared on it.
    const store = await openPostgresStore(db.databaseUrl!, 1);
    const select = statement<{ a: unknown }>('select a from stale_probe order by a');
    try {
      await store.exec('create table stale_probe (a int); insert into stale_probe values (1)');
      expect(await store.batch([select])).toEqual([[{ a: 1 }]]);
      // The table changes under the plan: "cached plan must not change result type" (0A000).
      await store.exec('alter table stale_probe alter column a type text');
      expect(await store.batch([select])).toEqual([[{ a: '1' }]]);
      // Inside a transaction, which the error aborts: the transaction runs again.
      await store.exec('alter table stale_probe alter column a type bigint using a::bigint');
      let runs = 0;
      const inTx = await store.transaction(async (tx) => {
        runs += 1;
        await tx.query('insert into stale_probe values ($1)', [runs + 1]);
        return tx.commitWith([select]);
      });
      expect(runs).toBe(2);
      // The first run's insert was rolled back with it.
      expect(inTx).toEqual([[{ a: '1' }, { a: '3' }]]);
      // The name is gone from the connection (26000): prepared again too.
      const names = await store.query<{ name: string }>('select name from pg_prepared_statements');
      for (const { name } of names) await store.exec(`deallocate ${name}`);
      expect(await store.batch([select])).toEqual([[{ a: '1' }, { a: '3' }]]);
      // Any other error is the statement's own: not retried.
      let bad = 0;
      await expect(
        store.transaction(async (tx) => {
          bad += 1;
          return tx.commitWith([statement('select 1 / $1::int as q', [0])]);
        }),
      ).rejects.toMatchObject({ code: '22012' });
      expect(bad).toBe(1);
    } finally {
      await store.close();
      await db.dispose();
    }
  });
});
