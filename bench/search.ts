/**
 * Message search at a year's scale (issue 10), in Debian's Chromium (Playwright, /usr/bin/chromium)
 * with the renderer's own search code bundled by esbuild (bench/search/page.ts) into a page served
 * on 127.0.0.1:0. `BENCH_SEARCH_ROWS` bilingual messages (default 100,000; Chinese or Polish, each
 * with its approved translation in the other language) over 10 conversations:
 *
 * - baseline: a plain Dexie bulkPut of the rows in catch-up pages of 200 (same schema, same browser);
 * - index build: the app's indexer over the stored rows (chunks of 200, the watermark in the same
 *   transaction), on the main thread as the app runs it and in a Web Worker, with the longest
 *   main-thread stall while it runs (10 ms ticks) and the index's size on disk;
 * - queries (the newest 50 hits read, as the search dialog shows): each of a fixed set (common and rare words, prefixes, Chinese, two words, a contact
 *   filter, no hit) `BENCH_SEARCH_REPEATS` times (default 30): p50 / p95 over all, to the hits;
 *   when more than 50 match, the count the dialog shows after them (`countMatches`) is timed apart;
 * - JS heap after a full GC (CDP) after storing, indexing and querying.
 *
 * Alone: `npm run bench -- search`. For figures at 100,000 messages in reasonable time on a busy
 * machine:
 *
 * - `BENCH_SEARCH_PHASES` (comma-separated: `plain`, `main`, `worker`, `query`, `costs`; default all but `costs`) picks
 *   the phases; the queries run on the main-thread build, else on the worker's;
 * - `BENCH_SEARCH_SEEDED=<dir>` keeps Chromium's profile in `<dir>` (the page on a fixed port,
 *   `BENCH_SEARCH_PORT`, 4199, so its origin and database stay the same): the first run stores and
 *   indexes the rows once (the app's indexer, in a worker), later runs of the same size reuse that
 *   database and only time queries (phases default to `query`). The queries read the same index
 *   the app would have built; only the build is not repeated;
 * - `BENCH_SEARCH_CPUPROFILE=<file.cpuprofile>` runs the timed searches once more, alone (no
 *   counts, no checks), under a CPU profile of the page (CDP, 100 µs sampling), writes it and
 *   prints the functions with the most self time;
 * - `BENCH_SEARCH_TRACE=1` prints the requests of each query's counted run (what, rows returned,
 *   issued → answered in ms from the query's start); the table has their count, depth and rows;
 * - `BENCH_SEARCH_PHASES=costs` times single requests of each kind on the store (a word's newest
 *   keys or postings whole, forward and backward; a conversation's docs; messages by range or by
 *   gets), round-robin, each alone in its own transaction.
 */
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright';
import { summariseProfile } from './messaging/cpuprofile';

const ROWS = Number(process.env.BENCH_SEARCH_ROWS ?? 100_000);
const REPEATS = Number(process.env.BENCH_SEARCH_REPEATS ?? 30);
const SEEDED = process.env.BENCH_SEARCH_SEEDED;
const PHASES = new Set(
  (process.env.BENCH_SEARCH_PHASES ?? (SEEDED ? 'query' : 'plain,main,worker,query')).split(','),
);
const CPUPROFILE = process.env.BENCH_SEARCH_CPUPROFILE;
const here = new URL('.', import.meta.url).pathname;

async function bundle(dir: string): Promise<void> {
  await build({
    entryPoints: { page: join(here, 'search/page.ts'), worker: join(here, 'search/worker.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: dir,
    logLevel: 'warning',
  });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>search bench</title><script type="module" src="./page.js"></script>',
  );
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * CPU seconds used so far by the processes this one started (Chromium's browser process, which
 * runs IndexedDB, its renderer and helpers): from /proc, so it reads the work done whatever the
 * machine's load, where wall times swing with it.
 */
function childrenCpuSeconds(): number {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const pid of procs) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces), from its closing parenthesis.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(pid), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // The process ended meanwhile.
    }
  }
  const mine = new Set([process.pid]);
  let total = 0;
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, s] of stats) {
      if (!mine.has(pid) && mine.has(s.ppid)) {
        mine.add(pid);
        total += s.ticks;
        grew = true;
      }
    }
  }
  return total / 100; // USER_HZ
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1048576;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tradewind-search-bench-'));
  await bundle(dir);
  const server = createServer((req, res) => {
    const file = (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '').slice(1);
    try {
      const body = readFileSync(join(dir, file.replace(/\.\.+/g, '')));
      res.writeHead(200, {
        'content-type': file.endsWith('.html') ? 'text/html' : 'text/javascript',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) =>
    server.listen(SEEDED ? Number(process.env.BENCH_SEARCH_PORT ?? 4199) : 0, '127.0.0.1', r),
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const launch = { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] };
  const browser = SEEDED ? null : await chromium.launch(launch);
  const context: BrowserContext = SEEDED
    ? await chromium.launchPersistentContext(SEEDED, launch)
    : await browser!.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'bench' in window);
    const t = 3_600_000;
    page.setDefaultTimeout(t);
    const rate = (ms: number): number => ROWS / (ms / 1000);
    console.log(
      `${fmt(ROWS)} bilingual messages, Chromium ${context.browser()?.version() ?? browser?.version()}`,
    );
    const heap0 = await heapMB(page);
    const plain = PHASES.has('plain') ? await page.evaluate((n) => window.bench.plain(n), ROWS) : null;
    const main = PHASES.has('main')
      ? await page.evaluate((n) => window.bench.indexed(n, 'main'), ROWS)
      : null;
    const worker = PHASES.has('worker')
      ? await page.evaluate((n) => window.bench.indexed(n, 'worker'), ROWS)
      : null;
    const heapIndexed = await heapMB(page);
    if (plain || main || worker) {
      const row = (x: { ms: number; stall: { maxMs: number } }) => ({
        'rows/s': fmt(rate(x.ms)),
        ratio: plain ? fmt(rate(x.ms) / rate(plain.ms), 2) : '',
        'max main stall ms': fmt(x.stall.maxMs),
      });
      console.table({
        ...(plain && {
          'plain bulkPut (baseline)': {
            'rows/s': fmt(rate(plain.ms)),
            ratio: '1.00',
            'max main stall ms': '',
          },
        }),
        ...(main && { 'index build, main thread': row(main) }),
        ...(worker && { 'index build, Web Worker': row(worker) }),
      });
      const built = main ?? worker;
      if (built)
        console.log(
          `index: ${fmt(built.postings / built.rows, 1)} tokens/row, ${fmt(built.indexBytes / 1048576, 1)} MB on disk` +
            (plain ? ` (messages alone ${fmt(plain.bytes / 1048576, 1)} MB)` : '') +
            `; stalls > 50 ms: main ${main?.stall.over50 ?? '–'}, worker ${worker?.stall.over50 ?? '–'}`,
        );
    }
    if (!PHASES.has('query') && !PHASES.has('costs')) return;
    let db = main ? 'bench-index-main' : 'bench-index-worker';
    if (SEEDED) {
      db = 'bench-seeded';
      const seeded = await page.evaluate((n) => window.bench.seeded(n), ROWS);
      console.log(
        seeded.builtMs > 0
          ? `seeded ${SEEDED}: stored and indexed ${fmt(seeded.docs)} messages in ${fmt(seeded.builtMs / 1000, 0)} s (kept for later runs)`
          : seeded.reindexedMs > 0
            ? `seeded ${SEEDED}: re-indexed the stored ${fmt(seeded.docs)} messages after a schema upgrade in ${fmt(seeded.reindexedMs / 1000, 0)} s (the app's background rebuild)`
            : `seeded ${SEEDED}: reusing the index of ${fmt(seeded.docs)} messages`,
      );
    } else if (!main && !worker) throw new Error('BENCH_SEARCH_PHASES: the queries need main or worker');
    const directional = await page.evaluate((name) => window.bench.directionalGetAll(name), db);
    console.log(`getAllKeys with a direction (IndexedDB 3.0): ${directional ? 'yes' : 'no'}`);
    if (PHASES.has('costs')) {
      const kinds = await page.evaluate(([r, name]) => window.bench.costs(r, name), [REPEATS, db] as const);
      console.table(
        Object.fromEntries(
          kinds.map((k) => [
            k.kind,
            {
              rows: fmt(k.rows),
              'p50 ms': fmt(pct(k.times, 50), 2),
              'min ms': fmt(Math.min(...k.times), 2),
              'p95 ms': fmt(pct(k.times, 95), 2),
            },
          ]),
        ),
      );
      if (!PHASES.has('query')) return;
    }
    const queries = await page.evaluate(([r, name]) => window.bench.query(r, name), [REPEATS, db] as const);
    // CPU per search, all of Chromium's processes, each query's searches alone (no counts, checks).
    const cpu: number[] = [];
    for (const i of queries.keys()) {
      const c0 = childrenCpuSeconds();
      await page.evaluate(([r, name, q]) => window.bench.hitsOnly(r, name, q), [REPEATS, db, i] as const);
      cpu.push(((childrenCpuSeconds() - c0) * 1000) / REPEATS);
    }
    // The profile records the timed searches again, alone: the counts and the checks against the
    // full intersection (every key of every term, thousands of rows) would swamp it.
    const cdp = CPUPROFILE ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await page.evaluate(([r, name]) => window.bench.hitsOnly(r, name), [REPEATS, db] as const);
    }
    if (cdp && CPUPROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(CPUPROFILE, JSON.stringify(profile));
      await cdp.detach();
      console.log(`CPU profile of the query phase: ${CPUPROFILE}`);
      console.log(await summariseProfile(CPUPROFILE, 30));
    }
    const heapQueried = await heapMB(page);

    if (process.env.BENCH_SEARCH_TRACE)
      for (const q of queries) console.log(`${q.label}:\n  ${q.hitTrace.join('\n  ')}`);
    const all = queries.flatMap((q) => q.times);
    console.table(
      Object.fromEntries(
        queries.map((q, i) => [
          q.label,
          {
            'hits (count shown)': q.total,
            'exact count': fmt(q.exact),
            'p50 ms': fmt(pct(q.times, 50), 1),
            'p95 ms': fmt(pct(q.times, 95), 1),
            'IDB requests': fmt(q.hitRequests),
            'dependent round trips': fmt(q.hitDepth),
            'rows read': fmt(q.hitRows),
            'CPU ms / search': fmt(cpu[i] ?? NaN, 1),
            'same 50 as full intersection': q.same ? 'yes' : 'NO',
            'count p50 / p95 ms': q.countTimes.length
              ? `${fmt(pct(q.countTimes, 50), 1)} / ${fmt(pct(q.countTimes, 95), 1)}`
              : '',
          },
        ]),
      ),
    );
    console.log(
      `all queries: p50 ${fmt(pct(all, 50), 1)} ms, p95 ${fmt(pct(all, 95), 1)} ms (target p95 ≤ 25 ms), ` +
        `CPU ${fmt(cpu.reduce((a, b) => a + b, 0) / cpu.length, 1)} ms a search (Chromium's processes); ` +
        `JS heap after GC: empty ${fmt(heap0, 1)} MB, after indexing ${fmt(heapIndexed, 1)} MB, after queries ${fmt(heapQueried, 1)} MB`,
    );
  } finally {
    await context.close();
    await browser?.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
