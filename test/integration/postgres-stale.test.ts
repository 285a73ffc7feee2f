import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/src/platform/db/postgres';
import { statement } from '../../server/src/platform/db/store';
import { createTestDatabase } from '../helpers/server';

describe('PostgreSQL store: stale prepared statements', () => {
  it('runs a transaction again when every name is gone from its connection (DEALLOCATE ALL, DISCARD ALL)', async () => {
    const db = await createTestDatabase('postgres');
    const store = await openPostgresStore(db.databaseUrl!, 1);
    // The shape of a group commit: two statements in one batch, then a third with the commit.
    const lock = statement<{ a: number }>('select a from stale_all where a = $1', [1]);
    const check = statement<{ n: number }>('select count(*)::int as n from stale_all');
    const write = statement('insert into stale_all values ($1)', [2]);
    const group = () =>
      store.transaction(async (tx) => {
        await tx.batch([lock, check]);
        return tx.commitWith([write]);
      });
    try {
      await store.exec('create table stale_all (a int); insert into stale_all values (1)');
      await group();
      await store.exec('deallocate all');
      await expect(group()).resolves.toEqual([[]]);
    } finally {
      await store.close();
      await db.dispose();
    }
  });

  it('does not prepare a new statement on every call when a statement fails with 0A000 for a reason of its own', async () => {
    const db = await createTestDatabase('postgres');
    const store = await openPostgresStore(db.databaseUrl!, 1);
    // 0A000 feature_not_supported raised when the statement is planned, not parsed.
    const bad = statement('select a from stale_bad left join stale_bad2 using (a) for update of stale_bad2');
    try {
      await store.exec('create table stale_bad (a int); create table stale_bad2 (a int)');
      for (let i = 0; i < 5; i++) await expect(store.batch([bad])).rejects.toMatchObject({ code: '0A000' });
      const [row] = await store.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements');
      expect(row?.n).toBeLessThanOrEqual(1);
    } finally {
      await store.close();
      await db.dispose();
    }
  });
});
