import { migrate } from './migrate';
import { openPgliteStore } from './pglite';
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

/** Opens the configured store and brings its schema up to date. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const store = config.databaseUrl
    ? await openPostgresStore(config.databaseUrl, config.poolSize ?? DEFAULT_POOL_SIZE)
    : await openPgliteStore(config.dataDir);
  try {
    await migrate(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
