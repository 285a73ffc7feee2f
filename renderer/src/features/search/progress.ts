/**
 * Runs the background indexer for the open database — in a Web Worker (indexer.worker.ts), or on
 * this thread where workers are missing — and shares its progress with the views (the quiet
 * progress bar, and searches that re-run as the index grows).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { TradewindDb } from '../../db/schema';
import { startIndexer, type IndexProgress } from './indexer';
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

/** How far the index is: messages indexed out of those stored. */
export function useIndexProgress(): IndexProgress {
  return useSyncExternalStore(subscribe, () => progress);
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
  useEffect(() => {
    publish({ done: 0, total: 0, translations: 0 });
    let stop: (() => void) | null = null;
    const cancel = afterFirstScreen(() => {
      let worker: Worker;
      try {
        worker = new Worker(new URL('./indexer.worker.ts', import.meta.url), { type: 'module' });
      } catch {
        stop = startIndexer(db, publish);
        return;
      }
      worker.onmessage = (e: MessageEvent<IndexProgress>) => publish(e.data);
      worker.postMessage({ dbName: db.name } satisfies IndexerIn);
      stop = () => worker.terminate();
    });
    return () => {
      cancel();
      stop?.();
    };
  }, [db]);
}
