import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/protocol';
import { followUps, nextBatch, type Behind } from './batches';

const behind = (n: number, lacks: number, afterSeq = 0): Behind[] =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i}`, afterSeq, lastSeq: afterSeq + lacks }));

/** Every batch of a queue, as catch-up takes them. */
function all(queue: Behind[]): Behind[][] {
  const out: Behind[][] = [];
  for (let at = 0; at < queue.length;) {
    const { batch, next } = nextBatch(queue, at);
    expect(next).toBeGreaterThan(at); // always progresses
    out.push(batch);
    at = next;
  }
  return out;
}

describe('nextBatch', () => {
  it("packs a seller's conversations of 3 messages by the answer's message budget", () => {
    const batches = all(behind(10_000, 3));
    const per = Math.floor(LIMITS.syncBatchMessages / 3);
    expect(batches[0]).toHaveLength(per);
    expect(batches).toHaveLength(Math.ceil(10_000 / per));
    expect(batches.flat().map((c) => c.id)).toEqual(behind(10_000, 3).map((c) => c.id));
  });

  it('never names more conversations than a request may', () => {
    const batches = all(behind(1_200, 1));
    expect(batches.map((b) => b.length)).toEqual([
      LIMITS.syncBatchConversations,
      LIMITS.syncBatchConversations,
      200,
    ]);
  });

  it('counts a long conversation as one page, and takes one alone when nothing else fits', () => {
    const queue = [...behind(1, 100_000), ...behind(4, 200, 50), ...behind(1, 500)];
    // A page is a whole answer's worth (1000): the long conversation fills one by itself.
    expect(all(queue).map((b) => b.length)).toEqual([1, 4, 1]);
    expect(nextBatch(queue, 0, { cursors: 500, messages: 100, page: 200 }).batch).toHaveLength(1);
  });

  it('expects at least one message where a summary lags behind the cursor', () => {
    const queue = behind(3, -2, 10);
    expect(nextBatch(queue, 0, { cursors: 10, messages: 2, page: 200 }).batch).toHaveLength(2);
  });
});

describe('followUps', () => {
  const page = (conversationId: string, seqs: number[], hasMore: boolean) => ({
    conversationId,
    messages: seqs.map((seq) => ({ seq })),
    hasMore,
  });
  it('asks again after the last seq each page brought, from the answer alone', () => {
    const batch = behind(4, 500, 10);
    expect(
      followUps(batch, [
        page('c0', [11, 12, 13], true), // more after 13
        page('c1', [11], false), // done
        page('c2', [], true), // the budget ran out before it: the same cursor again
        page('c3', [5], true), // did not move past its cursor: not asked again
      ]),
    ).toEqual([
      { id: 'c0', afterSeq: 13, lastSeq: 510 },
      { id: 'c2', afterSeq: 10, lastSeq: 510 },
    ]);
  });
  it('ignores a page that does not answer the cursor at its place', () => {
    expect(followUps(behind(1, 5), [page('other', [1], true)])).toEqual([]);
  });
});
