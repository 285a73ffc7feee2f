/**
 * Web Worker: the search indexer (indexer.ts) off the UI thread. It opens the same database by
 * name; Dexie tells it of every commit in the window (its BroadcastChannel), so it follows
 * catch-up and new translations exactly as it would on the main thread, and posts its progress.
 * Measured in bench/search.ts: the same build rate, without the main thread's 100 ms stalls.
 */
import { TradewindDb } from '../../db/schema';
import { startIndexer, type IndexerHold, type IndexProgress } from './indexer';

/**
 * From the page: which database to index, or how long from now to hold the indexer (the user's
 * input: indexer.ts `IndexerHold`).
 */
export type IndexerIn = { dbName: string } | { holdMs: number };

const scope = self as unknown as Worker;
let stop: (() => void) | null = null;
const hold: IndexerHold = { until: 0 };

scope.addEventListener('message', (e: MessageEvent<IndexerIn>) => {
  if ('holdMs' in e.data) {
    hold.until = Math.max(hold.until, Date.now() + e.data.holdMs);
    return;
  }
  stop?.();
  stop = startIndexer(new TradewindDb(e.data.dbName), (p: IndexProgress) => scope.postMessage(p), hold);
});
