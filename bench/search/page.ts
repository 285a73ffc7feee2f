/**
 * The browser side of bench/search.ts, bundled with esbuild from the renderer's own modules (the
 * Dexie schema, the search indexer, its query and the shared tokenizer) and driven by Playwright
 * through `window.bench`. Every figure is measured inside Chromium.
 */
import { Dexie } from 'dexie';
import { parseQuery } from '../../shared/search/tokenize';
import { TradewindDb, type MessageRow } from '../../renderer/src/db/schema';
import {
  CHUNK,
  conversationWork,
  docOfPosting,
  indexMessagesChunk,
} from '../../renderer/src/features/search/indexer';
import * as search from '../../renderer/src/features/search/query';
import type { SearchFilters } from '../../renderer/src/features/search/query';
import { bilingualRows, CONVERSATIONS } from './rows';

const PAGE = 200;

/** Main-thread stalls while something runs: the longest gap between 10 ms ticks. */
function stallMeter(): () => { maxMs: number; over50: number } {
  let last = performance.now();
  let maxMs = 0;
  let over50 = 0;
  const id = setInterval(() => {
    const now = performance.now();
    const gap = now - last - 10;
    if (gap > maxMs) maxMs = gap;
    if (gap > 50) over50 += 1;
    last = now;
  }, 10);
  return () => {
    clearInterval(id);
    return { maxMs, over50 };
  };
}

async function fresh(name: string): Promise<TradewindDb> {
  await Dexie.delete(name);
  const db = new TradewindDb(name);
  await db.open();
  return db;
}

/** Stores the rows as catch-up does (pages of 200, one bulkPut each) and sets the cursors. */
async function store(db: TradewindDb, rows: MessageRow[]): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += PAGE) {
    await db.transaction('rw', db.messages, () => db.messages.bulkPut(rows.slice(i, i + PAGE)));
  }
  const ms = performance.now() - t0;
  const through = new Map<string, number>();
  for (const r of rows)
    through.set(r.conversationId, Math.max(through.get(r.conversationId) ?? 0, r.seq ?? 0));
  await db.cursors.bulkPut([...through].map(([conversationId, afterSeq]) => ({ conversationId, afterSeq })));
  return ms;
}

async function indexHere(db: TradewindDb): Promise<number> {
  const t0 = performance.now();
  const work = (await conversationWork(db)).filter((w) => w.through > w.done);
  while (work.length > 0) {
    await indexMessagesChunk(db, work);
    await new Promise((r) => setTimeout(r, 0)); // as the app's indexer yields between chunks
  }
  return performance.now() - t0;
}

function indexInWorker(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('./worker.js', { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ ms: number } | { error: string }>) => {
      worker.terminate();
      if ('ms' in e.data) resolve(e.data.ms);
      else reject(new Error(e.data.error));
    };
    worker.postMessage({ name });
  });
}

/** The queries timed: rare and common words, prefixes, Chinese, two words, filters. */
const QUERIES: { label: string; text: string; filters?: (cid: string) => SearchFilters }[] = [
  { label: 'probki (common, Polish, no diacritics)', text: 'probki' },
  { label: 'IP65 (product code)', text: 'IP65' },
  { label: '样品 (Chinese)', text: '样品' },
  { label: 'gwarancja 3 (two words)', text: 'gwarancja 3' },
  { label: 'LS-4711 (rare SKU)', text: 'LS-4711' },
  { label: 'zam (short prefix)', text: 'zam' },
  { label: 'probki + one contact', text: 'probki', filters: (cid) => ({ conversationId: cid }) },
  { label: 'faktura (no hit)', text: 'faktura' },
  { label: '3 (one digit: a prefix of more than 64 words)', text: '3' },
  // A tracking number typed ("SF" and digits, one word each): a prefix of thousands of words, then of
  // hundreds that are rare.
  { label: 'sf1 (tracking numbers typed)', text: 'sf1' },
  { label: 'sf12 (fewer, rarer)', text: 'sf12' },
];

/**
 * The answer checked against: every posting key of every term read and intersected, newest first
 * (the query before the newest-first walk), as the client ids of the newest 50.
 */
async function reference(db: TradewindDb, text: string, filters: SearchFilters): Promise<string[]> {
  const { terms } = parseQuery(text);
  const lists = await Promise.all(
    terms.map((t) => db.searchPostings.where('words').startsWith(t).primaryKeys()),
  );
  let docs: Set<number> | null = null;
  for (const l of lists) {
    const next = new Set<number>();
    for (const p of l) if (!docs || docs.has(docOfPosting(p))) next.add(docOfPosting(p));
    docs = next;
  }
  const rows = await db.searchDocs.bulkGet([...(docs ?? [])]);
  const newest = rows
    .filter((d) => d && (filters.conversationId === undefined || d.conversationId === filters.conversationId))
    .sort((a, b) => b!.id - a!.id)
    .slice(0, 50);
  return newest.map((d) => d!.clientId);
}

/**
 * The count the dialog shows after the hits: `countUpTo` (capped) where the code has it, else the
 * exact `countMatches` (the code before the cap, for "before" runs of this bench).
 */
async function count(db: TradewindDb, text: string, filters: SearchFilters): Promise<string> {
  const query = parseQuery(text);
  const capped = (search as { countUpTo?: typeof search.countUpTo }).countUpTo;
  if (capped) {
    const c = await capped(db, query, filters);
    return c.more ? `> ${c.n}` : String(c.n);
  }
  return String(await search.countMatches(db, query, filters));
}

/**
 * IndexedDB requests counted (every get, getAll, getAllKeys, count, cursor opened and cursor step): each is
 * a round trip to the browser process, so this is the query's cost that a loaded machine does not
 * blur. Counted on one extra run, not a timed one.
 */
const requests = { n: 0, depth: 0, done: 0 };
/**
 * The requests of the counted run, in the order issued (`BENCH_SEARCH_TRACE`): what was read, how
 * many rows came back, when it was issued and answered (ms from the query's start).
 */
let trace: { what: string; rows: number; at: number; done: number }[] | null = null;
let traceStart = 0;
/**
 * Dependent round trips: a request's depth is one more than the deepest request that had
 * completed when it was issued (those issued together, before any answer, are depth 1); the
 * query's is the deepest. Parallel requests cost one wait, a chain of them one wait each.
 */
const depthOf = new WeakMap<IDBRequest, number>();
function issued(r: IDBRequest): void {
  const depth = requests.done + 1;
  requests.depth = Math.max(requests.depth, depth);
  depthOf.set(r, depth);
}
function track(r: unknown): void {
  if (!(r instanceof IDBRequest)) return;
  issued(r);
  // Registered before the caller's onsuccess, so it runs first: what that handler issues is
  // deeper. A cursor's steps answer on this same request, each at the depth its step was issued.
  r.addEventListener('success', () => {
    requests.done = Math.max(requests.done, depthOf.get(r) ?? 0);
  });
}
for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype, IDBCursor.prototype] as object[]) {
  for (const name of [
    'get',
    'getAll',
    'getAllKeys',
    'getAllRecords',
    'count',
    'openCursor',
    'openKeyCursor',
    'continue',
    'continuePrimaryKey',
    'advance',
  ]) {
    const original = (proto as Record<string, unknown>)[name];
    if (typeof original !== 'function' || !Object.prototype.hasOwnProperty.call(proto, name)) continue;
    (proto as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      requests.n += 1;
      const r = (original as (...a: unknown[]) => unknown).apply(this, args);
      if (this instanceof IDBCursor) issued(this.request);
      else track(r);
      if (trace && r instanceof IDBRequest) {
        const source = this as IDBObjectStore | IDBIndex;
        const entry = {
          what: `${source.name}.${name}`,
          rows: 1,
          at: performance.now() - traceStart,
          done: 0,
        };
        trace.push(entry);
        r.addEventListener('success', () => {
          entry.done = performance.now() - traceStart;
          entry.rows = Array.isArray(r.result) ? r.result.length : 1;
        });
      }
      return r;
    };
  }
}

/** Per query: the time to the newest 50 hits (what the dialog shows first), and to the count. */
async function queries(db: TradewindDb, repeats: number) {
  const out: {
    label: string;
    total: string;
    times: number[];
    countTimes: number[];
    same: boolean;
    exact: number;
    hitRequests: number;
    hitDepth: number;
    hitTrace: string[];
    hitRows: number;
  }[] = [];
  for (const q of QUERIES) {
    const query = parseQuery(q.text);
    const filters = q.filters?.(CONVERSATIONS[0]!) ?? {};
    const times: number[] = [];
    const countTimes: number[] = [];
    let total = '';
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      const r = await search.searchMessages(db, query, filters, 50);
      times.push(performance.now() - t0);
      if (r.total === null) {
        const t1 = performance.now();
        total = await count(db, q.text, filters);
        countTimes.push(performance.now() - t1);
      } else total = String(r.total);
    }
    Object.assign(requests, { n: 0, depth: 0, done: 0 });
    trace = [];
    traceStart = performance.now();
    const shown = (await search.searchMessages(db, query, filters, 50)).hits.map((h) => h.message.clientId);
    const took = performance.now() - traceStart;
    const hitTrace = [
      ...trace.map((e) => `${e.what} ${e.rows} ${e.at.toFixed(1)}→${e.done.toFixed(1)}`),
      `answered at ${took.toFixed(1)} ms`,
    ];
    const hitRows = trace.reduce((n, e) => n + e.rows, 0);
    trace = null;
    const hitRequests = requests.n;
    const hitDepth = requests.depth;
    const exact = await search.countMatches(db, query, filters);
    const same = JSON.stringify(shown) === JSON.stringify(await reference(db, q.text, filters));
    out.push({
      label: q.label,
      total,
      times,
      countTimes,
      same,
      exact,
      hitRequests,
      hitDepth,
      hitTrace,
      hitRows,
    });
  }
  return out;
}

/**
 * What one request of each kind costs on this store (`BENCH_SEARCH_PHASES=costs`): each alone in
 * its own read-only transaction, `repeats` times, from issuing it to its answer. The figures that
 * chose how the query reads (keys against whole rows, block sizes).
 */
async function costs(db: TradewindDb, repeats: number) {
  const idb = db.backendDB();
  type Read = (tx: IDBTransaction) => IDBRequest;
  const newest = (
    index: IDBIndex | IDBObjectStore,
    read: 'getAll' | 'getAllKeys',
    query: IDBKeyRange,
    count: number,
  ) => (index[read] as unknown as (o: object) => IDBRequest).call(index, { query, count, direction: 'prev' });
  const words = (tx: IDBTransaction) => tx.objectStore('searchPostings').index('words');
  const prefix = (t: string) => IDBKeyRange.bound(t, `${t}\uffff`);
  // One word's keys as the query reads them newest first (query.ts `wordRange`).
  const word = (w: string) => IDBKeyRange.bound(w, `${w}\u0000`, false, true);
  const cid = CONVERSATIONS[0]!;
  const kinds: [string, Read][] = [];
  // A reverse read by `only(word)` (a closed upper bound on a key with duplicates) against one by
  // [word, word + NUL), as the query reads (query.ts `wordRange`), for words of 33,167 (zamowienie),
  // 16,657 (probki), 11,433 (ip65) and 4 (ls-4711) postings; and the oldest key, forward.
  for (const w of ['zamowienie', 'probki', 'ip65', 'ls-4711']) {
    kinds.push([
      `${w}: newest 1 key by only(word)`,
      (tx) => newest(words(tx), 'getAllKeys', IDBKeyRange.only(w), 1),
    ]);
    kinds.push([
      `${w}: newest 1 key by [word, word + NUL)`,
      (tx) => newest(words(tx), 'getAllKeys', word(w), 1),
    ]);
    kinds.push([`${w}: oldest 1 key (forward)`, (tx) => words(tx).getAllKeys(IDBKeyRange.only(w), 1)]);
  }
  kinds.push([
    'probki: newest 1 key, a cursor prev by only(word)',
    (tx) => words(tx).openKeyCursor(IDBKeyRange.only('probki'), 'prev'),
  ]);
  for (const n of [102, 408, 816, 2048, 8192])
    kinds.push([`probki: newest ${n} keys`, (tx) => newest(words(tx), 'getAllKeys', word('probki'), n)]);
  for (const n of [51, 102, 204, 408, 816])
    kinds.push([
      `probki: newest ${n} postings whole`,
      (tx) => newest(words(tx), 'getAll', word('probki'), n),
    ]);
  for (const n of [102, 408, 816, 2048])
    kinds.push([
      `probki: oldest ${n} keys (forward)`,
      (tx) => words(tx).getAllKeys(IDBKeyRange.only('probki'), n),
    ]);
  for (const n of [102, 408, 816])
    kinds.push([
      `probki: oldest ${n} postings whole (forward)`,
      (tx) => words(tx).getAll(IDBKeyRange.only('probki'), n),
    ]);
  for (const t of ['gwarancja', '3'])
    kinds.push([`${t}: first 256 keys of the prefix`, (tx) => words(tx).getAllKeys(prefix(t), 256)]);
  const byConversation = (tx: IDBTransaction) => tx.objectStore('searchDocs').index('[conversationId+seq]');
  const conversation = IDBKeyRange.bound([cid, -Infinity], [cid, Infinity]);
  for (const n of [204, 512, 2048]) {
    kinds.push([
      `one conversation: newest ${n} doc keys`,
      (tx) => newest(byConversation(tx), 'getAllKeys', conversation, n),
    ]);
    kinds.push([
      `one conversation: newest ${n} doc rows`,
      (tx) => newest(byConversation(tx), 'getAll', conversation, n),
    ]);
  }
  const byTime = (tx: IDBTransaction) => tx.objectStore('searchDocs').index('[conversationId+id]');
  if (idb.transaction('searchDocs').objectStore('searchDocs').indexNames.contains('[conversationId+id]'))
    for (const n of [256, 512, 1024])
      kinds.push([
        `one conversation by time (v15): newest ${n} doc rows`,
        (tx) => newest(byTime(tx), 'getAll', conversation, n),
      ]);
  kinds.push([
    'one conversation: 51 messages by a seq range',
    (tx) =>
      tx
        .objectStore('messages')
        .index('[conversationId+seq]')
        .getAll(IDBKeyRange.bound([cid, 9000], [cid, 9050])),
  ]);
  kinds.push([
    'one conversation: 300 messages by a seq range',
    (tx) =>
      tx
        .objectStore('messages')
        .index('[conversationId+seq]')
        .getAll(IDBKeyRange.bound([cid, 9000], [cid, 9299])),
  ]);
  kinds.push([
    'one conversation: 51 messages by gets (the last answered)',
    (tx) => {
      const store = tx.objectStore('messages');
      let last: IDBRequest | null = null;
      for (let i = 0; i < 51; i++)
        last = store.get(`00000000-0000-4000-8000-${(90_000 + i * 60).toString(16).padStart(12, '0')}`);
      return last!;
    },
  ]);
  kinds.push(['an empty get', (tx) => tx.objectStore('searchDocs').get(-1)]);
  // Round-robin over the kinds, so that no kind is favoured by what the one before it left cached.
  const out = kinds.map(([kind]) => ({ kind, times: [] as number[], rows: 0 }));
  for (let i = 0; i < repeats; i++) {
    for (const [k, [, read]] of kinds.entries()) {
      const tx = idb.transaction(['searchPostings', 'searchDocs', 'messages'], 'readonly');
      const t0 = performance.now();
      const r = read(tx);
      const result = await new Promise<unknown>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('request failed'));
      });
      out[k]!.times.push(performance.now() - t0);
      out[k]!.rows = Array.isArray(result) ? result.length : 1;
    }
  }
  return out;
}

async function storageBytes(): Promise<number> {
  const e = await navigator.storage.estimate();
  return e.usage ?? 0;
}

const bench = {
  /** Plain bulkPut of the rows in catch-up pages: the baseline. */
  async plain(n: number): Promise<{ ms: number; bytes: number }> {
    const db = await fresh('bench-plain');
    const ms = await store(db, bilingualRows(n));
    const bytes = await storageBytes();
    db.close();
    await Dexie.delete('bench-plain');
    return { ms, bytes };
  },
  /** The same rows stored, then indexed by the app's indexer here (main thread) or in a worker. */
  async indexed(n: number, where: 'main' | 'worker') {
    const name = `bench-index-${where}`;
    const db = await fresh(name);
    const rows = bilingualRows(n);
    await store(db, rows);
    const before = await storageBytes();
    const stalls = stallMeter();
    const ms = where === 'main' ? await indexHere(db) : await indexInWorker(name);
    const stall = stalls();
    const after = await storageBytes();
    const docs = await db.searchDocs.count();
    let postings = 0;
    await db.searchPostings.each((r) => {
      postings += r.words.length;
    });
    return { ms, stall, indexBytes: after - before, rows: docs, postings, chunk: CHUNK };
  },
  /** Does this engine take `getAllKeys({ query, count, direction })` (IndexedDB 3.0)? */
  async directionalGetAll(name: string): Promise<boolean> {
    const db = new TradewindDb(name);
    await db.open();
    const index = db.backendDB().transaction('searchPostings').objectStore('searchPostings').index('words');
    try {
      (index.getAllKeys as unknown as (o: object) => IDBRequest).call(index, {
        query: IDBKeyRange.only('x'),
        count: 1,
        direction: 'prev',
      });
      return true;
    } catch {
      return false;
    } finally {
      db.close();
    }
  },
  /** Only the timed searches (no counts, no checks): what the CPU profile records. */
  async hitsOnly(repeats: number, name: string, only?: number): Promise<void> {
    const db = new TradewindDb(name);
    await db.open();
    for (const q of only === undefined ? QUERIES : [QUERIES[only]!]) {
      const query = parseQuery(q.text);
      const filters = q.filters?.(CONVERSATIONS[0]!) ?? {};
      for (let i = 0; i < repeats; i++) await search.searchMessages(db, query, filters, 50);
    }
  },
  async costs(repeats: number, name: string) {
    const db = new TradewindDb(name);
    await db.open();
    return costs(db, repeats);
  },
  async query(repeats: number, name: string) {
    const db = new TradewindDb(name);
    await db.open();
    return queries(db, repeats);
  },
  /**
   * A store of `n` messages indexed by the app's indexer in a worker, kept in the browser profile
   * between runs (`BENCH_SEARCH_SEEDED`): reused when it holds exactly `n` indexed messages with
   * nothing left to index; re-indexed in place by the app's indexer (in a worker) when it holds
   * the `n` messages but a schema upgrade left them to index again (`reindexedMs`); else built
   * afresh. Returns how long building took (0 when reused).
   */
  async seeded(n: number): Promise<{ builtMs: number; reindexedMs: number; docs: number }> {
    const name = 'bench-seeded';
    const existing = new TradewindDb(name);
    await existing.open();
    const docs = await existing.searchDocs.count();
    const left = (await conversationWork(existing)).filter((w) => w.through > w.done).length;
    const stored = await existing.messages.count();
    existing.close();
    if (docs === n && stored === n && left === 0) return { builtMs: 0, reindexedMs: 0, docs };
    if (docs === n && stored === n) {
      const reindexedMs = await indexInWorker(name);
      return { builtMs: 0, reindexedMs, docs };
    }
    const db = await fresh(name);
    const t0 = performance.now();
    await store(db, bilingualRows(n));
    await indexInWorker(name);
    const builtMs = performance.now() - t0;
    const built = await db.searchDocs.count();
    db.close();
    return { builtMs, reindexedMs: 0, docs: built };
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
