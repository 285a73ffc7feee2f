import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { openPostgresStore } from '../../server/src/platform/db/postgres';
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
      await vi.waitFor(() => expect(idleErrors.length).toBeGreaterThan(0));
      // …and the next query gets a fresh connection.
      expect(await store.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await store.close();
      await db.dispose();
    }
  });
});
