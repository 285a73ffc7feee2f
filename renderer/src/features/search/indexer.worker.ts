/**
 * Web Worker: the search indexer (indexer.ts) off the UI thread. It opens the same database by
 * name; Dexie tells it of every commit in the window (its BroadcastChannel), so it follows
 * catch-up and new translations exactly as it would on the main thread, and posts its progress.
 * Measured in bench/search.ts: the same build rate, without the main thread's 100 ms stalls.
 */
import { TradewindDb } from '../../db/schema';
import { startIndexer, type IndexProgress } from './indexer';

/** From the page: which database to index. */
export interface IndexerIn {
  dbName: string;
}

const scope = self as unknown as Worker;
let stop: (() => void) | null = null;

scope.addEventListener('message', (e: MessageEvent<IndexerIn>) => {
  stop?.();
  stop = startIndexer(new TradewindDb(e.data.dbName), (p: IndexProgress) => scope.postMessage(p));
});
