/**
 * One live query per row, shared by every component that reads it (issue 10). Opening a
 * conversation mounted eleven `useContact` of the partner, five `useConversation` and five
 * `useMe`: each its own live query, its own IndexedDB request queued before the message window's,
 * its own re-render when it answered, and `undefined` on its first render even when the row had
 * been read long before. A shared query reads once, tells every subscriber, and hands its last
 * value to a new subscriber at once (`hasValue`/`getValue`, which dexie-react-hooks' `useObservable`
 * asks on the first render). It stays open for `LINGER_MS` after its last subscriber leaves, so a
 * view that remounts (another conversation opened, and back) finds it. A query that fails is
 * closed and forgotten at once: the next subscriber opens it again rather than get the error.
 */

/** What dexie-react-hooks' `useObservable` subscribes to (Dexie's `liveQuery` is one). */
export interface Source<T> {
  subscribe(next: (value: T) => void, error?: (e: unknown) => void): { unsubscribe(): void } | (() => void);
}

export interface SharedQuery<T> {
  subscribe(next: (value: T) => void, error?: (e: unknown) => void): { unsubscribe(): void };
  hasValue(): boolean;
  getValue(): T | undefined;
}

export const LINGER_MS = 5000;

interface Entry {
  query: SharedQuery<unknown>;
}

/**
 * The shared queries of each database instance, by key. By instance, not by name: after a sign-out
 * and in again as the same member, a query of the closed instance must not be found.
 */
const owners = new WeakMap<object, Map<string, Entry>>();

/**
 * The shared query of `owner` (the database) for `key` (the row: `contact|${memberId}`), made
 * from `open()` (called when the first subscriber comes while none is open).
 */
export function sharedQuery<T>(owner: object, key: string, open: () => Source<T>): SharedQuery<T> {
  let entries = owners.get(owner);
  if (!entries) {
    entries = new Map();
    owners.set(owner, entries);
  }
  const found = entries.get(key);
  if (found) return found.query as SharedQuery<T>;
  const listeners = new Set<{ next: (v: T) => void; error?: (e: unknown) => void }>();
  let has = false;
  let value: T | undefined;
  let source: (() => void) | null = null;
  let failed = false;
  let linger: ReturnType<typeof setTimeout> | null = null;
  const close = (): void => {
    source?.();
    source = null;
    // Only its own: a query closed after an error may have been opened anew under the key.
    if (entries.get(key)?.query === query) entries.delete(key);
  };
  const query: SharedQuery<T> = {
    subscribe(next, error) {
      const l = { next, error };
      listeners.add(l);
      if (linger) {
        clearTimeout(linger);
        linger = null;
      }
      if (!source) {
        if (!entries.has(key)) entries.set(key, { query: query });
        failed = false;
        const s = open().subscribe(
          (v) => {
            has = true;
            value = v;
            for (const x of [...listeners]) x.next(v);
          },
          (e) => {
            // Closed and forgotten before the subscribers hear of it: one coming next retries.
            failed = true;
            close();
            for (const x of [...listeners]) x.error?.(e);
          },
        );
        const stop = typeof s === 'function' ? s : () => s.unsubscribe();
        // An error while subscribing came before `source` was set: close it now.
        if (failed) stop();
        else source = stop;
      } else if (has) next(value as T);
      return {
        unsubscribe() {
          if (!listeners.delete(l) || listeners.size > 0) return;
          linger = setTimeout(close, LINGER_MS);
        },
      };
    },
    hasValue: () => has,
    getValue: () => value,
  };
  entries.set(key, { query: query });
  return query;
}

/**
 * The last value of `owner`'s shared query for `key` while one is open and has answered, without
 * opening one (issue 10: a read that can do without a row already in memory).
 */
export function sharedValue<T>(owner: object, key: string): T | undefined {
  const q = owners.get(owner)?.get(key)?.query;
  return q?.hasValue() ? (q.getValue() as T) : undefined;
}
