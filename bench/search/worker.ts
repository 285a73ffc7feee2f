/** The worker side of bench/search.ts: the app's indexer over the same database, off the main thread. */
import { TradewindDb } from '../../renderer/src/db/schema';
import { conversationWork, indexMessagesChunk } from '../../renderer/src/features/search/indexer';

self.onmessage = async (e: MessageEvent<{ name: string }>) => {
  try {
    const db = new TradewindDb(e.data.name);
    await db.open();
    const t0 = performance.now();
    const work = (await conversationWork(db)).filter((w) => w.through > w.done);
    while (work.length > 0) await indexMessagesChunk(db, work);
    self.postMessage({ ms: performance.now() - t0 });
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};
