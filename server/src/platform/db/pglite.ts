import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RowsOf, Statement, Store, Transaction } from './store';

type WorkerError = { message: string; name: string; [field: string]: unknown };

/** What the worker answers (pgliteWorker.mjs). */
type Reply =
  | { ready: true }
  | { id: number; value: unknown; error?: undefined; at?: number[] }
  | { id: number; error: WorkerError; at?: number[] };

/** A statement as the worker takes it: parameterised, or a script (`exec`). */
type WireStatement = { sql: string; params: readonly unknown[] } | { sql: string; exec: true };

type Request =
  | { op: 'each'; statements: WireStatement[] }
  | { op: 'run'; statements: readonly WireStatement[]; begin?: true; tx?: number; commit?: true }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' };

const toError = (e: WorkerError): Error => Object.assign(new Error(e.message), e);

/**
 * Before `writeAlone`'s statement, in its transaction: its generic plan. Left to choose, the store
 * planned the group commit's write afresh at every call (a custom plan for each set of parameters:
 * its estimated cost is lower), which cost more than the round trip it saves — measured with
 * bench/messaging/commitpath.ts on PGlite, one send at a time: p50 19.9 ms / CPU 4,905 µs a send
 * against 3.1 ms / 2,734 µs with it (a loaded machine; the read path 2.7–4.8 ms / 4,055–4,735).
 */
const GENERIC_PLAN: Statement<object> = { sql: 'set local plan_cache_mode = force_generic_plan', params: [] };

/**
 * Where a request to PGlite's thread spends its time, in ms: [to the thread, waiting there for the
 * lock (an open transaction, an earlier request), running, back to this thread's event loop,
 * 1 when the request commits a transaction, else 0]. Kept only while the process runs with
 * `TRADEWIND_COMMIT_TRACE=1` (the worker then stamps its answers), for bench/messaging.ts, whose
 * probe reads and resets it through `Symbol.for('tradewind.storeTrace')` beside commit.ts's `CommitTrace`.
 */
export interface StoreTrace {
  rows: number[][];
}
const storeTrace: StoreTrace | null = process.env.TRADEWIND_COMMIT_TRACE === '1' ? { rows: [] } : null;
if (storeTrace) (globalThis as Record<symbol, unknown>)[Symbol.for('tradewind.storeTrace')] = storeTrace;
/** The monotonic clock in ms, as the worker reads it. */
const clock = (): number => Number(process.hrtime.bigint()) / 1e6;

/** The embedded store: `Store`, plus the thread it runs on (tests stop it to see a crash surface). */
export interface PgliteStore extends Store {
  readonly worker: Worker;
}

/**
 * The embedded store: PGlite (PostgreSQL in WebAssembly) in `<dataDir>/pglite`, run in a worker
 * thread (pgliteWorker.mjs) so that its synchronous WebAssembly and file I/O never hold the socket
 * thread. Statements and results cross the thread boundary by structured clone (Dates, parsed
 * jsonb and bytea arrive as they would in-process); an error keeps PostgreSQL's fields (`code`…).
 *
 * Each crossing wakes both threads, so they are few: the statements outside transactions that
 * this thread issues in one event-loop turn go over in one message (`each`, each answered for
 * itself); a transaction begins with its first statements (`run` with `begin`) and commits with
 * its last (`commitWith`), so a group commit is two round trips. Should the worker die, whatever
 * waits for it fails, and so does every later call.
 */
export async function openPgliteStore(dataDir: string): Promise<PgliteStore> {
  const dir = join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const worker = new Worker(new URL('./pgliteWorker.mjs', import.meta.url), {
    workerData: { dir },
    execArgv: profilingOptions(process.execArgv),
  });
  const waiting = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; sentAt?: number; commits?: boolean }
  >();
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
    if (storeTrace && m.at && w.sentAt !== undefined) {
      const [received, locked, answered] = m.at.length === 3 ? m.at : [m.at[0]!, m.at[0]!, m.at[1]!];
      storeTrace.rows.push([
        received! - w.sentAt,
        locked! - received!,
        answered! - locked!,
        clock() - answered!,
        w.commits ? 1 : 0,
      ]);
    }
    if (m.error) w.reject(toError(m.error));
    else w.resolve(m.value);
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`The PGlite worker exited (${code}).`)));
  worker.unref();

  const ask = <T>(req: Request): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(
        id,
        storeTrace
          ? {
              resolve: resolve as (v: unknown) => void,
              reject,
              sentAt: clock(),
              commits: req.op === 'run' && req.commit === true,
            }
          : { resolve: resolve as (v: unknown) => void, reject },
      );
      worker.ref();
      worker.postMessage({ id, ...req });
    });
  };

  // Statements outside transactions, gathered until the event loop's check phase: every socket's
  // packets read in this turn have had their say by then.
  let gathered: {
    statement: WireStatement;
    resolve: (rows: unknown[]) => void;
    reject: (e: Error) => void;
  }[] = [];
  const flush = () => {
    const these = gathered;
    if (these.length === 0) return;
    gathered = [];
    ask<({ rows: unknown[] } | { error: WorkerError })[]>({
      op: 'each',
      statements: these.map((g) => g.statement),
    }).then(
      (answers) =>
        answers.forEach((a, i) =>
          'error' in a ? these[i]!.reject(toError(a.error)) : these[i]!.resolve(a.rows),
        ),
      (err: Error) => these.forEach((g) => g.reject(err)),
    );
  };
  const outside = (statement: WireStatement) =>
    new Promise<unknown[]>((resolve, reject) => {
      if (gathered.push({ statement, resolve, reject }) === 1) setImmediate(flush);
    });

  const wire = (statements: readonly Statement<object>[]): WireStatement[] =>
    statements.map((s) => ({ sql: s.sql, params: s.params }));

  const store: PgliteStore = {
    kind: 'pglite',
    worker,
    query: <T extends object>(sql: string, params: readonly unknown[] = []) =>
      outside({ sql, params }) as Promise<T[]>,
    async exec(sql: string) {
      await outside({ sql, exec: true });
    },
    // In order, stopping at the first failure: one message of its own (after what was asked before).
    async batch<S extends readonly Statement<object>[]>(statements: readonly [...S]) {
      flush();
      return (await ask<{ rows: unknown[][] }>({ op: 'run', statements: wire(statements) }))
        .rows as RowsOf<S>;
    },
    // PGlite has one connection; its transaction holds an exclusive lock (in the worker), so
    // other statements wait until this one ends — the isolation the pg pool gives with row locks.
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      // The worker's transaction: opened by the first request, over once committed or failed.
      let id: number | undefined;
      let opening = null as Promise<unknown> | null;
      let over = false;
      const send = async (statements: readonly WireStatement[], commit: boolean): Promise<unknown[][]> => {
        if (opening) await opening.catch(() => undefined);
        if (over) throw new Error('The transaction is over.');
        const first = id === undefined;
        // What this thread asked before the transaction runs before it, as it was asked.
        if (first) flush();
        const reply = ask<{ tx: number; rows: unknown[][] }>({
          op: 'run',
          statements,
          ...(first ? { begin: true } : { tx: id }),
          ...(commit ? { commit: true } : {}),
        });
        if (first) opening = reply;
        try {
          const { tx, rows } = await reply;
          id = tx;
          if (commit) over = true;
          return rows;
        } catch (err) {
          // The worker has rolled back (or never began): the transaction is over, as on PostgreSQL.
          over = true;
          throw err;
        }
      };
      const tx: Transaction = {
        async query<R extends object>(sql: string, params: readonly unknown[] = []) {
          return (await send([{ sql, params }], false))[0] as R[];
        },
        async exec(sql: string) {
          await send([{ sql, exec: true }], false);
        },
        async batch<S extends readonly Statement<object>[]>(statements: readonly [...S]) {
          return (await send(wire(statements), false)) as RowsOf<S>;
        },
        async commitWith<S extends readonly Statement<object>[]>(statements: readonly [...S]) {
          return (await send(wire(statements), true)) as RowsOf<S>;
        },
      };
      let result: T;
      try {
        result = await fn(tx);
      } catch (err) {
        if (opening) await opening.catch(() => undefined);
        if (id !== undefined && !over) {
          over = true;
          await ask({ op: 'end', tx: id, commit: false }).catch(() => undefined);
        }
        throw err;
      }
      if (opening) await opening.catch(() => undefined);
      if (id !== undefined && !over) {
        over = true;
        await ask({ op: 'end', tx: id, commit: true });
      }
      return result;
    },
    writeAlone<T extends object>(s: Statement<T>): Promise<T[]> {
      // One request, posted before this returns (`transaction` runs `fn` at once, and its first
      // request goes out without waiting): a single writer queues its next write behind it.
      return store.transaction(async (tx) => (await tx.commitWith([GENERIC_PLAN, s]))[1]);
    },
    async close() {
      if (failure) return;
      flush();
      await ask({ op: 'close' });
      failure = new Error('The store is closed.');
      await worker.terminate();
    },
  };
  return store;
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
