/**
 * How catch-up packs conversations into `sync:batch` requests (issue 10, docs/protocol.md § Sync):
 * at most `LIMITS.syncBatchConversations` cursors, and about as many messages as one answer may
 * hold (`LIMITS.syncBatchMessages`) by what each summary says the server has beyond the cursor —
 * so the server's budget rarely leaves a conversation of the batch with an empty page to ask again.
 */
import { LIMITS } from '../../../shared/protocol';

/** A conversation behind the server: stored up to `afterSeq`, the server's summary says `lastSeq`. */
export interface Behind {
  id: string;
  afterSeq: number;
  lastSeq: number;
}

/**
 * Takes the next batch off the front of `queue` (from index `from`): whole conversations, in
 * order, until the cursors or the expected messages would pass the limits; always at least one.
 * Returns the batch and the index after it.
 */
export function nextBatch(
  queue: readonly Behind[],
  from: number,
  limits: { cursors: number; messages: number; page: number } = {
    cursors: LIMITS.syncBatchConversations,
    messages: LIMITS.syncBatchMessages,
    page: LIMITS.syncBatchMessages,
  },
): { batch: Behind[]; next: number } {
  const batch: Behind[] = [];
  let expected = 0;
  let i = from;
  for (; i < queue.length && batch.length < limits.cursors; i++) {
    const c = queue[i];
    if (!c) break;
    // One page at most per conversation; at least one message (a summary can lag behind).
    const want = Math.min(limits.page, Math.max(1, c.lastSeq - c.afterSeq));
    if (batch.length > 0 && expected + want > limits.messages) break;
    batch.push(c);
    expected += want;
  }
  return { batch, next: i };
}

/**
 * What to ask next after `pages` (the answer to `batch`), from the answer alone — nothing of it
 * needs to be stored yet (catch-up asks while it stores, sync/pipeline.ts): each page that says
 * `hasMore` again after the last seq it brought (after the same cursor when the answer's budget
 * left it empty). A page that brought messages without moving past its cursor is not asked again.
 */
export function followUps(
  batch: readonly Behind[],
  pages: readonly { conversationId: string; messages: readonly { seq: number }[]; hasMore: boolean }[],
): Behind[] {
  const out: Behind[] = [];
  for (const [i, page] of pages.entries()) {
    const asked = batch[i];
    if (!page.hasMore || asked?.id !== page.conversationId) continue;
    const last = page.messages.at(-1)?.seq ?? asked.afterSeq;
    if (page.messages.length > 0 && last <= asked.afterSeq) continue;
    out.push({ ...asked, afterSeq: last });
  }
  return out;
}
