import { describe, expect, it } from 'vitest';
import { NO_RUN, nextRun, runAfter } from './lastRun';

const at = (h: number): string => new Date(Date.UTC(2026, 11, 1, h)).toISOString();

describe('who wrote last, and since when', () => {
  it('a run of one sender keeps its first message as its start', () => {
    const run = runAfter(NO_RUN, [
      { sender: 'buyer', at: at(8), seq: 1 },
      { sender: 'buyer', at: at(9), seq: 2 },
    ]);
    expect(run).toEqual({ sender: 'buyer', since: at(8), seq: 2 });
  });

  it('an answer starts a new run; a page arrives in any order', () => {
    const run = runAfter(NO_RUN, [
      { sender: 'buyer', at: at(10), seq: 3 },
      { sender: 'buyer', at: at(8), seq: 1 },
      { sender: 'seller', at: at(9), seq: 2 },
    ]);
    expect(run).toEqual({ sender: 'buyer', since: at(10), seq: 3 });
  });

  it('older history and the echo of an acked message change nothing', () => {
    const now = { sender: 'buyer', since: at(10), seq: 7 };
    expect(nextRun(now, { sender: 'seller', at: at(5), seq: 4 })).toBe(now);
    expect(nextRun(now, { sender: 'seller', at: at(10), seq: 7 })).toBe(now);
  });

  it('my pending message answers at once; its ack keeps the start', () => {
    const waiting = { sender: 'buyer', since: at(8), seq: 2 };
    const pending = nextRun(waiting, { sender: 'seller', at: at(11) });
    expect(pending).toEqual({ sender: 'seller', since: at(11), seq: 2 });
    expect(nextRun(pending, { sender: 'seller', at: at(11), seq: 3 })).toEqual({
      sender: 'seller',
      since: at(11),
      seq: 3,
    });
  });

  it('edits and retractions answer nobody', () => {
    const waiting = { sender: 'buyer', since: at(8), seq: 2 };
    const edit = nextRun(waiting, { sender: 'seller', at: at(11), seq: 3, change: { kind: 'edit', seq: 1 } });
    expect(edit).toBe(waiting);
  });

  it('an automatic away reply answers nobody: the buyer still waits for the seller', () => {
    const waiting = { sender: 'buyer', since: at(8), seq: 2 };
    const away = nextRun(waiting, { sender: 'seller', at: at(8), seq: 3, automatic: { kind: 'away' } });
    expect(away).toBe(waiting);
    // …and a real answer after it still counts (its seq is above the skipped one).
    expect(nextRun(away, { sender: 'seller', at: at(9), seq: 4 })).toEqual({
      sender: 'seller',
      since: at(9),
      seq: 4,
    });
  });
});
