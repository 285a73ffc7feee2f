import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteStore } from './pglite';
import { isUniqueViolation, type Store } from './store';

/**
 * The embedded store in its worker thread (pglite.ts + pgliteWorker.mjs): the semantics the
 * server relies on survive the thread boundary, and the socket thread keeps turning while PGlite
 * computes.
 */
describe('PGlite store in a worker thread', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tw-pglite-'));
    store = await openPgliteStore(dir);
    await store.exec('create table t (id int primary key, at timestamptz, doc jsonb, bytes bytea)');
  }, 300_000); // PGlite compiles its WebAssembly at start: seconds on a busy 2-core machine
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('returns rows as the driver types them, and PostgreSQL errors with their code', async () => {
    const at = new Date('2026-12-06T09:00:00.123Z');
    await store.query('insert into t values ($1, $2, $3::jsonb, $4)', [
      1,
      at,
      '{"a":[1,2]}',
      new Uint8Array([7, 8]),
    ]);
    const [row] = await store.query<{ id: number; at: Date; doc: unknown; bytes: Uint8Array }>(
      'select * from t',
    );
    expect(row).toEqual({ id: 1, at, doc: { a: [1, 2] }, bytes: new Uint8Array([7, 8]) });
    const err: unknown = await store.query('insert into t (id) values (1)').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(isUniqueViolation(err)).toBe(true);
    expect(await store.query('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('commits a transaction that resolves, rolls back one that throws, and makes other statements wait', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.query('insert into t (id) values (2)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    let inside = false;
    let sawInside: boolean | undefined;
    const [count, outside] = await Promise.all([
      store.transaction(async (tx) => {
        inside = true;
        await tx.query('insert into t (id) values (3)');
        // Give the statement outside every chance to run now: it must not.
        for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
        inside = false;
        return (await tx.query<{ n: number }>('select count(*)::int as n from t'))[0]!.n;
      }),
      store.query<{ n: number }>('select count(*)::int as n from t').then((rows) => {
        sawInside = inside;
        return rows[0]!.n;
      }),
    ]);
    expect(count).toBe(2);
    expect(outside).toBe(2);
    expect(sawInside).toBe(false);
  });

  it('keeps the calling thread turning while a statement computes', async () => {
    let ticks = 0;
    let running = true;
    const tick = (): void => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    await store.query('select count(*) from generate_series(1, 2000000)');
    running = false;
    // In-process PGlite runs the whole statement inside one turn of the event loop: no tick.
    expect(ticks).toBeGreaterThan(1);
  });
});
