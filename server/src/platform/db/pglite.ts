import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Queryable, Store } from './store';

/** The embedded store: PGlite (PostgreSQL in WebAssembly) in `<dataDir>/pglite`. */
export async function openPgliteStore(dataDir: string): Promise<Store> {
  const dir = join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const wrap = (q: PGlite | Transaction): Queryable => ({
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      const r = await q.query<T>(sql, [...params]);
      return r.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const root = wrap(db);
  return {
    kind: 'pglite',
    query: root.query,
    exec: root.exec,
    // PGlite has one connection; its transaction() holds an exclusive lock, so other queries
    // wait until this one commits — the same isolation the pg pool gives us with row locks.
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}
