/**
 * One live query per row, shared (issue 10): opening a conversation read the partner's contact
 * eleven times, each `undefined` on its first render.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LINGER_MS, sharedQuery, sharedValue, type Source } from './shared';

/** A source that counts its openings and emits what the test pushes. */
function counted<T>() {
  const state = {
    opened: 0,
    open: 0,
    push: (_v: T): void => undefined,
    fail: (_e: unknown): void => undefined,
  };
  const open = (): Source<T> => ({
    subscribe(next, error) {
      state.opened += 1;
      state.open += 1;
      state.push = next;
      state.fail = (e) => error?.(e);
      return { unsubscribe: () => void (state.open -= 1) };
    },
  });
  return { state, open };
}

const DB = {};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('sharedQuery', () => {
  it('reads once for every subscriber and tells each', () => {
    const src = counted<string>();
    const seen: string[] = [];
    const a = sharedQuery(DB, 't1', src.open).subscribe((v) => seen.push(`a:${v}`));
    const b = sharedQuery(DB, 't1', src.open).subscribe((v) => seen.push(`b:${v}`));
    expect(src.state.opened).toBe(1);
    src.state.push('ann');
    expect(seen).toEqual(['a:ann', 'b:ann']);
    a.unsubscribe();
    b.unsubscribe();
  });

  it('hands its value to a new subscriber at once, and to the first render (getValue)', () => {
    const src = counted<string>();
    const a = sharedQuery(DB, 't2', src.open).subscribe(() => undefined);
    src.state.push('ann');
    const q = sharedQuery(DB, 't2', src.open);
    expect(q.hasValue()).toBe(true);
    expect(q.getValue()).toBe('ann');
    const seen: string[] = [];
    q.subscribe((v) => seen.push(v)).unsubscribe();
    expect(seen).toEqual(['ann']);
    a.unsubscribe();
  });

  it('tells its value without opening a query (sharedValue): none before it answers or once closed', () => {
    const src = counted<string>();
    expect(sharedValue(DB, 't9')).toBeUndefined();
    expect(src.state.opened).toBe(0);
    const a = sharedQuery(DB, 't9', src.open).subscribe(() => undefined);
    expect(sharedValue(DB, 't9')).toBeUndefined();
    src.state.push('ann');
    expect(sharedValue(DB, 't9')).toBe('ann');
    expect(sharedValue({}, 't9')).toBeUndefined();
    a.unsubscribe();
    vi.advanceTimersByTime(LINGER_MS);
    expect(sharedValue(DB, 't9')).toBeUndefined();
    expect(src.state.opened).toBe(1);
  });

  it('stays open a while after its last subscriber, then closes', () => {
    const src = counted<string>();
    sharedQuery(DB, 't3', src.open)
      .subscribe(() => undefined)
      .unsubscribe();
    expect(src.state.open).toBe(1);
    // Back within the while: the same query, not read again.
    sharedQuery(DB, 't3', src.open)
      .subscribe(() => undefined)
      .unsubscribe();
    expect(src.state.opened).toBe(1);
    vi.advanceTimersByTime(LINGER_MS);
    expect(src.state.open).toBe(0);
    // After it: read again.
    const s = sharedQuery(DB, 't3', src.open).subscribe(() => undefined);
    expect(src.state.opened).toBe(2);
    s.unsubscribe();
  });

  it('keys apart: another row is another query, and so is the same row of another database', () => {
    const src = counted<string>();
    const a = sharedQuery(DB, 't4|ann', src.open).subscribe(() => undefined);
    const b = sharedQuery(DB, 't4|bob', src.open).subscribe(() => undefined);
    // Signed out and in again as the same member: a new database instance of the same name.
    const c = sharedQuery({}, 't4|ann', src.open).subscribe(() => undefined);
    expect(src.state.opened).toBe(3);
    a.unsubscribe();
    b.unsubscribe();
    c.unsubscribe();
  });

  it('passes an error on and closes; a subscriber that comes next reads again, not the error', () => {
    const src = counted<string>();
    const errors: unknown[] = [];
    const seen: string[] = [];
    const a = sharedQuery(DB, 't5', src.open).subscribe(
      () => undefined,
      (e) => errors.push(e),
    );
    src.state.fail('closed');
    expect(errors).toEqual(['closed']);
    expect(src.state.open).toBe(0);
    // Within LINGER_MS and with the failed one still subscribed: a new read all the same.
    const b = sharedQuery(DB, 't5', src.open).subscribe(
      (v) => seen.push(v),
      (e) => errors.push(e),
    );
    expect(src.state.opened).toBe(2);
    src.state.push('ann');
    expect(seen).toEqual(['ann']);
    expect(errors).toEqual(['closed']);
    // The failed one leaving later does not close the new one.
    a.unsubscribe();
    vi.advanceTimersByTime(LINGER_MS);
    expect(src.state.open).toBe(1);
    expect(sharedQuery(DB, 't5', src.open).getValue()).toBe('ann');
    b.unsubscribe();
  });

  it('closes a source that fails as it is subscribed to, and reads again for the next', () => {
    let opened = 0;
    let open = 0;
    const failing = (): Source<string> => ({
      subscribe(_next, error) {
        opened += 1;
        open += 1;
        error?.('at once');
        return () => void (open -= 1);
      },
    });
    const errors: unknown[] = [];
    sharedQuery(DB, 't6', failing).subscribe(
      () => undefined,
      (e) => errors.push(e),
    );
    expect(open).toBe(0);
    sharedQuery(DB, 't6', failing).subscribe(
      () => undefined,
      (e) => errors.push(e),
    );
    expect(opened).toBe(2);
    expect(errors).toEqual(['at once', 'at once']);
  });
});
