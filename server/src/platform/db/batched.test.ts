import { describe, expect, it } from 'vitest';
import { batchedLookup } from './batched';
import type { Queryable } from './store';

/** A store whose statements answer only when the test says so, recording each statement's keys. */
function heldStore() {
  const calls: { keys: readonly number[]; answer: (fail?: Error) => void }[] = [];
  const db = {
    query: () => Promise.resolve([]),
    exec: () => Promise.resolve(),
    batch: () => Promise.resolve([]),
  } as unknown as Queryable;
  const lookup = batchedLookup<number, string>(
    (_db, keys) =>
      new Promise((resolve, reject) => {
        calls.push({ keys, answer: (fail) => (fail ? reject(fail) : resolve(keys.map((k) => `v${k}`))) });
      }),
  );
  return { db, calls, lookup };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('batchedLookup', () => {
  it('sends the lookups of one moment as one statement, and each caller gets its own answer', async () => {
    const { db, calls, lookup } = heldStore();
    const answers = Promise.all([lookup(db, 1), lookup(db, 2), lookup(db, 3)]);
    await tick();
    expect(calls.map((c) => c.keys)).toEqual([[1, 2, 3]]);
    calls[0]!.answer();
    expect(await answers).toEqual(['v1', 'v2', 'v3']);
  });

  it('lookups arriving while a statement is in flight wait for it and go out together', async () => {
    const { db, calls, lookup } = heldStore();
    const first = lookup(db, 1);
    await tick();
    const later = [lookup(db, 2)];
    await tick();
    later.push(lookup(db, 3));
    await tick();
    expect(calls.map((c) => c.keys)).toEqual([[1]]); // 2 and 3 wait for the statement in flight
    calls[0]!.answer();
    expect(await first).toBe('v1');
    await tick();
    expect(calls.map((c) => c.keys)).toEqual([[1], [2, 3]]);
    calls[1]!.answer();
    expect(await Promise.all(later)).toEqual(['v2', 'v3']);
  });

  it('a failed statement fails its own lookups only; the next ones still go out', async () => {
    const { db, calls, lookup } = heldStore();
    const failed = lookup(db, 1);
    await tick();
    const next = lookup(db, 2);
    calls[0]!.answer(new Error('connection lost'));
    await expect(failed).rejects.toThrow('connection lost');
    await tick();
    expect(calls.map((c) => c.keys)).toEqual([[1], [2]]);
    calls[1]!.answer();
    expect(await next).toBe('v2');
  });

  it('two stores never share a statement', async () => {
    const { calls, lookup } = heldStore();
    const a = {
      query: () => Promise.resolve([]),
      exec: () => Promise.resolve(),
      batch: () => Promise.resolve([]),
    } as unknown as Queryable;
    const b = { ...a };
    void lookup(a, 1);
    void lookup(b, 2);
    await tick();
    expect(calls.map((c) => c.keys)).toEqual([[1], [2]]);
  });
});
