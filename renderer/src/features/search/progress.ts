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

/** Keeps the search index of `db` up to date while the signed-in window is open. */
export function useSearchIndexer(db: TradewindDb): void {
  useEffect(() => {
    publish({ done: 0, total: 0, translations: 0 });
    let worker: Worker;
    try {
      worker = new Worker(new URL('./indexer.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      return startIndexer(db, publish);
    }
    worker.onmessage = (e: MessageEvent<IndexProgress>) => publish(e.data);
    worker.postMessage({ dbName: db.name } satisfies IndexerIn);
    return () => worker.terminate();
  }, [db]);
}
