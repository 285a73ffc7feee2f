// @ts-check
/**
 * The embedded store's thread (pgliteThread.ts starts it): PGlite — PostgreSQL compiled to
 * WebAssembly, which computes synchronously — runs here, so a batch of statements never holds the
 * socket thread (issue 9: event-loop delay p99 up to 2.3 s under load with PGlite on it).
 *
 * Plain JavaScript on purpose: a worker thread starts without the parent's TypeScript loader
 * (vitest runs the server in-process, `npm run server` through tsx), and this file needs nothing
 * but PGlite.
 *
 * Messages in (`workerData.dir` is the data directory):
 *   { id, op: 'query', sql, params, tx? }   rows of one parameterised statement
 *   { id, op: 'exec', sql, tx? }            a script without parameters
 *   { id, op: 'begin' }                     waits for PGlite's transaction lock, answers { tx }
 *   { id, op: 'end', tx, commit }           commits (or rolls back) transaction `tx`
 *   { id, op: 'close' }
 * Messages out: { ready: true } once open, { id, value } or { id, error: { message, ...fields } }.
 *
 * Transactions keep PGlite's own semantics: `db.transaction` holds its exclusive lock until the
 * main thread ends it, and statements outside it (`tx` absent) wait for that, as they did when
 * PGlite ran on the socket thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

if (!parentPort) throw new Error('pgliteWorker.mjs runs as a worker thread (pgliteThread.ts).');
const port = parentPort;

/** Thrown inside a transaction's callback to make PGlite roll it back. */
const ROLLBACK = Symbol('rollback');

/**
 * @typedef {{ query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>, exec: (sql: string) => Promise<unknown> }} Queryable
 * @typedef {{ q: Queryable, end: (commit: boolean) => void, done: Promise<void> }} OpenTx
 */

/** @type {Map<number, OpenTx>} */
const open = new Map();
let nextTx = 1;

/** @param {unknown} err */
function serialise(err) {
  if (err && typeof err === 'object') {
    const e = /** @type {Record<string, unknown>} */ (err);
    /** @type {Record<string, unknown>} */
    const fields = {};
    // PostgreSQL's error fields (code, detail, constraint…) are own properties of PGlite's error.
    for (const [k, v] of Object.entries(e)) if (v === null || typeof v !== 'object') fields[k] = v;
    return { ...fields, message: String(e.message ?? err), name: String(e.name ?? 'Error') };
  }
  return { message: String(err), name: 'Error' };
}

const db = await PGlite.create(/** @type {{ dir: string }} */ (workerData).dir);

/**
 * Opens a transaction once PGlite's lock is ours; it stays open until `end` settles it.
 * @returns {Promise<number>}
 */
function begin() {
  return new Promise((started, failed) => {
    /** @type {(commit: boolean) => void} */
    let end = () => undefined;
    const ended = new Promise((resolve) => (end = resolve));
    /** @type {OpenTx} */
    const entry = { q: db, end, done: Promise.resolve() };
    entry.done = db
      .transaction(async (tx) => {
        entry.q = tx;
        const n = nextTx++;
        open.set(n, entry);
        started(n);
        if (!(await ended)) throw ROLLBACK;
      })
      .then(
        () => undefined,
        (err) => {
          if (err !== ROLLBACK) throw err;
        },
      );
    // A failure before the callback ran (BEGIN itself) fails the request; after it, `end` reports it.
    entry.done.catch(failed);
  });
}

/**
 * @param {{ id: number, op: string, sql?: string, params?: unknown[], tx?: number, commit?: boolean }} m
 * @returns {Promise<unknown>}
 */
async function handle(m) {
  /** @returns {Queryable} */
  const target = () => {
    if (m.tx === undefined) return db;
    const t = open.get(m.tx);
    if (!t) throw new Error(`No open transaction ${m.tx}.`);
    return t.q;
  };
  switch (m.op) {
    case 'query':
      return (await target().query(/** @type {string} */ (m.sql), m.params ?? [])).rows;
    case 'exec':
      await target().exec(/** @type {string} */ (m.sql));
      return null;
    case 'begin':
      return begin();
    case 'end': {
      const t = open.get(/** @type {number} */ (m.tx));
      if (!t) throw new Error(`No open transaction ${m.tx}.`);
      open.delete(/** @type {number} */ (m.tx));
      t.end(m.commit === true);
      await t.done;
      return null;
    }
    case 'close':
      await db.close();
      return null;
    default:
      throw new Error(`Unknown operation ${m.op}.`);
  }
}

port.on('message', (/** @type {{ id: number, op: string }} */ m) => {
  handle(m).then(
    (value) => port.postMessage({ id: m.id, value }),
    (err) => port.postMessage({ id: m.id, error: serialise(err) }),
  );
});
port.postMessage({ ready: true });
