import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '.';

/**
 * PGlite has no autovacuum: the store analyses its tables itself (pglite.ts, pgliteWorker.mjs
 * `counted`), on opening and once a table has changed enough, and the generic plans made with
 * the statistics of an empty table are planned again.
 */
describe('PGlite store keeps planner statistics current', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tw-analyze-'));
    store = await openStore({ dataDir: dir });
  }, 300_000); // PGlite compiles its WebAssembly at start: seconds on a busy 2-core machine
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const analyses = async (table: string): Promise<number> =>
    (
      await store.query<{ n: number }>(
        'select analyze_count::int as n from pg_stat_user_tables where relname = $1',
        [table],
      )
    )[0]!.n;

  it('analyses every table once the migrations have run', async () => {
    expect(await analyses('messages')).toBe(1);
    expect(await analyses('conversations')).toBe(1);
  });

  it('analyses a table that grew, in the background, and its generic plan is made again', async () => {
    await store.exec(
      'create table grows (id int primary key, k int not null); create index grows_k on grows (k)',
    );
    await store.exec('analyze grows'); // as on opening: statistics of an empty table
    // The plan the server's statements get once PostgreSQL settles on a generic one.
    await store.exec('set plan_cache_mode = force_generic_plan');
    const lookup = 'select id from grows where k = $1';
    await store.query(lookup, [1]);
    const [{ name } = { name: '' }] = await store.query<{ name: string }>(
      'select name from pg_prepared_statements where statement = $1',
      [lookup],
    );
    const scan = async (): Promise<string> => {
      const [row] = await store.query<{ 'QUERY PLAN': [{ Plan: { 'Node Type': string } }] }>(
        `explain (format json) execute ${name}(1)`,
      );
      return row!['QUERY PLAN'][0].Plan['Node Type'];
    };
    expect(await scan()).toBe('Seq Scan');

    // 128 requests (twice the thread's CHECK_EVERY) of 20 rows each: a check comes after 64 of
    // them at least, 1,280 rows > the floor of 1,000, and its analyse runs before the next request.
    for (let i = 0; i < 128; i++)
      await store.query('insert into grows select g, g from generate_series($1::int, $2::int) g', [
        i * 20,
        i * 20 + 19,
      ]);
    expect(await analyses('grows')).toBe(2);
    expect(await scan()).not.toBe('Seq Scan');
    await store.exec('reset plan_cache_mode');
  });
});
