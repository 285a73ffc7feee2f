/**
 * Counts for bench/client.ts with BENCH_CLIENT_COUNT=1, added to the page before the app loads:
 * every IndexedDB request of an object store or index (Dexie's included), by `store.method`
 * (`store[index].method`), the rows `getAll`/`getAllKeys` returned and the cursor steps, and the
 * message bubbles added to the DOM (each element once), and when each request was issued and answered. `__counts.reset()` starts a phase (a new
 * page starts at zero), `__counts.take()` reads it. Counts, unlike times, do not depend on the load.
 */
export interface Counts {
  requests: Record<string, number>;
  rows: Record<string, number>;
  bubbles: number;
  /** Each request in the order issued: its name, `performance.now()` when issued and when answered. */
  timeline: [string, number, number | null][];
}
const empty = (): Counts => ({ requests: {}, rows: {}, bubbles: 0, timeline: [] });
let counts: Counts = empty();
const bump = (r: Record<string, number>, k: string, n = 1): void => {
  r[k] = (r[k] ?? 0) + n;
};
const nameOf = (src: IDBObjectStore | IDBIndex): string =>
  src instanceof IDBIndex ? `${src.objectStore.name}[${src.name}]` : src.name;

const METHODS = ['get', 'getKey', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor'];
const WRITES = ['put', 'add', 'delete', 'clear'];
for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype] as unknown as Record<string, unknown>[]) {
  for (const m of [...METHODS, ...WRITES]) {
    const orig = proto[m] as ((...a: unknown[]) => IDBRequest) | undefined;
    if (typeof orig !== 'function') continue;
    proto[m] = function (this: IDBObjectStore | IDBIndex, ...args: unknown[]): IDBRequest {
      const k = `${nameOf(this)}.${m}`;
      bump(counts.requests, k);
      const req = orig.apply(this, args);
      const mine = counts;
      const entry: [string, number, number | null] = [k, performance.now(), null];
      mine.timeline.push(entry);
      req.addEventListener('success', () => (entry[2] ??= performance.now()));
      if (m === 'getAll' || m === 'getAllKeys')
        req.addEventListener('success', () => bump(mine.rows, k, (req.result as unknown[]).length));
      if (m === 'openCursor' || m === 'openKeyCursor')
        req.addEventListener('success', () => {
          if (req.result) bump(mine.rows, k);
        });
      return req;
    };
  }
}

const seen = new WeakSet<Element>();
new MutationObserver((records) => {
  for (const r of records)
    for (const n of r.addedNodes) {
      if (!(n instanceof Element)) continue;
      for (const li of n.matches('[role="listitem"]') ? [n] : n.querySelectorAll('[role="listitem"]')) {
        if (seen.has(li) || !li.closest('[role="log"]')) continue;
        seen.add(li);
        counts.bubbles += 1;
      }
    }
}).observe(document, { childList: true, subtree: true });

(window as unknown as { __counts: unknown }).__counts = {
  reset(): void {
    counts = empty();
  },
  take(): Counts {
    return counts;
  },
};
