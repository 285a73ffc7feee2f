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
 * Alone: `npm run bench -- search`.
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright';

const ROWS = Number(process.env.BENCH_SEARCH_ROWS ?? 100_000);
const REPEATS = Number(process.env.BENCH_SEARCH_REPEATS ?? 30);
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
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'bench' in window);
    const t = 600_000;
    page.setDefaultTimeout(t);
    const heap0 = await heapMB(page);
    const plain = await page.evaluate((n) => window.bench.plain(n), ROWS);
    const main = await page.evaluate((n) => window.bench.indexed(n, 'main'), ROWS);
    const heapIndexed = await heapMB(page);
    const queries = await page.evaluate((r) => window.bench.query(r), REPEATS);
    const heapQueried = await heapMB(page);
    const worker = await page.evaluate((n) => window.bench.indexed(n, 'worker'), ROWS);

    const rate = (ms: number): number => ROWS / (ms / 1000);
    const all = queries.flatMap((q) => q.times);
    console.log(`${fmt(ROWS)} bilingual messages, Chromium ${browser.version()}`);
    console.table({
      'plain bulkPut (baseline)': { 'rows/s': fmt(rate(plain.ms)), ratio: '1.00', 'max main stall ms': '' },
      'index build, main thread': {
        'rows/s': fmt(rate(main.ms)),
        ratio: fmt(rate(main.ms) / rate(plain.ms), 2),
        'max main stall ms': fmt(main.stall.maxMs),
      },
      'index build, Web Worker': {
        'rows/s': fmt(rate(worker.ms)),
        ratio: fmt(rate(worker.ms) / rate(plain.ms), 2),
        'max main stall ms': fmt(worker.stall.maxMs),
      },
    });
    console.log(
      `index: ${fmt(main.postings / main.rows, 1)} tokens/row, ${fmt(main.indexBytes / 1048576, 1)} MB on disk ` +
        `(messages alone ${fmt(plain.bytes / 1048576, 1)} MB); stalls > 50 ms: main ${main.stall.over50}, worker ${worker.stall.over50}`,
    );
    console.table(
      Object.fromEntries(
        queries.map((q) => [
          q.label,
          {
            hits: fmt(q.total),
            'p50 ms': fmt(pct(q.times, 50), 1),
            'p95 ms': fmt(pct(q.times, 95), 1),
            'same 50 as full intersection': q.same ? 'yes' : 'NO',
            'count p50 / p95 ms': q.countTimes.length
              ? `${fmt(pct(q.countTimes, 50), 1)} / ${fmt(pct(q.countTimes, 95), 1)}`
              : '',
          },
        ]),
      ),
    );
    console.log(
      `all queries: p50 ${fmt(pct(all, 50), 1)} ms, p95 ${fmt(pct(all, 95), 1)} ms (target p95 ≤ 25 ms); ` +
        `JS heap after GC: empty ${fmt(heap0, 1)} MB, after indexing ${fmt(heapIndexed, 1)} MB, after queries ${fmt(heapQueried, 1)} MB`,
    );
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
