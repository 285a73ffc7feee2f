import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteStore, type PgliteStore } from './pglite';
import { isUniqueViolation, statement } from './store';

/**
 * The embedded store in its worker thread (pglite.ts + pgliteWorker.mjs): the semantics the
 * server relies on survive the thread boundary, and the socket thread keeps turning while PGlite
 * computes.
 */
describe('PGlite store in a worker thread', () => {
  let dir: string;
  let store: PgliteStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tw-pglite-'));
    store = await openPgliteStore(dir);
    await store.exec('create table t (id int primary key, at timestamptz, doc jsonb, bytes bytea)');
  }, 300_000); // PGlite compiles its WebAssembly at start: seconds on a busy 2-core machine
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  /** The names this statement is prepared under (one, or none). */
  const preparedAs = async (text: string): Promise<string[]> =>
    (
      await store.query<{ name: string }>('select name from pg_prepared_statements where statement = $1', [
        text,
      ])
    ).map((r) => r.name);

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

  it('runs a batch in order in one transaction: commitWith commits it, a failure rolls all of it back', async () => {
    await store.exec('create table b (id int primary key, note text)');
    const committed = await store.transaction(async (tx) => {
      const [ins, sel] = await tx.batch([
        statement<{ id: number }>('insert into b values (1, $1), (2, $2) returning id', ['one', 'two']),
        statement<{ n: number }>('select count(*)::int as n from b'),
      ]);
      expect(ins.map((r) => r.id)).toEqual([1, 2]);
      expect(sel).toEqual([{ n: 2 }]);
      const [last] = await tx.commitWith([
        statement<{ id: number }>('insert into b values (3) returning id'),
      ]);
      // Committed: the transaction is over, and says so rather than run outside it.
      await expect(tx.query('select 1')).rejects.toThrow(/over/);
      return last;
    });
    expect(committed).toEqual([{ id: 3 }]);

    // The second statement of a batch fails (a duplicate key): the first one, and what the
    // transaction did before, are rolled back; the caller gets PostgreSQL's error, with its code.
    let third: unknown = 'not run';
    const err: unknown = await store
      .transaction(async (tx) => {
        await tx.query('insert into b values (10)');
        await tx.batch([
          statement('insert into b values (11)'),
          statement('insert into b values (1)'),
          statement('insert into b values (12)'),
        ]);
        third = 'ran';
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(third).toBe('not run');
    // The same at the commit, and for a batch outside any transaction (its statements stand alone).
    const atCommit: unknown = await store
      .transaction((tx) =>
        tx.commitWith([statement('insert into b values (13)'), statement('insert into b values (2)')]),
      )
      .catch((e: unknown) => e);
    expect(isUniqueViolation(atCommit)).toBe(true);
    expect((await store.query<{ id: number }>('select id from b order by id')).map((r) => r.id)).toEqual([
      1, 2, 3,
    ]);
  });

  it('types parameters in a transaction as node-postgres does, and reuses its prepared statements after a failure', async () => {
    await store.exec(
      'create table p (id int primary key, tags text[], at timestamptz, ok boolean, doc jsonb)',
    );
    const tags = ['a"b', 'c\\d', null, 'e,f {x}', '', 'NULL'];
    const at = new Date('2026-12-06T16:00:00.456Z');
    const insert = statement(
      'insert into p select i, $2::text[], $3::timestamptz, $4, $5::jsonb from unnest($1::int[]) as i returning id',
      [[1, 2], tags, at, true, JSON.stringify({ k: ['x', 1] })],
    );
    const count = statement<{ n: number }>('select count(*)::int as n from p where id = any($1::int[])', [
      [1, 2, 3],
    ]);
    const [ids, [counted]] = await store.transaction((tx) => tx.commitWith([insert, count]));
    expect(ids).toEqual([{ id: 1 }, { id: 2 }]);
    expect(counted).toEqual({ n: 2 });
    // The same statements again: the insert fails (its ids exist), the count after it never runs…
    const err: unknown = await store
      .transaction((tx) => tx.batch([count, insert, count]))
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    // …and both still run, prepared or not, with new parameters.
    const again = await store.transaction((tx) =>
      tx.commitWith([
        { ...insert, params: [[3], ['x'], at, false, 'null'] },
        { ...count, params: [[1, 2, 3]] },
      ]),
    );
    expect(again).toEqual([[{ id: 3 }], [{ n: 3 }]]);
    const rows = await store.query<{ tags: unknown; at: Date; ok: boolean; doc: unknown }>(
      'select tags, at, ok, doc from p where id = 1',
    );
    expect(rows).toEqual([{ tags, at, ok: true, doc: { k: ['x', 1] } }]);
  });

  it('parses a statement once however often a pipeline names it, keeps it after a failure of its data, and keeps no skipped Parse', async () => {
    await store.exec('create table q (id int primary key)');
    const named = async (): Promise<number> => {
      const [row] = await store.query<{ n: number }>(
        "select count(*)::int as n from pg_prepared_statements where name like 'tw%'",
      );
      return row!.n;
    };
    const before = await named();
    const insert = statement('insert into q values ($1::int) returning id', [1]);
    await store.transaction((tx) => tx.commitWith([insert, { ...insert, params: [2] }]));
    expect(await named()).toBe(before + 1);
    // A new statement parsed in a pipeline that fails on its data (its second insert collides)
    // stays prepared: a unique violation says nothing about the statement.
    const other = statement('insert into q select $1::int returning id', [3]);
    const err: unknown = await store
      .transaction((tx) => tx.batch([other, { ...other, params: [1] }]))
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(await named()).toBe(before + 2);
    // A new statement after the failing one: its Parse was skipped, so no name is kept for it…
    const skipped = statement('insert into q select $1::int + 0 returning id', [4]);
    const err2: unknown = await store
      .transaction((tx) => tx.batch([{ ...insert, params: [1] }, skipped]))
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err2)).toBe(true);
    expect(await named()).toBe(before + 2);
    // …and it runs (parsed now) when next used.
    await store.transaction((tx) => tx.commitWith([skipped]));
    expect(await named()).toBe(before + 3);
    expect(await store.query('select id from q order by id')).toEqual([{ id: 1 }, { id: 2 }, { id: 4 }]);
  });

  it('runs statements outside transactions as prepared statements, parsed once, each standing alone', async () => {
    await store.exec('create table o (id int primary key)');
    const insert = 'insert into o values ($1::int) returning id';
    // One turn (one request to the thread): the second collides, the others stand.
    const turn = await Promise.allSettled([
      store.query(insert, [1]),
      store.query(insert, [1]),
      store.query(insert, [2]),
    ]);
    expect(turn.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(isUniqueViolation((turn[1] as PromiseRejectedResult).reason)).toBe(true);
    // The collision did not cost the statement its preparation: later turns reuse the one
    // prepared statement under the same name (`query` would parse and plan anew each time).
    const [name] = await preparedAs(insert);
    expect(name).toMatch(/^tw\d+$/);
    for (const id of [3, 4]) await store.query(insert, [id]);
    expect(await preparedAs(insert)).toEqual([name]);
    // A batch outside transactions: in order, stopping at the first failure; what ran before stands.
    const err: unknown = await store
      .batch([statement(insert, [5]), statement(insert, [1]), statement(insert, [6])])
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect((await store.query<{ id: number }>('select id from o order by id')).map((r) => r.id)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    // Nor in a batch: still the same prepared statement, not parsed again.
    await store.query(insert, [6]);
    expect(await preparedAs(insert)).toEqual([name]);
  });

  it('parses a statement again only when PostgreSQL says its prepared form is stale (0A000, 26000) or its Parse failed', async () => {
    await store.exec('create table s (id int primary key)');
    await store.exec('insert into s values (1)');
    const select = 'select * from s where id = $1::int';
    expect(await store.query(select, [1])).toEqual([{ id: 1 }]);
    const [first] = await preparedAs(select);
    // The table changes under the plan: "cached plan must not change result type" (0A000).
    await store.exec('alter table s add column note text');
    const err = (await store.query(select, [1]).catch((e: unknown) => e)) as { code?: string };
    expect(err.code).toBe('0A000');
    expect(await preparedAs(select)).toEqual([]);
    expect(await store.query(select, [1])).toEqual([{ id: 1, note: null }]);
    const [second] = await preparedAs(select);
    expect(second).not.toBe(first);
    // The name is gone (26000): dropped, so the next call parses it again.
    await store.exec(`deallocate ${second}`);
    const gone = (await store.query(select, [1]).catch((e: unknown) => e)) as { code?: string };
    expect(gone.code).toBe('26000');
    expect(await store.query(select, [1])).toEqual([{ id: 1, note: null }]);
    expect(await preparedAs(select)).toHaveLength(1);
    // A statement whose Parse fails keeps no name: the same text fails the same way next time.
    const broken = 'select nope from s where id = $1::int';
    for (let i = 0; i < 2; i++) {
      const e = (await store.query(broken, [1]).catch((x: unknown) => x)) as { code?: string };
      expect(e.code).toBe('42703');
    }
    expect(await preparedAs(broken)).toEqual([]);
  });

  it('answers each statement of one turn for itself, and runs them after what was asked before', async () => {
    await store.exec('create table e (id int primary key)');
    const results = await Promise.allSettled([
      store.query('insert into e values (1)'),
      store.query('insert into e values (1)'),
      store.query<{ n: number }>('select count(*)::int as n from e'),
      store.transaction((tx) => tx.query<{ n: number }>('select count(*)::int as n from e')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(isUniqueViolation((results[1] as PromiseRejectedResult).reason)).toBe(true);
    expect((results[2] as PromiseFulfilledResult<unknown>).value).toEqual([{ n: 1 }]);
    expect((results[3] as PromiseFulfilledResult<unknown>).value).toEqual([{ n: 1 }]);
  });

  // Last: it stops the thread of the store the tests above share.
  it('fails what waits for the thread when it dies, and every later call, instead of hanging', async () => {
    const slow = store.query('select count(*) from generate_series(1, 5000000)');
    const inTx = store.transaction(async (tx) => {
      await tx.query('select 1');
      return 'committed';
    });
    // Once the statement is on its way to the thread (the next check phase), stop the thread.
    await new Promise((r) => setImmediate(r));
    await store.worker.terminate();
    await expect(slow).rejects.toThrow(/PGlite worker exited/);
    await expect(inTx).rejects.toThrow(/PGlite worker exited/);
    await expect(store.query('select 1')).rejects.toThrow(/PGlite worker exited/);
  });
});
