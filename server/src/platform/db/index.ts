import { migrate } from './migrate';
import { openPgliteStore, type PgliteStore } from './pglite';
import { openPostgresStore } from './postgres';
import type { Store } from './store';

export type { Queryable, RowsOf, Statement, Store, Transaction } from './store';
export { statement } from './store';

export interface StoreConfig {
  /** PostgreSQL connection string; when absent, PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL connections per node (`DATABASE_POOL_SIZE`); defaults to `DEFAULT_POOL_SIZE`. */
  poolSize?: number | undefined;
}

/**
 * Connections per node. Sends take one connection per group commit, whatever their number;
 * the rest serve reads (sync, lists, translation cache) and sign-ins.
 */
export const DEFAULT_POOL_SIZE = 10;

/**
 * Opens the configured store and brings its schema up to date. PGlite, which has no autovacuum,
 * then analyses its tables (a store that already holds data plans with its current statistics;
 * pglite.ts keeps them current from there); on PostgreSQL autovacuum does it.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  let pglite: PgliteStore | null = null;
  const store = config.databaseUrl
    ? await openPostgresStore(config.databaseUrl, config.poolSize ?? DEFAULT_POOL_SIZE)
    : (pglite = await openPgliteStore(config.dataDir));
  try {
    await migrate(store);
    await pglite?.analyze();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
