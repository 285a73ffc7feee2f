/**
 * Renderer start-up, before the first screen (issue 10, cold start): what the window's main thread
 * does from `page.reload()` until the signed-in shell is rendered, by CPU self time per source
 * package (zod, dexie, react-dom, the app, …), read from V8's sampling profiler through CDP and
 * mapped back to sources through the build's source maps. Busy CPU time depends far less on the
 * machine's load than wall-clock time; compare builds in the same run, interleaved.
 *
 * `npx tsx bench/boot.ts [<built renderer dir> …]` (dist/renderer without one) — each directory is a
 * `vite build --config vite.renderer.config.ts --outDir <dir>` (source maps are on in that config;
 * `--minify false` keeps function names readable in the top list). A static server serves each
 * build on its own port; a stored session (a made-up account, no server behind it) makes the
 * window open signed in, as a returning user's does: its database is created by a first load, then
 * BOOT_RUNS (10) reloads per build, builds alternating, are profiled (100 µs sampling). Printed:
 * median busy ms per package per build, and the top functions by self time of the first build.
 * Only the renderer's start-up: the data on screen (an empty store) is not what this measures.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';
import { chromium, type Page } from '@playwright/test';

const RUNS = Number(process.env.BOOT_RUNS ?? 10);

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || path.endsWith('/')) file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }),
    ),
  );
}

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMapConsumer | null>();
function mapFor(dir: string, url: string): SourceMapConsumer | null {
  const file = join(dir, new URL(url).pathname);
  if (!maps.has(file)) {
    const m = `${file}.map`;
    maps.set(
      file,
      existsSync(m) ? new SourceMapConsumer(JSON.parse(readFileSync(m, 'utf8')) as RawSourceMap) : null,
    );
  }
  return maps.get(file)!;
}

/** The package (or `app`, `shared`, `(browser)`) a frame's code comes from. */
function packageOf(dir: string, n: Node): string {
  const { url, lineNumber, columnNumber, functionName } = n.callFrame;
  if (!url.startsWith('http')) return functionName.startsWith('(') ? functionName : '(browser)';
  const m = lineNumber >= 0 ? mapFor(dir, url) : null;
  const src = m?.originalPositionFor({ line: lineNumber + 1, column: columnNumber }).source ?? '';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(src);
  if (pkg) return pkg[1]!;
  if (src.includes('shared/')) return 'shared';
  if (src.includes('renderer/src/')) return 'app';
  return src ? 'other' : '(unmapped)';
}

/** A frame's source file (path from the repository, or the package) and line. */
function sourceOf(dir: string, n: Node): string {
  const { url, lineNumber, columnNumber } = n.callFrame;
  if (!url.startsWith('http') || lineNumber < 0) return '?';
  const pos = mapFor(dir, url)?.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
  return pos?.source ? `${pos.source.replace(/^(\.\.\/)+/, '')}` : '?';
}

function srcLine(dir: string, n: Node): number | null {
  const { url, lineNumber, columnNumber } = n.callFrame;
  if (!url.startsWith('http') || lineNumber < 0) return null;
  return mapFor(dir, url)?.originalPositionFor({ line: lineNumber + 1, column: columnNumber }).line ?? null;
}

interface Summary {
  byPkg: Map<string, number>;
  byFn: Map<string, number>;
  /** zod's self time by the nearest caller outside zod (source file): who builds or runs schemas. */
  zodBy: Map<string, number>;
}

function summarise(dir: string, p: Profile): Summary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes as (Node & { children?: number[] })[])
    for (const c of n.children ?? []) parent.set(c, n.id);
  const byPkg = new Map<string, number>();
  const byFn = new Map<string, number>();
  const zodBy = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') return;
    const pkg = packageOf(dir, n);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + dt);
    byPkg.set('= busy', (byPkg.get('= busy') ?? 0) + dt);
    const fn = `${n.callFrame.functionName || '(anonymous)'} [${pkg === 'dexie' || pkg === 'zod' ? sourceOf(dir, n).replace(/^.*node_modules\//, '') + ':' + String(srcLine(dir, n)) : pkg}]`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + dt);
    if (pkg === 'zod') {
      let at = parent.get(id);
      while (at !== undefined && packageOf(dir, byId.get(at)!) === 'zod') at = parent.get(at);
      const caller = at === undefined ? '?' : sourceOf(dir, byId.get(at)!);
      zodBy.set(caller, (zodBy.get(caller) ?? 0) + dt);
    }
  });
  return { byPkg, byFn, zodBy };
}

/** Reload → the shell's navigation is in the DOM (the signed-in first screen); the profile of it. */
async function profiledReload(page: Page): Promise<Profile> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.reload();
  await page.getByRole('navigation').first().waitFor({ timeout: 60_000 });
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await cdp.detach();
  return profile;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(dirs: string[]): Promise<void> {
  const servers = await Promise.all(dirs.map(serve));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const pages: Page[] = [];
    for (const { url } of servers) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(url);
      await page.evaluate(
        (serverUrl) =>
          localStorage.setItem(
            'tradewind.session',
            JSON.stringify({ serverUrl, token: 'bench-boot-token-0123456789', memberId: 'bootbench' }),
          ),
        url.replace(/\/$/, ''),
      );
      await page.reload();
      await page.getByRole('navigation').first().waitFor({ timeout: 60_000 });
      pages.push(page);
    }
    const results = dirs.map(() => [] as Summary[]);
    for (let r = 0; r < RUNS; r++)
      for (let i = 0; i < dirs.length; i++)
        results[i]!.push(summarise(dirs[i]!, await profiledReload(pages[i]!)));
    const pkgs = new Set(results.flatMap((rs) => rs.flatMap((s) => [...s.byPkg.keys()])));
    const rows = [...pkgs]
      .map((k) => ({ k, ms: results.map((rs) => median(rs.map((s) => s.byPkg.get(k) ?? 0))) }))
      .filter((x) => x.ms.some((m) => m >= 0.5))
      .sort((a, b) => b.ms[0]! - a.ms[0]!);
    console.log(`median CPU self time, reload → first screen, ${RUNS} reloads per build, ms`);
    console.log(`| package | ${dirs.join(' | ')} |\n| --- |${dirs.map(() => ' ---: |').join('')}`);
    for (const { k, ms } of rows) console.log(`| ${k} | ${ms.map((m) => m.toFixed(1)).join(' | ')} |`);
    for (let i = 0; i < dirs.length; i++) {
      const by = new Map<string, number>();
      for (const s of results[i]!) for (const [f, ms] of s.zodBy) by.set(f, (by.get(f) ?? 0) + ms / RUNS);
      console.log(`\nzod self time by its nearest caller outside zod (mean of ${RUNS}), ${dirs[i]}:`);
      for (const [f, ms] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 20))
        console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${f}`);
      const fns = new Map<string, number[]>();
      for (const s of results[i]!) for (const [f, ms] of s.byFn) fns.set(f, [...(fns.get(f) ?? []), ms]);
      console.log(`\ntop 25 functions by self time (mean of ${RUNS}), ${dirs[i]}:`);
      for (const [f, ms] of [...fns]
        .map(([f, xs]) => [f, xs.reduce((a, b) => a + b, 0) / RUNS] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25))
        console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${f}`);
    }
  } finally {
    await browser.close();
    for (const { server } of servers) server.close();
  }
}

/** `npm run bench` (bench/run.ts): the build in dist/renderer alone. */
export async function run(): Promise<void> {
  const dist = fileURLToPath(new URL('../dist/renderer', import.meta.url));
  if (!existsSync(join(dist, 'index.html')))
    throw new Error('dist/renderer is missing: npm run build:renderer');
  await main([dist]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2).map((d) => resolve(d));
  await (dirs.length > 0 ? main(dirs) : run());
}
