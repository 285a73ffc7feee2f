/**
 * Issue 10, open: the click that opens a conversation starts the read of its newest messages, and
 * the view's first render takes that read instead of starting its own — once, for the same window
 * of the same conversation and database, and only while fresh.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWindowRead, takeEarlyRead, type WindowSpan } from './hooks';
import type { MessageRow, TradewindDb } from './schema';

/** A database whose window read counts itself and answers `rows` (newest first, as read). */
function fakeDb(rows: Partial<MessageRow>[]) {
  const state = { reads: 0 };
  const db = {
    messages: {
      where: () => ({
        between: () => ({
          reverse: () => ({
            limit: (n: number) => ({
              toArray: () => {
                state.reads += 1;
                return Promise.resolve(rows.slice(0, n));
              },
            }),
          }),
        }),
      }),
    },
  };
  return { db: db as unknown as TradewindDb, state };
}

const NEWEST: WindowSpan = { anchor: null, older: 2, newer: 0 };

afterEach(() => vi.restoreAllMocks());

describe('a window read started by the click', () => {
  it('is taken once by the same window of the same conversation, and read only once', async () => {
    const { db, state } = fakeDb([{ clientId: 'c3' }, { clientId: 'c2' }, { clientId: 'c1' }]);
    startWindowRead(db, 'conv', NEWEST);
    const read = takeEarlyRead(db, 'conv', { ...NEWEST });
    expect(read).not.toBeNull();
    const w = await read!;
    expect(w.messages.map((m) => m.clientId)).toEqual(['c2', 'c3']);
    expect(w.hasOlder).toBe(true);
    expect(takeEarlyRead(db, 'conv', NEWEST)).toBeNull();
    expect(state.reads).toBe(1);
  });

  it('asked again by the click after the press, reads once', () => {
    const { db, state } = fakeDb([]);
    startWindowRead(db, 'conv', NEWEST);
    startWindowRead(db, 'conv', { ...NEWEST });
    expect(takeEarlyRead(db, 'conv', NEWEST)).not.toBeNull();
    expect(state.reads).toBe(1);
  });

  it('is not taken by another conversation, another window or another database', () => {
    const { db } = fakeDb([]);
    const other = fakeDb([]).db;
    for (const [d, id, span] of [
      [db, 'other', NEWEST],
      [db, 'conv', { ...NEWEST, older: 3 }],
      [db, 'conv', { anchor: 5, older: 2, newer: 0 }],
      [other, 'conv', NEWEST],
    ] as const) {
      startWindowRead(db, 'conv', NEWEST);
      expect(takeEarlyRead(d, id, span)).toBeNull();
    }
  });

  it('answers once what is read beside it has settled (issue 10: the first screen with its translation)', async () => {
    const { db } = fakeDb([{ clientId: 'c1' }]);
    const order: string[] = [];
    let settle = (): void => undefined;
    startWindowRead(db, 'conv', NEWEST, (read) => {
      void read.then(() => order.push('window read'));
      return new Promise<void>((resolve) => {
        settle = () => {
          order.push('beside settled');
          resolve();
        };
      });
    });
    const answered = takeEarlyRead(db, 'conv', NEWEST)!.then(() => order.push('answered'));
    await Promise.resolve();
    await Promise.resolve();
    expect(order).toEqual(['window read']);
    settle();
    await answered;
    expect(order).toEqual(['window read', 'beside settled', 'answered']);
  });

  it('is not taken once stale: the view reads again', () => {
    const { db } = fakeDb([]);
    const now = vi.spyOn(performance, 'now').mockReturnValue(1000);
    startWindowRead(db, 'conv', NEWEST);
    now.mockReturnValue(2001);
    expect(takeEarlyRead(db, 'conv', NEWEST)).toBeNull();
  });
});
