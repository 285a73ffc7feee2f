/**
 * Issue 10, cold start: the search indexer starts after the first screen (a delay, then the
 * window's next idle moment), not beside the first reads; leaving before that never starts it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TradewindDb } from '../../db/schema';
import {
  afterFirstScreen,
  HOLD_MS,
  holdOnInput,
  indexProgress,
  knowIndexProgress,
  runSearchIndexer,
  START_DELAY_MS,
  START_IDLE_TIMEOUT_MS,
} from './progress';
import { MAX_DEFER_MS, waitLeft } from './indexer';

/** A stand-in for the two stores the indexer reads to know its work: cursors and searchState. */
function fakeDb(cursors: { conversationId: string; afterSeq: number }[], indexed: Record<string, number>) {
  let answer: () => void = () => undefined;
  const answered = new Promise<void>((r) => (answer = r));
  const db = {
    name: 'test',
    cursors: { toArray: () => Promise.resolve(cursors) },
    searchState: {
      where: () => ({
        startsWith: () => ({
          toArray: () => {
            const rows = Object.entries(indexed).map(([c, seq]) => ({ key: `c:${c}`, seq }));
            answer();
            return Promise.resolve(rows);
          },
        }),
      }),
    },
  };
  return { db: db as unknown as TradewindDb, answered };
}

/** The microtasks after the read's answer (the sums published). */
const settle = async (answered: Promise<void>): Promise<void> => {
  await answered;
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('the search indexer’s start', () => {
  const idle: { cb: () => void; timeout: number | undefined }[] = [];
  const cancelled: number[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    idle.length = 0;
    cancelled.length = 0;
    vi.stubGlobal('requestIdleCallback', (cb: () => void, o?: { timeout?: number }) =>
      idle.push({ cb, timeout: o?.timeout }),
    );
    vi.stubGlobal('cancelIdleCallback', (id: number) => cancelled.push(id));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits for the delay, then for the window to be idle (with a deadline)', () => {
    const start = vi.fn();
    afterFirstScreen(start);
    vi.advanceTimersByTime(START_DELAY_MS - 1);
    expect(idle).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(idle).toEqual([{ cb: start, timeout: START_IDLE_TIMEOUT_MS }]);
    expect(start).not.toHaveBeenCalled();
    idle[0]!.cb();
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('never starts when cancelled first, before or after the delay', () => {
    const start = vi.fn();
    afterFirstScreen(start)();
    vi.advanceTimersByTime(START_DELAY_MS * 2);
    expect(idle).toHaveLength(0);

    const cancel = afterFirstScreen(start);
    vi.advanceTimersByTime(START_DELAY_MS);
    cancel();
    expect(cancelled).toEqual([1]);
    expect(start).not.toHaveBeenCalled();
  });

  it('starts after the delay where the window has no idle callbacks', () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    const start = vi.fn();
    afterFirstScreen(start);
    vi.advanceTimersByTime(START_DELAY_MS);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('before the indexer starts, says what is left to index (a search then is marked incomplete)', async () => {
    const { db, answered } = fakeDb(
      [
        { conversationId: 'a', afterSeq: 5000 },
        { conversationId: 'b', afterSeq: 20 },
      ],
      { a: 100, b: 20 },
    );
    const stop = runSearchIndexer(db);
    knowIndexProgress(); // a search, before the indexer's first report
    await settle(answered);
    // The indexer has not started (its delay is not over): the read alone says 120 of 5,020.
    expect(idle).toHaveLength(0);
    expect(indexProgress()).toEqual({ done: 120, total: 5020, translations: 0 });
    stop();
  });

  it('with nothing left to index, nothing is pending', async () => {
    const { db, answered } = fakeDb([{ conversationId: 'a', afterSeq: 40 }], { a: 40 });
    const stop = runSearchIndexer(db);
    knowIndexProgress();
    await settle(answered);
    expect(indexProgress()).toEqual({ done: 40, total: 40, translations: 0 });
    stop();
  });

  it('publishes nothing once stopped before the read answers', async () => {
    const { db, answered } = fakeDb([{ conversationId: 'a', afterSeq: 40 }], {});
    const stop = runSearchIndexer(db);
    knowIndexProgress();
    stop();
    await settle(answered);
    expect(indexProgress()).toEqual({ done: 0, total: 0, translations: 0 });
  });

  it('reads nothing at start: only a search asks what is left, and only once', async () => {
    const { db } = fakeDb([{ conversationId: 'a', afterSeq: 40 }], {});
    const read = vi.spyOn(db.cursors, 'toArray');
    const stop = runSearchIndexer(db);
    await Promise.resolve();
    expect(read).not.toHaveBeenCalled();
    knowIndexProgress();
    knowIndexProgress();
    expect(read).toHaveBeenCalledTimes(1);
    stop();
  });
});

describe('the indexer steps aside for the user (issue 10, open)', () => {
  it('each input holds it for HOLD_MS, told once per half hold', () => {
    const target = new EventTarget();
    let t = 10_000;
    const sent: number[] = [];
    const stop = holdOnInput(
      target,
      (ms) => sent.push(ms),
      () => t,
    );
    target.dispatchEvent(new Event('pointerdown'));
    t += 100;
    target.dispatchEvent(new Event('keydown')); // within the first half: nothing new to tell
    expect(sent).toEqual([HOLD_MS]);
    t += HOLD_MS / 2;
    target.dispatchEvent(new Event('wheel'));
    expect(sent).toEqual([HOLD_MS, HOLD_MS]);
    stop();
    t += HOLD_MS;
    target.dispatchEvent(new Event('pointerdown'));
    expect(sent).toHaveLength(2);
  });

  it('a reload or a navigation away holds it too (issue 10, cold start)', () => {
    const target = new EventTarget();
    const sent: number[] = [];
    const stop = holdOnInput(
      target,
      (ms) => sent.push(ms),
      () => 10_000,
    );
    target.dispatchEvent(new Event('beforeunload'));
    expect(sent).toEqual([HOLD_MS]);
    stop();
  });

  it('a chunk waits for the hold, and for catch-up, but never past MAX_DEFER_MS', () => {
    const began = 50_000;
    // Nothing going on: go.
    expect(waitLeft(began, began, 0, { until: 0 })).toBe(0);
    // Held by the user for 1 s more.
    expect(waitLeft(began, began, 0, { until: began + 1000 })).toBe(1000);
    // Catch-up wrote 100 ms ago (quiet after 300): the longer of the two.
    expect(waitLeft(began, began, began - 100, { until: began + 50 })).toBe(200);
    // A hold renewed again and again stops holding once the wait began MAX_DEFER_MS ago.
    expect(waitLeft(began + MAX_DEFER_MS - 10, began, 0, { until: began + 10_000 })).toBe(10);
    expect(waitLeft(began + MAX_DEFER_MS, began, 0, { until: began + 10_000 })).toBe(0);
  });
});
