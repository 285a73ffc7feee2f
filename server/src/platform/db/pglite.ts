import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Queryable, Store } from './store';

/** What the worker answers (pgliteWorker.mjs). */
type Reply =
  | { ready: true }
  | { id: number; value: unknown; error?: undefined }
  | { id: number; error: { message: string; name: string; [field: string]: unknown } };

type Request =
  | { op: 'query'; sql: string; params: readonly unknown[]; tx?: number }
  | { op: 'exec'; sql: string; tx?: number }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' };

/**
 * The embedded store: PGlite (PostgreSQL in WebAssembly) in `<dataDir>/pglite`, run in a worker
 * thread (pgliteWorker.mjs) so that its synchronous WebAssembly and file I/O never hold the socket
 * thread. Statements and results cross the thread boundary by structured clone (Dates, parsed
 * jsonb and bytea arrive as they would in-process); an error keeps PostgreSQL's fields (`code`…).
 */
export async function openPgliteStore(dataDir: string): Promise<Store> {
  const dir = join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const worker = new Worker(new URL('./pgliteWorker.mjs', import.meta.url), {
    workerData: { dir },
    execArgv: profilingOptions(process.execArgv),
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;

  // The worker keeps the process alive only while a request waits for it (a CLI that forgets to
  // close the store still exits; a pending query still gets its answer).
  const settle = (id: number) => {
    const w = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    return w;
  };
  const failAll = (err: Error) => {
    failure ??= err;
    for (const id of [...waiting.keys()]) settle(id)?.reject(err);
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', (m: Reply) =>
      'ready' in m ? resolve() : reject(new Error('PGlite worker: no ready')),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`PGlite worker exited (${code}) while opening ${dir}`)));
  });
  await ready;
  worker.on('message', (m: Reply) => {
    if ('ready' in m) return;
    const w = settle(m.id);
    if (!w) return;
    if (m.error) w.reject(Object.assign(new Error(m.error.message), m.error));
    else w.resolve(m.value);
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`The PGlite worker exited (${code}).`)));
  worker.unref();

  const ask = <T>(req: Request): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ id, ...req });
    });
  };

  const wrap = (tx?: number): Queryable => ({
    query: <T extends object>(sql: string, params: readonly unknown[] = []) =>
      ask<T[]>({ op: 'query', sql, params, ...(tx === undefined ? {} : { tx }) }),
    async exec(sql: string) {
      await ask({ op: 'exec', sql, ...(tx === undefined ? {} : { tx }) });
    },
  });
  const root = wrap();
  return {
    kind: 'pglite',
    query: root.query,
    exec: root.exec,
    // PGlite has one connection; its transaction holds an exclusive lock (in the worker), so
    // other statements wait until this one ends — the isolation the pg pool gives with row locks.
    async transaction(fn) {
      const tx = await ask<number>({ op: 'begin' });
      let result;
      try {
        result = await fn(wrap(tx));
      } catch (err) {
        await ask({ op: 'end', tx, commit: false }).catch(() => undefined);
        throw err;
      }
      await ask({ op: 'end', tx, commit: true });
      return result;
    },
    async close() {
      if (failure) return;
      await ask({ op: 'close' });
      failure = new Error('The store is closed.');
      await worker.terminate();
    },
  };
}

/**
 * Of the process's options, the ones the worker takes too: CPU profiling (`--cpu-prof`, one
 * profile per thread). Not module preloads (`--import`: a worker runs them again, without the
 * TypeScript loader they came with, and this one needs none) nor V8 flags (refused by Worker).
 */
function profilingOptions(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--cpu-prof')) continue;
    out.push(a);
    if (/^--cpu-prof-(dir|name|interval)$/.test(a) && argv[i + 1] !== undefined) out.push(argv[++i]!);
  }
  return out;
}
