/**
 * A lookup that many concurrent requests make — the send path's relation check, the away
 * auto-reply's settings — as one statement for all of them instead of one each: the group commit's
 * rule applied to reads. The first lookup goes out on the next tick; lookups that arrive while a
 * statement is in flight wait for it and go out together as the next one. No cache: every lookup
 * reads the database as it is when its statement runs. Built on dataloader (graphql/dataloader),
 * one loader per store, so that two servers in one process (tests, several nodes) never share one.
 */
import DataLoader from 'dataloader';
import type { Queryable } from './store';

/** Most keys in one statement (bounds its parameter arrays). */
const MAX_BATCH = 500;

/**
 * `load(db, keys)` answers every key in order (the same length as `keys`). Returns a function
 * that looks up one key, batched with the others of the moment.
 */
export function batchedLookup<K, V>(
  load: (db: Queryable, keys: readonly K[]) => Promise<V[]>,
): (db: Queryable, key: K) => Promise<V> {
  const loaders = new WeakMap<Queryable, DataLoader<K, V>>();
  const loaderFor = (db: Queryable) => {
    let inFlight: Promise<unknown> | null = null;
    return new DataLoader<K, V>(
      (keys) => {
        const answer = load(db, keys);
        const done = answer.then(
          () => undefined,
          () => undefined,
        );
        inFlight = done;
        void done.then(() => {
          if (inFlight === done) inFlight = null;
        });
        return answer;
      },
      {
        cache: false,
        maxBatchSize: MAX_BATCH,
        batchScheduleFn: (dispatch) => {
          if (inFlight) void inFlight.then(dispatch);
          else process.nextTick(dispatch);
        },
      },
    );
  };
  return (db, key) => {
    let loader = loaders.get(db);
    if (!loader) {
      loader = loaderFor(db);
      loaders.set(db, loader);
    }
    return loader.load(key);
  };
}
