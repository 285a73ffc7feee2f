import { migrate } from './migrate';
import { openPgliteStore } from './pglite';
import { openPostgresStore } from './postgres';
import type { Store } from './store';

export type { Queryable, Store } from './store';

export interface StoreConfig {
  /** PostgreSQL connection string; when absent, PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

/** Opens the configured store and brings its schema up to date. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const store = config.databaseUrl
    ? await openPostgresStore(config.databaseUrl)
    : await openPgliteStore(config.dataDir);
  try {
    await migrate(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
