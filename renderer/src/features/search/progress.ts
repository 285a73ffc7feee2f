/**
 * Runs the background indexer for the open database — in a Web Worker (indexer.worker.ts), or on
 * this thread where workers are missing — and shares its progress with the views (the quiet
 * progress bar, and searches that re-run as the index grows).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { TradewindDb } from '../../db/schema';
import { conversationWork, startIndexer, type IndexerHold, type IndexProgress } from './indexer';
import type { IndexerIn } from './indexer.worker';

let progress: IndexProgress = { done: 0, total: 0, translations: 0 };
const listeners = new Set<() => void>();

function publish(next: IndexProgress): void {
  if (
    next.done === progress.done &&
    next.total === progress.total &&
    next.translations === progress.translations
  )
    return;
  progress = next;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

const current = (): IndexProgress => progress;

/** How far the index is: messages indexed out of those stored. */
export function useIndexProgress(): IndexProgress {
  return useSyncExternalStore(subscribe, current);
}

/** The indexer starts this long after the window opened (ms), at the window's next idle moment… */
export const START_DELAY_MS = 1000;
/** …and no later than this after that (ms). */
export const START_IDLE_TIMEOUT_MS = 2000;

/**
 * Runs `start` once, after START_DELAY_MS and then at the window's next idle moment (at most
 * START_IDLE_TIMEOUT_MS later): the first screen is drawn by then. Returns the canceller.
 */
export function afterFirstScreen(start: () => void): () => void {
  let idle: number | null = null;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function')
      idle = requestIdleCallback(start, { timeout: START_IDLE_TIMEOUT_MS });
    else start();
  }, START_DELAY_MS);
  return () => {
    clearTimeout(timer);
    if (idle !== null) cancelIdleCallback(idle);
  };
}

/**
 * Keeps the search index of `db` up to date while the signed-in window is open. Issue 10, cold
 * start: the indexer starts once the first screen is up and the window idle, not beside it. After
 * a catch-up it still had tens of thousands of messages to index, and its worker (a module, a
 * database of its own, chunks of postings written one after another) took a core of two and the
 * IndexedDB backend's queue while the window read its contact list and newest messages.
 */
export function useSearchIndexer(db: TradewindDb): void {
  useEffect(() => runSearchIndexer(db), [db]);
}

/** The progress the views see now (for tests). */
export const indexProgress = current;

/** Reads what is left to index, once, if nothing has reported it yet (set while an indexer runs). */
let readLeft: (() => void) | null = null;

/**
 * A search asks this before it answers: until the indexer's first report (it starts 1–3 s after
 * the window opened), what is left to index is read now, once (one row a conversation in two
 * stores, what the indexer's pass reads first), so that a search in those seconds after a big
 * catch-up is "still indexing", not partial hits with no note. Read on demand, not at start: a
 * seller's 10,000 conversations are 20,000 rows the cold start's first screen does not need.
 */
export function knowIndexProgress(): void {
  const read = readLeft;
  readLeft = null;
  read?.();
}

/** How long each input of the user holds the indexer (indexer.ts `IndexerHold`), ms. */
export const HOLD_MS = 1000;
/**
 * The inputs that hold it: a click opens a conversation, a key or a wheel reads a window; and a
 * reload or a navigation away (`beforeunload`, from its start): this page and its worker live on
 * until the next page's response arrives, and the chunks they wrote meanwhile were queued in the
 * IndexedDB backend ahead of the next page's open and first reads (issue 10, cold start). A held
 * indexer resumes by itself if the page stays.
 */
const HOLD_ON = ['pointerdown', 'keydown', 'wheel', 'beforeunload'] as const;

/**
 * Holds the indexer `send(ms)` feeds for HOLD_MS after each input in `target`, telling it at most
 * once per half hold (a held key repeats). Returns the disposer.
 */
export function holdOnInput(target: EventTarget, send: (ms: number) => void, now = Date.now): () => void {
  let sentUntil = 0;
  const onInput = (): void => {
    const t = now();
    if (sentUntil - t > HOLD_MS / 2) return;
    sentUntil = t + HOLD_MS;
    send(HOLD_MS);
  };
  const options = { capture: true, passive: true };
  for (const type of HOLD_ON) target.addEventListener(type, onInput, options);
  return () => {
    for (const type of HOLD_ON) target.removeEventListener(type, onInput, options);
  };
}

/** `useSearchIndexer`'s work outside React: returns the disposer. */
export function runSearchIndexer(db: TradewindDb): () => void {
  publish({ done: 0, total: 0, translations: 0 });
  let stopped = false;
  let reported = false;
  const report = (p: IndexProgress): void => {
    if (stopped) return;
    reported = true;
    readLeft = null;
    publish(p);
  };
  const read = (): void => {
    conversationWork(db).then(
      (all) => {
        if (stopped || reported) return;
        let done = 0;
        let total = 0;
        for (const w of all) {
          done += w.done;
          total += w.through;
        }
        publish({ done, total, translations: 0 });
      },
      // The database closed (sign-out) or failed: the indexer's own pass says so.
      () => undefined,
    );
  };
  readLeft = read;
  let stop: (() => void) | null = null;
  const cancel = afterFirstScreen(() => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./indexer.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      const hold: IndexerHold = { until: 0 };
      const unhold = holdOnInput(window, (ms) => (hold.until = Date.now() + ms));
      const halt = startIndexer(db, report, hold);
      stop = () => {
        unhold();
        halt();
      };
      return;
    }
    worker.onmessage = (e: MessageEvent<IndexProgress>) => report(e.data);
    worker.postMessage({ dbName: db.name } satisfies IndexerIn);
    const unhold = holdOnInput(window, (ms) => worker.postMessage({ holdMs: ms } satisfies IndexerIn));
    stop = () => {
      unhold();
      worker.terminate();
    };
  });
  return () => {
    stopped = true;
    if (readLeft === read) readLeft = null;
    cancel();
    stop?.();
  };
}
